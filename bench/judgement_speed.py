"""Judgement CPU per email, this checkout against another revision, side by side in one run.

    python bench/judgement_speed.py --against 356e307 [--corpus DIR] [--pairs 30]
    python bench/judgement_speed.py --against 356e307 --corpus DIR --instructions

Issue "Judgement that holds on real emails" asks that the judgement get no slower per email.
This measures what a long batch pays per email once everything is loaded: each side runs
in its own process (the other revision from a temporary `git worktree`), lints the corpus
three times so every pattern is compiled, every knowledge file loaded and every lazily built
filter in place (as in a long batch), then, each time it is asked, clears the per-text caches
and times one pass of `lint_paths` over the corpus (CPU time). The two processes take turns
pass by pass (A B, B A, A B, …) and each back-to-back pair gives one ratio; the median of
those ratios is the figure, with the middle half of them beside it. A slow spell of the
machine (10-20% here, for seconds at a time) then lands on both passes of a pair, where a
best-of-N per side would credit whichever side ran in the quiet moment. Start-up is measured
by bench/speed.py, not here. Corpora: the generated bench drafts (bench/corpus.py) and, when
given, a folder of real emails (for example ../shared/corpus/real/emails).

--instructions counts machine instructions instead of CPU time (valgrind's cachegrind, on
PATH: `apt-get install valgrind`): the count of two extra passes over the corpus, the
difference between a run of five passes and a run of three, so start-up and warm-up cancel out. It does
not move when other work shares the machine, which CPU time does by 10-20% here.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# caches of loaded rules, configuration and knowledge, kept between passes (a batch loads them once); every
# per-text cache is cleared before each timed pass
_KEEP = ["load", "lists", "product_nouns", "_types", "_table", "lexicon", "lexicon_set", "lexicon_regex",
         "lexicon_matcher", "_button_verbs", "rules_dir", "data_dir", "load_rules", "_resolve", "user_config",
         "_config_for_dir", "pattern", "_case_special", "_greeting_re", "reply_prefix", "_best_template",
         "_lexicon_pieces", "gate"]

_WORKER = r"""
import functools, gc, glob, json, sys, time
from emaillint.api import lint_paths
try:
    from emaillint.run.config import Config
except ImportError:  # a revision from before the stage folders
    from emaillint.config import Config
cfg, KEEP = Config(), set(json.loads(sys.argv[1]))
corpora = {name: sorted(glob.glob(folder + "/*")) for name, folder in json.loads(sys.argv[2]).items()}
for files in corpora.values():
    for _ in range(3):
        list(lint_paths(files, cfg))
print("ready", flush=True)
for line in sys.stdin:
    files = corpora[line.strip()]
    for o in gc.get_objects():
        if isinstance(o, functools._lru_cache_wrapper) and o.__module__.startswith("emaillint") and o.__name__ not in KEEP:
            o.cache_clear()
    start = time.process_time(); list(lint_paths(files, cfg)); spent = time.process_time() - start
    print(spent / len(files) * 1000, flush=True)
"""

_PASSES = r"""
import functools, gc, glob, sys
from emaillint.api import lint_paths
try:
    from emaillint.run.config import Config
except ImportError:
    from emaillint.config import Config
cfg, files = Config(), sorted(glob.glob(sys.argv[2] + "/*"))
for _ in range(int(sys.argv[1])):
    for o in gc.get_objects():
        if isinstance(o, functools._lru_cache_wrapper) and o.__module__.startswith("emaillint") and o.__name__ not in {KEEP}:
            o.cache_clear()
    list(lint_paths(files, cfg))
