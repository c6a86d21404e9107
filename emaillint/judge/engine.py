"""Run the rules over one prepared document and stamp their findings.

Rules yield Findings; the engine adds the rule's identity (code, name,
category, level), maps offsets back to the source, keeps at most a hundred
findings per rule, applies the inline suppression comments, then runs the
rules that judge the comments themselves (EL003), and scores the result.
Rules never label themselves, and the engine knows no rule by its code.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from emaillint.anatomy import kind as kinds

from emaillint.judge import datarules, scoring

from emaillint.read import suppress
from emaillint.judge.analysis import asks, orientation
from emaillint.judge.analysis.readability import grade_of
from emaillint.judge.analysis.text import words
from emaillint.anatomy.parts import seller_names
from emaillint.anatomy.sentences import split
from emaillint.base.lexicons import reply_prefix
from emaillint.anatomy.document import Document
from emaillint.base.vocabulary import AskKind, EmailKind, Orientation
from emaillint.base.problem import Edit, FileReport, Finding, Fix, Problem
from emaillint.judge.spec import Rule

class Analysis:
    """Per-document results several rules (and the report) share, computed once on first use.

    ``grammar``: LanguageTool settings when grammar checks are on (None: off); ``warn`` prints a
    one-line warning (LanguageTool unreachable)."""

    def __init__(self, doc: Document, grammar=None, warn=None, rules: tuple = ()):
        self.doc = doc
        self.rules = rules  # the rules of this run
        self.grammar_settings = grammar
        self.warn = warn or (lambda message: None)
        self._grammar: list | None = None
        self.scope_masks: dict[tuple[str, ...], int] = {}  # see datarules._anywhere

    @property
    def grammar(self) -> list:
        """LanguageTool's matches on the author's own text (EL901 and EL902 share one request). Not a
        cached_property: before Python 3.12 its lock is shared by every instance, so the language server's
        fast pass would wait for a slow LanguageTool answer in its grammar pass."""
        if self.grammar_settings is None:
            return []
        if self._grammar is None:
            from emaillint.judge.grammar_bridge import matches

            self._grammar = matches(self.doc, self.grammar_settings, self.warn)
        return self._grammar

    @cached_property
    def reading(self) -> tuple[int, int, float | None]:
        """(words, sentences, Flesch-Kincaid grade or None when too short) of the body: EL803 and the stats."""
        sentences = [s.text for s in self.doc.email.sentences()]
        return sum(len(words(s)) for s in sentences), len(sentences), grade_of(sentences)

    @cached_property
    def data_gate(self):
        """Which of the run's data rules could match each part, worked out for all of them at once."""
        return datarules.gate_for(self.rules)

    @cached_property
    def own_subject(self) -> bool:
        """A "Re:" subject on a reply is the thread's subject, often the prospect's words, not the author's
        (asked by every rule whose scope takes the subject)."""
        subject = self.doc.email.subject
        if subject is None:
            return False
        inherited = bool(self.doc.email.quotes) and reply_prefix().match(subject.text) is not None
        return not inherited

    @cached_property
    def asks(self):
        """(sentence, Ask) for every ask in the body, in order. A list item that names a feature ("Complete inventory
        import", or any item of a list of what we offer) is not a request, whatever verb it starts with."""
        found = []
        for i, s in enumerate(self.doc.email.sentences()):
            ask = asks.classify(s.text, s.is_question)
            if ask is None or (s.list_item and ask.kind is AskKind.REQUEST and (
                    asks.names_a_feature(s.text) or self.orientation[i] == Orientation.DATA)):
                continue  # an item under "Here's what I do:" ("Call your leads in 5 minutes") is the offer's feature
            found.append((s, ask))
        return found

    @cached_property
    def seller_names(self) -> frozenset[str]:
        """The sender's organisation and site names (the orientation and EL201 both ask)."""
        return seller_names(self.doc.email)

    @cached_property
    def orientation(self) -> list[Orientation]:
        """Whom each body sentence is about (same order as sentences())."""
        return orientation.orient_all(self.doc.email.sentences(), self.seller_names)


