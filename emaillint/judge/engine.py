"""Run the rules over one prepared document and stamp their findings.

Rules yield Findings; the engine adds the rule's identity (code, name,
category, level), maps offsets back to the source, drops findings that land
on template syntax, applies inline suppressions, reports unused ones, and
scores the result. Rules never label themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from emaillint.anatomy import kind as kinds

from emaillint.judge import scoring

from emaillint.read import suppress
from emaillint.judge.analysis import asks
from emaillint.anatomy.document import Document
from emaillint.base.problem import Edit, FileReport, Finding, Fix, Problem
from emaillint.judge.spec import Rule

class Analysis:
    """Per-document results several rules share, computed once on first use."""

    def __init__(self, doc: Document):
        self.doc = doc

    @cached_property
    def asks(self):
        """(sentence, Ask) for every ask in the body, in order."""
        found = []
        for s in self.doc.email.sentences():
            ask = asks.classify(s.text, s.is_question)
            if ask is not None:
                found.append((s, ask))
        return found


    @cached_property
    def orientation(self) -> list[str]:
        """'seller' / 'prospect' / 'neutral' per body sentence (same order as sentences())."""
        from emaillint.judge.analysis import orientation

        from emaillint.anatomy.parts import seller_names

        return orientation.orient_all(self.doc.email.sentences(), seller_names(self.doc.email))


@dataclass
class Context:
    """What a rule may look at: the parsed email, its kind and the rule's options."""

    doc: Document
    kind: str
    options: dict = field(default_factory=dict)
    shared: Analysis | None = None

    @property
    def email(self):
        return self.doc.email

    @property
    def asks(self):
        if self.shared is None:
            self.shared = Analysis(self.doc)
        return self.shared.asks

    @property
    def orientation(self) -> list[str]:
        if self.shared is None:
            self.shared = Analysis(self.doc)
        return self.shared.orientation

    def _own_subject(self) -> bool:
        """A "Re:" subject on a reply is the thread's subject, often the prospect's words, not the author's."""
        subject = self.email.subject
        if subject is None:
            return False
        from emaillint.base.lexicons import reply_prefix

        inherited = bool(self.email.quotes) and reply_prefix().match(subject.text) is not None
        return not inherited

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
            from emaillint.anatomy.sentences import split

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


def stamp(rule: Rule, finding: Finding, doc: Document, level) -> Problem:
    """A rule's finding as a Problem placed in the source file (the one place findings become problems)."""
    start, end, exact = doc.source_span(finding.start, finding.end)
    line, column = doc.index.position(start)
    end_line, end_column = doc.index.position(end)
    return Problem(rule.code, rule.name, rule.spec.category, level, finding.message, start, end,
                   line, column, end_line, end_column, finding.suggestion, _source_fix(finding.fix, doc) if exact else None)


def run_rules(doc: Document, rules: list[tuple[Rule, dict, object]], declared_kind: str | None) -> tuple[str, list[Problem]]:
    """Problems from every rule (before suppressions). ``rules`` holds (rule, options, level)."""
    kind = kinds.decide(doc.email, declared_kind)
    shared = Analysis(doc)
    problems: list[Problem] = []
    for rule, options, level in rules:
        if rule.spec.kinds and kind not in rule.spec.kinds:
            continue
        for finding in rule.check(Context(doc, kind, options, shared)):
            problems.append(stamp(rule, finding, doc, level))
    if doc.fmt == "jinja":  # a loop renders its body N times: one finding per place in the template
        seen: set = set()
        problems = [p for p in problems if (key := (p.code, p.start, p.end, p.message)) not in seen and not seen.add(key)]
    return kind, problems


def apply_suppressions(doc: Document, problems: list[Problem], unused_rule: Rule | None, unused_level) -> list[Problem]:
    """Drop suppressed problems; report directives that silenced nothing."""
    if not doc.directives:
        return problems
    kept, used = [], set()
    for p in problems:
        d = suppress.is_suppressed(doc.directives, p.line, p.code, p.name, p.category)
        if d is None:
            kept.append(p)
        else:
            used.add(d)
    if unused_rule is not None:
        for d in doc.directives:
            if d not in used and d.action not in ("enable",):
                finding = Finding(d.start, d.end, f"This 'emaillint: {d.action}' comment silences nothing: remove it.",
                                  "Try: delete the comment.")
                kept.append(stamp(unused_rule, finding, doc, unused_level))
    return kept


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


def build_report(doc: Document, kind: str, problems: list[Problem], categories: tuple[str, ...]) -> FileReport:
    problems = once_per_fault(problems)
    problems.sort(key=lambda p: (p.line, p.column, p.code))
    total, subscores = scoring.score(problems, kind, categories)
    from emaillint.judge.analysis.readability import grade_of
    from emaillint.judge.analysis.text import words

    sentences = [s.text for s in doc.email.sentences()]
    grade = grade_of(sentences)
    stats = {"words": sum(len(words(s)) for s in sentences), "sentences": len(sentences),
             "reading_grade": None if grade is None else round(grade, 1)}
    if grade is None:
        stats["reading_note"] = "too short to grade"
    return FileReport(doc.source.path, kind, total, problems, subscores, stats)
