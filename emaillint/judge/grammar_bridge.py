"""Connect the LanguageTool backend (``emaillint.grammar``) to the rules EL901 and EL902.

Sends only the author's parts (subject, greeting, body), with Jinja tags
marked up so LanguageTool reads "{{ first_name }}" as a name, once per draft
(the engine's shared analysis), and turns each match into a Finding of the
rule for its category: EL901 grammar, EL902 spelling. When no server can be
had the run goes on: one warning line, coaching intact.
"""
from __future__ import annotations

from emaillint.anatomy.document import Document
from emaillint.base.problem import Edit, Finding, Fix


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


def matches(doc: Document, settings, warn) -> list:
    """LanguageTool's matches on the draft's own text, in the offsets of the analysed text ([] when none
    can be had: a warning says why). ``settings``: the run's GrammarOptions."""
    try:
        from emaillint.grammar import GrammarUnavailable, check
    except ImportError as exc:
        warn(f"grammar checks are unavailable ({exc}); install with: pip install '.[grammar]' in a clone of emaillint")
        return []
    import time
    from dataclasses import replace

    server = settings.url or "local"
    given_up = _UNAVAILABLE.get(server)
    if given_up and time.monotonic() - given_up[0] < RETRY_AFTER:  # circuit breaker: a silent server
        warn(given_up[1])                                          # must not cost minutes per file
        return []
    try:
        found = check(segments(doc), settings)
    except GrammarUnavailable as exc:
        _UNAVAILABLE[server] = (time.monotonic(), f"grammar checks skipped: {exc}")
        warn(_UNAVAILABLE[server][1])
        return []
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        # an answer of the wrong shape (null matches, strings for offsets…): keep the coaching findings
        warn(f"grammar checks skipped: the LanguageTool answer could not be read ({type(exc).__name__}: {exc})")
        return []
    if doc.fmt == "eml":  # segments were cut from the analysed text; the others from the source
        return found
    return [replace(m, start=doc.to_analysed(m.start), end=doc.to_analysed(m.end)) for m in found]


def findings(ctx, category: str):
    """The Findings of one LanguageTool category ("grammar" or "spelling") for a rule's check."""
    for m in ctx.grammar:
        if (m.category == "spelling") != (category == "spelling"):
            continue
        fix = Fix(f"Replace with '{m.replacements[0]}'", (Edit(m.start, m.end, m.replacements[0]),)) if m.replacements else None
        suggestion = "Try: " + " / ".join(f"'{r}'" for r in m.replacements[:3]) if m.replacements else None
        yield Finding(m.start, m.end, f"{m.message} [{m.rule_id}]", suggestion, fix, origin=("languagetool", m.rule_id))