@dataclass
class Context:
    """What a rule may look at: the parsed email, its kind and the rule's options."""

    doc: Document
    kind: EmailKind
    options: dict = field(default_factory=dict)
    shared: Analysis | None = None
    silencing: suppress.Silencing | None = None  # for rules that run after suppression (EL003)
    rules: tuple = ()  # the rules of this run

    @property
    def email(self):
        return self.doc.email

    @property
    def grammar(self) -> list:
        if self.shared is None:
            self.shared = Analysis(self.doc)
        return self.shared.grammar

    @property
    def reading_grade(self) -> float | None:
        if self.shared is None:
            self.shared = Analysis(self.doc)
        return self.shared.reading[2]

    @property
    def asks(self):
        if self.shared is None:
            self.shared = Analysis(self.doc)
        return self.shared.asks

    @property
    def orientation(self) -> list[Orientation]:
        if self.shared is None:
            self.shared = Analysis(self.doc)
        return self.shared.orientation

    def _own_subject(self) -> bool:
        if self.shared is None:
            self.shared = Analysis(self.doc)
        return self.shared.own_subject

    def parts_in(self, scope: tuple[str, ...]):
        """The email parts a scope covers (a cheap pre-filter before sentence work)."""
        email = self.email
        parts = []
        if "subject" in scope and email.subject and self._own_subject():
            parts.append(email.subject)
        if "greeting" in scope and email.greeting:
            parts.append(email.greeting)
        if "body" in scope:
            parts += email.body
        return parts

    def sentences_in(self, scope: tuple[str, ...]):
        out = []
        if "subject" in scope and self._own_subject():
            out += self.email.subject_sentences()
        if "greeting" in scope and self.email.greeting:
            out += split(self.email.greeting.text, self.email.greeting.start)
        if "body" in scope:
            out += self.email.sentences()
        return out


def _source_fix(fix: Fix | None, doc: Document) -> Fix | None:
    """The fix with its edits moved to source offsets; None when they cannot be placed exactly."""
    if fix is None:
        return None
    edits = []
    for edit in fix.edits:
        start, end, exact = doc.source_span(edit.start, edit.end)
        if not exact:
            return None
        edits.append(Edit(start, end, edit.text))
    return Fix(fix.title, tuple(edits), fix.safe)


def _checked_fix(rule: Rule, fix: Fix | None, doc: Document) -> Fix | None:
    """The rule's fix as the engine offers it: with the safety the rule declares (a rule that declares
    no fix offers none), only on the author's own words (never a quote, a signature or template syntax),
    and tidied so the sentence stays correct (see ``tidy``); None when any of that fails."""
    declared = rule.spec.fix
    if fix is None or declared is None or not fix.edits:
        return None
    from emaillint.judge.tidy import tidy_edit  # only for a finding with a fix: off a one-draft run's start-up

    email = doc.email
    subject = email.subject
    starts = [s.start for s in email.sentences()]
    edits: list[Edit] = []
    for edit in sorted(fix.edits, key=lambda e: e.start):
        if not any(p.start <= edit.start and edit.end <= p.end for p in email.author_parts()):
            return None
        in_subject = subject is not None and subject.start <= edit.start <= subject.end
        tidied = tidy_edit(doc.analysed, edit, [] if in_subject else starts, capitalise=not in_subject)
        if tidied is None or (edits and tidied.start < edits[-1].end):
            return None
        edits.append(tidied)
    safe = fix.safe if declared == "mixed" else declared == "safe"
    return _source_fix(Fix(fix.title, tuple(edits), safe), doc)


def stamp(rule: Rule, finding: Finding, doc: Document, level) -> Problem:
    """A rule's finding as a Problem placed in the source file (the one place findings become problems).
    A finding from an outside checker is named after its rule there (``grammar.MORFOLOGIK_RULE_EN_US``)."""
    if finding.in_source:
        start, end = finding.start, finding.end
        fix = finding.fix if rule.spec.fix else None
    else:
        start, end, exact = doc.source_span(finding.start, finding.end)
        fix = _checked_fix(rule, finding.fix, doc) if exact else None
    line, column = doc.index.position(start)
    end_line, end_column = doc.index.position(end)
    source, name = ("emaillint", rule.name) if finding.origin is None else \
        (finding.origin[0], f"{rule.spec.category}.{finding.origin[1]}")
    return Problem(rule.code, name, rule.spec.category, level, finding.message, start, end, line, column,
                   end_line, end_column, finding.suggestion, fix,
                   source,
                   tuple(doc.source_span(a, b)[:2] for a, b in finding.marks))


@dataclass
class Judgement:
    """One document judged: its kind, the problems left, what comments silenced, the shared analysis."""

    kind: EmailKind
    problems: list[Problem]
    silenced: list  # (problem, {"line", "comment"})
    shared: Analysis


