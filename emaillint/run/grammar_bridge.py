"""Connect the LanguageTool backend (``emaillint.grammar``) to the engine.

Sends only the author's parts (subject, greeting, body), with Jinja tags
marked up so LanguageTool reads "{{ first_name }}" as a name, and turns its
matches into Problems with codes EL901 (grammar) and EL902 (spelling). When
no server can be had the run goes on: one warning line, coaching intact.
"""
from __future__ import annotations

from emaillint.run.config import GrammarConfig
from emaillint.anatomy.document import Document
from emaillint.judge.engine import stamp
from emaillint.base.problem import Edit, Finding, Fix, Problem
from emaillint.judge.registry import find_rule


def _markup(doc: Document, start: int, end: int, examples: dict) -> tuple:
    out = []
    for tag in doc.tags:
        if start <= tag.start and tag.end <= end:
            value = ""
            if tag.kind == "expr":
                name = tag.inner.split("|")[0].strip()
                value = str(examples.get(name, "Sam"))
            out.append((tag.start - start, tag.end - start, value))
    return tuple(out)


def _examples(doc: Document) -> dict:
    from emaillint.read.rendering import front_matter_values

    return front_matter_values(doc.email.front_matter)


def segments(doc: Document):
    from emaillint.grammar import Segment

    examples = _examples(doc)
    out = []
    for part in doc.email.author_parts():
        src_start, src_end, exact = doc.source_span(part.start, part.end)
        if not exact:
            continue
        text = doc.source.text[src_start:src_end] if doc.fmt != "eml" else part.text
        markup = _markup(doc, src_start, src_end, examples) if doc.fmt == "jinja" else ()
        out.append(Segment(src_start if doc.fmt != "eml" else part.start, text, markup))
    return out


RETRY_AFTER = 60.0  # seconds before a server given up on is asked again (the language server lives long)
_UNAVAILABLE: dict[str, tuple[float, str]] = {}  # server -> (when, why) it was given up on


def grammar_problems(doc: Document, settings: GrammarConfig, warn) -> list[Problem]:
    try:
        from emaillint.grammar import GrammarUnavailable, check
    except ImportError as exc:
        warn(f"grammar checks are unavailable ({exc}); install with: pip install 'emaillint[grammar]'")
        return []
    import time

    server = settings.url or "local"
    given_up = _UNAVAILABLE.get(server)
    if given_up and time.monotonic() - given_up[0] < RETRY_AFTER:  # circuit breaker: a silent server
        warn(given_up[1])                                          # must not cost minutes per file
        return []
    try:
        matches = check(segments(doc), settings)  # a GrammarConfig is a GrammarOptions
    except GrammarUnavailable as exc:
        _UNAVAILABLE[server] = (time.monotonic(), f"grammar checks skipped: {exc}")
        warn(_UNAVAILABLE[server][1])
        return []
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        # an answer of the wrong shape (null matches, strings for offsets…): keep the coaching findings
        warn(f"grammar checks skipped: the LanguageTool answer could not be read ({type(exc).__name__}: {exc})")
        return []
    problems = []
    for m in matches:
        rule = find_rule("EL902" if m.category == "spelling" else "EL901")
        fix = Fix(f"Replace with '{m.replacements[0]}'", (Edit(m.start, m.end, m.replacements[0]),)) if m.replacements else None
        suggestion = "Try: " + " / ".join(f"'{r}'" for r in m.replacements[:3]) if m.replacements else None
        finding = Finding(m.start, m.end, f"{m.message} [{m.rule_id}]", suggestion, fix)
        problem = stamp(rule, finding, doc, rule.spec.level)
        problems.append(problem.__class__(**{**problem.__dict__, "name": f"{rule.spec.category}.{m.rule_id}", "source": "languagetool"}))
    return problems