"""


def _env(tree: Path) -> dict[str, str]:
    return {"PYTHONPATH": str(tree), "EMAILLINT_JOBS": "1", "EMAILLINT_NO_CACHE": "1", "PATH": "/usr/bin:/bin",
            "HOME": str(Path.home())}


class _Side:
    """One revision in a process of its own, warmed up, timing one pass over a corpus whenever asked."""

    def __init__(self, tree: Path, corpora: dict[str, str]):
        self.proc = subprocess.Popen([sys.executable, "-c", _WORKER, json.dumps(_KEEP), json.dumps(corpora)], cwd=tree,
                                     env=_env(tree), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        if self.proc.stdout.readline().strip() != "ready":
            raise SystemExit(f"the worker for {tree} did not start")

    def time(self, name: str) -> float:
        self.proc.stdin.write(name + "\n")
        self.proc.stdin.flush()
        return float(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def paired(other: Path, tree: Path, corpora: dict[str, str], pairs: int) -> dict[str, tuple[float, float, list[float]]]:
    """Per corpus: the best ms per email of each side and the ratio (this tree / other) of every pair of
    back-to-back passes. The two sides take turns pass by pass (ABBA order), so a slow spell of the
    machine lands on both sides of a pair instead of on one side's whole run."""
    sides = _Side(other, corpora), _Side(tree, corpora)
    try:
        out = {}
        for name in corpora:
            ratios, best = [], [float("inf"), float("inf")]
            for i in range(pairs):
                order = (0, 1) if i % 2 == 0 else (1, 0)
                spent = {side: sides[side].time(name) for side in order}
                best = [min(best[0], spent[0]), min(best[1], spent[1])]
                ratios.append(spent[1] / spent[0])
            out[name] = (best[0], best[1], sorted(ratios))
        return out
    finally:
        for side in sides:
            side.close()


def _instructions(tree: Path, folder: str, passes: int) -> int:
    code = _PASSES.replace("{KEEP}", repr(_KEEP))
    # the same string hashes and addresses every run (set order, dict probes), so a count repeats to the instruction
    fixed = ["setarch", "-R"] if shutil.which("setarch") else []
    proc = subprocess.run([*fixed, "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                           sys.executable, "-c", code, str(passes), folder], cwd=tree,
                          env={**_env(tree), "PYTHONHASHSEED": "0"}, capture_output=True, text=True, check=True)
    match = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if not match:
        raise SystemExit("valgrind printed no instruction count:\n" + proc.stderr[-500:])
    return int(match.group(1).replace(",", ""))


def count(tree: Path, corpora: dict[str, str]) -> dict[str, float]:
    """Millions of instructions per email for two passes over each corpus, start-up cancelled out."""
    out = {}
    for name, folder in corpora.items():
        subprocess.run([sys.executable, "-c", _PASSES.replace("{KEEP}", repr(_KEEP)), "1", folder], cwd=tree,
                       env=_env(tree), capture_output=True, check=True)  # fills the pre-built rules store first
        extra = _instructions(tree, folder, 5) - _instructions(tree, folder, 3)
        out[name] = extra / 2 / len(list(Path(folder).iterdir())) / 1e6
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", required=True, help="the git revision to compare with (e.g. a commit on main)")
    ap.add_argument("--corpus", action="append", default=[], help="a folder of emails (repeatable)")
    ap.add_argument("--emails", type=int, default=1000, help="generated drafts (default 1000)")
    ap.add_argument("--pairs", type=int, default=30, help="back-to-back passes of the two sides (CPU time)")
    ap.add_argument("--instructions", action="store_true", help="count instructions with valgrind instead of CPU time")
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    from corpus import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        generated = Path(tmp) / "generated"
        write_corpus(generated, args.emails, seed=11)
        corpora = {"generated": str(generated), **{Path(c).resolve().parent.name + "/" + Path(c).name: str(Path(c).resolve())
                                                   for c in args.corpus}}
        other = Path(tmp) / "other"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(other), args.against],
                       check=True, capture_output=True)
        try:
            if args.instructions:
                before, after = count(other, corpora), count(ROOT, corpora)
                unit = "million instructions per email"
            else:
                found = paired(other, ROOT, corpora, args.pairs)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], capture_output=True)
    if args.instructions:
        print(f"{'corpus':32} {args.against[:12]:>12} {'this tree':>10} {'ratio':>7}   ({unit})")
        for name in corpora:
            print(f"{name:32} {before[name]:12.2f} {after[name]:10.2f} {after[name] / before[name]:6.2f}x")
        return
    print(f"{'corpus':32} {args.against[:12]:>12} {'this tree':>10} {'median ratio':>13} {'middle half':>13}"
          f"   (CPU ms per email, best of {args.pairs} passes; ratio of each back-to-back pair of passes)")
    for name, (old, new, ratios) in found.items():
        q = len(ratios) // 4
        print(f"{name:32} {old:12.2f} {new:10.2f} {statistics.median(ratios):12.2f}x {ratios[q]:6.2f}-{ratios[-1 - q]:.2f}x")


if __name__ == "__main__":
    main()
