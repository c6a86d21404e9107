"""Judgement CPU per email, this checkout against another revision, side by side in one run.

    python bench/judgement_speed.py --against 356e307 [--corpus DIR] [--repeats 5]

Issue "Judgement that holds on real emails" asks that the judgement get no slower per email.
This measures what a long batch pays per email once everything is loaded: each side runs
in its own process (the other revision from a temporary `git worktree`), lints the corpus
once so every pattern is compiled and every knowledge file loaded, then clears the
per-text caches and times `lint_paths` over the corpus again (CPU time, best of
--repeats). Start-up is measured by bench/speed.py, not here. Corpora: the generated
bench drafts (bench/corpus.py) and, when given, a folder of real emails (for example
../shared/corpus/real/emails).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_MEASURE = r"""
import functools, gc, glob, json, sys, time
from emaillint.api import lint_paths
from emaillint.run.config import Config
cfg, repeats, out = Config(), int(sys.argv[1]), {}
KEEP = {"load", "lists", "product_nouns", "_types", "_table", "lexicon", "lexicon_set", "lexicon_regex",
        "lexicon_matcher", "_button_verbs", "rules_dir", "data_dir"}
def clear():
    for o in gc.get_objects():
        if isinstance(o, functools._lru_cache_wrapper) and o.__module__.startswith("emaillint") and o.__name__ not in KEEP:
            o.cache_clear()
for name, folder in json.loads(sys.argv[2]).items():
    files = sorted(glob.glob(folder + "/*"))
    list(lint_paths(files, cfg))
    best = float("inf")
    for _ in range(repeats):
        clear()
        start = time.process_time(); list(lint_paths(files, cfg)); best = min(best, time.process_time() - start)
    out[name] = best / len(files) * 1000
print(json.dumps(out))
"""


def measure(tree: Path, corpora: dict[str, str], repeats: int) -> dict[str, float]:
    env = {"PYTHONPATH": str(tree), "EMAILLINT_JOBS": "1", "EMAILLINT_NO_CACHE": "1", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", _MEASURE, str(repeats), json.dumps(corpora)], cwd=tree, env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", required=True, help="the git revision to compare with (e.g. a commit on main)")
    ap.add_argument("--corpus", action="append", default=[], help="a folder of emails (repeatable)")
    ap.add_argument("--emails", type=int, default=1000, help="generated drafts (default 1000)")
    ap.add_argument("--repeats", type=int, default=5)
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
            before = measure(other, corpora, args.repeats)
            after = measure(ROOT, corpora, args.repeats)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], capture_output=True)
    print(f"{'corpus':32} {args.against[:12]:>12} {'this tree':>10} {'ratio':>7}   (CPU ms per email, best of {args.repeats})")
    for name in corpora:
        print(f"{name:32} {before[name]:12.2f} {after[name]:10.2f} {after[name] / before[name]:6.2f}x")


if __name__ == "__main__":
    main()
