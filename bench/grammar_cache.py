#!/usr/bin/env python3
"""How much the on-disk LanguageTool cache saves: the same drafts checked cold, then warm, side by side.

Needs a LanguageTool server (``scripts/languagetool-server start`` prints its URL):

    python bench/grammar_cache.py --url http://127.0.0.1:8081 [--repeats 5]

Each repeat checks the same segments with an empty cache folder (every segment
goes to the server) and then again with the filled folder (none does); the
figure is the ratio of the medians. The test suite only checks that the warm
run sends no request.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from emaillint.grammar import GrammarOptions, Segment, check  # noqa: E402

TEXTS = ["This are a test of the recieve path.", "How do you handle approvals at Northwind today?",
         "I suggest a call on Tuesday at 10am to walk through what we saw.", "Thsi sentence has a typo."]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", required=True)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    segments, at = [], 0
    for text in TEXTS:
        segments.append(Segment(at, text))
        at += len(text) + 2
    cold, warm = [], []
    for _ in range(args.repeats):
        with tempfile.TemporaryDirectory() as folder:
            options = GrammarOptions(url=args.url, cache_dir=folder)
            began = time.perf_counter()
            first = check(segments, options)
            cold.append(time.perf_counter() - began)
            began = time.perf_counter()
            assert check(segments, options) == first
            warm.append(time.perf_counter() - began)
    c, w = statistics.median(cold), statistics.median(warm)
    print(f"{len(segments)} segments, {args.repeats} repeats: cold median {c * 1000:.1f} ms, "
          f"warm median {w * 1000:.2f} ms, cold/warm {c / w:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
