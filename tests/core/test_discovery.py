"""Folders are walked the way git sees them: what .gitignore ignores is left out, wherever the run starts.

A real git repository each time (git is a tool every user of the hook has).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DRAFT = "Subject: Re: demo\n\nHi Dana,\n\nJust following up on my last email.\n\nKevin\n"


def checked(*args: str, cwd: Path) -> tuple[list[str], str]:
    """(the files ``emaillint check`` judged, relative to ``cwd`` and sorted, its stderr)."""
    proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "--no-cache", "--format", "json",
                           *args], capture_output=True, text=True, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    files = json.loads(proc.stdout)["files"]
    return sorted(Path(f["path"]).as_posix() for f in files), proc.stderr


@pytest.fixture
def repo(tmp_path):
    """drafts/{a.txt, private/secret.txt, team/b.txt, team/private/c.txt}; /drafts/private/ ignored (anchored)."""
    for name in ("drafts/a.txt", "drafts/private/secret.txt", "drafts/team/b.txt", "drafts/team/private/c.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(DRAFT)
    (tmp_path / "other").mkdir()
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("/drafts/private/\n")
    return tmp_path


def test_an_anchored_pattern_from_the_repository_root(repo):
    files, _ = checked("drafts", cwd=repo)
    # the anchored pattern leaves out drafts/private only, not drafts/team/private
    assert files == ["drafts/a.txt", "drafts/team/b.txt", "drafts/team/private/c.txt"]


@pytest.mark.parametrize("where,target,expected", [
    ("drafts", ".", ["a.txt", "team/b.txt", "team/private/c.txt"]),
    ("drafts/team", "..", ["../a.txt", "../team/b.txt", "../team/private/c.txt"]),
    ("other", "../drafts", ["../drafts/a.txt", "../drafts/team/b.txt", "../drafts/team/private/c.txt"]),
])
def test_an_anchored_pattern_from_a_sub_folder(repo, where, target, expected):
    files, _ = checked(target, cwd=repo / where)
    assert files == expected


def test_a_tracked_file_is_checked_even_when_a_pattern_matches_it(repo):
    (repo / ".gitignore").write_text("/drafts/private/\n*.txt\n")
    subprocess.run(["git", "add", "-f", "drafts/a.txt"], cwd=repo, check=True)
    files, _ = checked("drafts", cwd=repo)
    assert files == ["drafts/a.txt"]  # git ignores only untracked files


def test_a_named_file_is_checked_and_a_wholly_ignored_folder_says_so(repo):
    files, _ = checked("drafts/private/secret.txt", cwd=repo)
    assert files == ["drafts/private/secret.txt"]
    files, err = checked("../drafts/private", cwd=repo / "other")
    assert files == [] and "git ignores every draft in this folder" in err


def test_outside_a_repository_every_draft_is_checked(tmp_path):
    (tmp_path / "d" / "x").mkdir(parents=True)
    (tmp_path / "d" / "x" / "a.txt").write_text(DRAFT)
    (tmp_path / ".gitignore").write_text("/d/\n")  # not a repository: no .gitignore applies
    files, _ = checked("d", cwd=tmp_path)
    assert files == ["d/x/a.txt"]
