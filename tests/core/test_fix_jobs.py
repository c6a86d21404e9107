"""``check --fix`` / ``--diff`` with worker processes (``--jobs``): the same files written, the same output, in the
same order, as with one process; and the pool is really used when asked for."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from emaillint.cli import fixes
from emaillint.run import parallel
from emaillint.run.config import Config

CASES = yaml.safe_load((Path(__file__).with_name("fix_cases.yaml")).read_text(encoding="utf-8"))
DRAFTS = [c["draft"] if "draft" in c else CASES["frame"].format(body=c["body"])
          for c in CASES["cases"] if not c.get("needs")]


def make(folder: Path) -> Path:
    drafts = folder / "drafts"
    drafts.mkdir(parents=True)
    for i, text in enumerate(DRAFTS * 2):
        (drafts / f"d{i:03d}.txt").write_text(text, encoding="utf-8")
    return drafts


def check(cwd: Path, *args: str):
    proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "--no-cache", *args, "drafts"],
                          cwd=cwd, capture_output=True, text=True)
    return proc.returncode, proc.stdout, proc.stderr


def files(drafts: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(drafts.iterdir())}


def test_fix_and_diff_with_two_workers_match_one(tmp_path):
    one, two = make(tmp_path / "one"), make(tmp_path / "two")
    diff_one, diff_two = check(one.parent, "--diff", "--jobs", "1"), check(two.parent, "--diff", "--jobs", "2")
    assert diff_one == diff_two and diff_one[0] == 1 and diff_one[1].count("--- drafts/") >= 20
    fixed_one, fixed_two = check(one.parent, "--fix", "--jobs", "1"), check(two.parent, "--fix", "--jobs", "2")
    assert fixed_one == fixed_two and "emaillint: fixed" in fixed_one[2]
    assert files(one) == files(two) != files(make(tmp_path / "fresh"))


def test_the_fix_step_uses_the_pool_when_asked(tmp_path, monkeypatch):
    drafts = make(tmp_path)
    paths = [str(p) for p in sorted(drafts.iterdir())]
    used = []
    real = parallel.ordered_map

    def spy(func, items, workers, **kw):
        used.append(workers)
        return real(func, items, workers, **kw)

    monkeypatch.setattr(parallel, "ordered_map", spy)
    options = fixes.FixOptions(write=False)
    pooled = list(fixes._fixed(paths, lambda p: Config(), options, 2))
    assert used == [2]
    serial = list(fixes._fixed(paths, lambda p: Config(), options, 1))
    assert used == [2]
    assert [(r.path, r.after, dict(r.applied)) for r in pooled] == [(r.path, r.after, dict(r.applied)) for r in serial]
    assert sum(r.changed for r in pooled) >= 20