def judge(doc: Document, rules: list[tuple[Rule, dict, object]], declared_kind: str | None, *,
          grammar=None, warn=None) -> Judgement:
    """Run ``rules`` ((rule, options, level) each) over ``doc``: first those that judge the email, then,
    once the suppression comments have been applied, those that judge the comments."""
    kind = kinds.decide(doc.email, declared_kind)
    run = tuple(rule for rule, _, _ in rules)
    shared = Analysis(doc, grammar, warn, run)
    problems = _run([r for r in rules if not r[0].spec.after_suppression], doc, kind, shared, None, run)
    if doc.fmt == "jinja":  # a loop renders its body N times: one finding per place in the template
        seen: set = set()
        problems = [p for p in problems if (key := (p.code, p.start, p.end, p.message)) not in seen and not seen.add(key)]
    silencing = suppress.apply(doc.directives, _inside(_at_most_per_rule(problems), len(doc.source.text)))
    later = _run([r for r in rules if r[0].spec.after_suppression], doc, kind, shared, silencing, run)
    return Judgement(kind, silencing.kept + later, silencing.silenced, shared)


def _run(rules, doc: Document, kind: EmailKind, shared: Analysis, silencing, run: tuple) -> list[Problem]:
    problems: list[Problem] = []
    ctx = Context(doc, kind, {}, shared, silencing, run)  # one per email: each rule's findings are taken in full
    for rule, options, level in rules:  # before the next rule gets it with its own options
        if rule.spec.kinds and kind not in rule.spec.kinds:
            continue
        ctx.options = options
        for finding in rule.check(ctx):
            problems.append(stamp(rule, finding, doc, level))
    return problems


MAX_PER_RULE = 100  # findings of one rule in one file; a hostile draft (a page of cliches) would have thousands


def _at_most_per_rule(problems: list) -> list:
    """The first MAX_PER_RULE findings of each rule, in order: the score is capped per category anyway,
    and thousands of findings only slow down every later step (and the editor)."""
    counts: dict[str, int] = {}
    kept = []
    for problem in problems:
        counts[problem.code] = counts.get(problem.code, 0) + 1
        if counts[problem.code] <= MAX_PER_RULE:
            kept.append(problem)
    return kept


def _inside(problems: list, size: int) -> list:
    """Every finding's offsets inside the text: an .eml body decoded from bytes that lie about their
    charset can map a line past the end of the file (found by fuzzing)."""
    out = []
    for p in problems:
        if p.end > size or p.start > size:
            fix = p.fix if p.fix is None or all(e.end <= size for e in p.fix.edits) else None
            p = replace(p, start=min(p.start, size), end=min(p.end, size), fix=fix)
        out.append(p)
    return out


def once_per_fault(problems: list[Problem]) -> list[Problem]:
    """One finding per fault: two rules of one category on the same words ("QUICK QUESTION!!!" as
    hype word and as shouting) are one fault. The higher level stays, then the more specific rule (the
    later code in its category: EL504 "shouting", with its fix, over EL501 "hype words")."""
    kept: list[Problem] = []
    by_category: dict[str, list[Problem]] = {}
    for p in sorted(problems, key=lambda p: (-p.level, p.start, tuple(-ord(c) for c in p.code))):
        same = by_category.setdefault(p.category, [])
        if not any(k.code != p.code and k.start < max(p.end, p.start + 1) and p.start < max(k.end, k.start + 1) for k in same):
            kept.append(p)
            same.append(p)
    return kept


def build_report(doc: Document, judgement: Judgement, problems: list[Problem], categories: tuple[str, ...]) -> FileReport:
    """The report: one finding per fault, in reading order, the score and the reading stats."""
    problems = once_per_fault(problems)
    problems.sort(key=lambda p: (p.line, p.column, p.code))
    total, subscores = scoring.score(problems, judgement.kind, categories)
    words, sentences, grade = judgement.shared.reading
    stats = {"words": words, "sentences": sentences, "reading_grade": None if grade is None else round(grade, 1)}
    if grade is None:
        stats["reading_note"] = "too short to grade"
    return FileReport(doc.source.path, judgement.kind, total, problems, subscores, stats,
                      suppressed=[p for p, _ in judgement.silenced], suppressed_by=[by for _, by in judgement.silenced],
                      text=doc.source.text)
