"""Words in capitals shout at the prospect.

## Why is this bad?
ALL CAPS is hype: it raises your voice instead of giving a reason. Stay a
little less enthusiastic than the prospect.

## Example
I am SO excited to share the BEST deal of the year.

## Use instead
Here is what changed for a team your size.

## Fix safety
Safe for the words in `rules/lexicons/shouting.txt` (FREE, NOW, SO…): lower-casing
them changes only the volume. Unsafe for other words in capitals (five letters or
more): an acronym the list does not know (HIPAA) would be spoiled, so review it. A
word that starts a sentence keeps its capital ("AMAZING results" becomes "Amazing results").
The name inside a merge tag ("%COMPANYNAME%", "*|FNAME|*") is not shouting: the reader sees what fills it.
"""
from __future__ import annotations

import re
import sys

from emaillint.base import mergetags
from emaillint.base.lexicons import lexicon_set
from emaillint.base.problem import Edit, Finding, Fix, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL504", name="hype.shouting", category="hype",
                 principle=5, level=Level.WARNING, fix="mixed")
# A word of two capitals or more: \b[A-Z]{2,}\b, spelled with its first capital ahead of the look-behind that
# stands for the leading \b, so that ``re`` jumps from capital to capital instead of trying every character
# (3x faster; tests/core/test_fast_patterns.py holds the two spellings to the same matches)
_CAPS = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]+\b")


def _shouted(word: str) -> bool:
    low = word.lower()
    if low in lexicon_set("shouting"):
        return True
    return len(word) >= 5 and low not in lexicon_set("acronyms")


def shouted_words(text: str) -> list[re.Match]:
    """The words of ``text`` in capitals that shout, outside merge tags ("%FIRSTNAME%", "[BUSINESS NAME]": a
    field's name, which the reader never sees)."""
    found = [m for m in _CAPS.finditer(text) if _shouted(m.group())]
    if not found:
        return found
    tags = mergetags.spans(text)
    return [m for m in found if not any(a <= m.start() and m.end() <= b for a, b in tags)]


def check(ctx):
    for part in (ctx.email.subject, *ctx.email.body):
        if part is None:
            continue
        for m in shouted_words(part.text):
            start, end = part.start + m.start(), part.start + m.end()
            known = m.group().lower() in lexicon_set("shouting")
            fix = Fix(f"Write '{m.group().lower()}'", (Edit(start, end, m.group().lower()),), safe=known)
            yield Finding(start, end, f"'{m.group()}' in capitals shouts: let the facts carry the weight.",
                          f"Try: '{m.group().lower()}'.", fix)
