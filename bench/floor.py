"""The floor for the peer table: 30 regular-expression rules and nothing else.

    python bench/floor.py FILE_OR_FOLDER...

What the cheapest possible email linter costs: read each file, run 30 compiled
case-insensitive patterns over the whole text (phrase lists of the kind every
prose linter has), print one line per match. No parsing, no sentences, no
judgement. bench/peers.py times it beside emaillint and the real peers.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

RULES = [
    ("checking-in", r"\b(?:just )?(?:checking|circling) (?:in|back)\b"),
    ("following-up", r"\b(?:just )?following up\b"),
    ("touching-base", r"\btouch(?:ing)? base\b"),
    ("bumping", r"\bbump(?:ing)? (?:this|it) (?:up|to the top)\b"),
    ("hedge-just", r"\bjust\b"),
    ("hedge-maybe", r"\b(?:maybe|perhaps|possibly)\b"),
    ("hedge-think", r"\bi (?:think|believe|feel|guess)\b"),
    ("apology", r"\b(?:sorry to (?:bother|disturb|trouble)|apologi[sz]e for)\b"),
    ("busy", r"\bi know you(?:'re| are) busy\b"),
    ("hype", r"\b(?:revolutionary|game[- ]chang(?:er|ing)|cutting[- ]edge|world[- ]class|best[- ]in[- ]class)\b"),
    ("hype-2", r"\b(?:amazing|incredible|unbelievable|awesome|truly)\b"),
    ("leading", r"\b(?:the|a) (?:leading|premier|top)\b"),
    ("synergy", r"\b(?:synergy|synergies|leverage|paradigm)\b"),
    ("pressure", r"\b(?:act now|limited time|don't miss|last chance|urgent)\b"),
    ("exclamations", r"!{2,}"),
    ("shouting", r"\b[A-Z]{5,}\b"),
    ("self-intro", r"\bmy name is\b"),
    ("we-we", r"\bwe (?:are|have|offer|provide|help)\b"),
    ("our-platform", r"\bour (?:platform|solution|product|tool|software)\b"),
    ("weak-close", r"\b(?:let me know|feel free to|looking forward to)\b"),
    ("interested", r"\b(?:would you be|are you) interested\b"),
    ("quick-call", r"\bquick (?:call|chat|question)\b"),
    ("demo", r"\b(?:a|book a|schedule a) demo\b"),
    ("did-you-see", r"\bdid you (?:get|see|receive|have a chance)\b"),
    ("any-update", r"\bany (?:update|updates|news)\b"),
    ("hope-well", r"\bhope (?:this|you|all)(?: email)? (?:finds|are|is) (?:you )?well\b"),
    ("reach-out", r"\breach(?:ing)? out\b"),
    ("transform", r"\btransform (?:your|the)\b"),
    ("guarantee", r"\b(?:guarantee[ds]?|100%)\b"),
    ("very", r"\b(?:very|really|extremely) \w+"),
]
COMPILED = [(name, re.compile(pattern, re.I)) for name, pattern in RULES]


def files(args: list[str]):
    for arg in args:
        path = Path(arg)
        yield from sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def main(args: list[str]) -> int:
    found = 0
    out = []
    for path in files(args):
        text = path.read_text(encoding="utf-8", errors="replace")
        for name, pattern in COMPILED:
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                out.append(f"{path}:{line}: {name}: '{m.group()}'")
                found += 1
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))
    return 1 if found else 0


if __name__ == "__main__":
    assert len(RULES) == 30
    sys.exit(main(sys.argv[1:]))
