"""`emaillint diff OLD NEW`: two files, or a file at a git revision (REV:PATH) against the working copy,
tested with real git repositories in temporary folders."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

BEFORE = ("Subject: scheduling at the new clinics\n\nHi Dana,\n\n"
          "Just following up on my last email. Sorry to bother you, I know you're busy.\n\n"
          "How are you handling bookings across the new sites?\n\nWould Tuesday at 10 work for a call?\n\nSam\n")
BETTER = BEFORE.replace(" Sorry to bother you, I know you're busy.", "")
WORSE = BEFORE.replace("the new sites?", "the new sites? It is a GAME-CHANGER!!!")
ABOVE = BEFORE.replace("Hi Dana,\n\n", "Hi Dana,\n\nYour team opened two clinics this spring.\n\n")


def run(*args, cwd):
    proc = subprocess.run([sys.executable, "-m", "emaillint", *args], capture_output=True, text=True, cwd=cwd)
    return proc.returncode, proc.stdout, proc.stderr


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.com", "HOME": str(cwd), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "intro.txt").write_text(BEFORE)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first draft")
    return tmp_path


def test_an_edit_that_removes_findings_is_not_worse(repo):
    (repo / "drafts" / "intro.txt").write_text(BETTER)
    code, out, err = run("diff", "--isolated", "HEAD:drafts/intro.txt", "drafts/intro.txt", cwd=repo)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "HEAD:drafts/intro.txt -> drafts/intro.txt"
    assert lines[1].startswith("score ") and "(+" in lines[1]
    assert "new: 0" in lines and "fixed: 2" in lines
    assert sum(1 for line in lines if line.startswith("  HEAD:drafts/intro.txt:5:")) == 2  # placed in the old version
    assert lines[-1] == "not worse: the score did not drop and no finding is new"


def test_an_edit_that_adds_findings_is_worse_exit_1(repo):
    (repo / "drafts" / "intro.txt").write_text(WORSE)
    code, out, _ = run("diff", "--isolated", "HEAD:drafts/intro.txt", "drafts/intro.txt", cwd=repo)
    assert code == 1
    assert "new: 2" in out and "drafts/intro.txt:7:" in out and "EL501" in out and "EL503" in out
    assert out.splitlines()[-1].startswith("worse: the score dropped by ") and out.rstrip().endswith("2 new findings")


def test_findings_are_matched_by_their_words_not_their_line(repo):
    (repo / "drafts" / "intro.txt").write_text(ABOVE)  # a paragraph added above every finding
    code, out, _ = run("diff", "--isolated", "--format", "json", "HEAD:drafts/intro.txt", "drafts/intro.txt", cwd=repo)
    data = json.loads(out)
    assert data["findings"]["new"] == [] and data["findings"]["fixed"] == []
    assert {p["code"] for p in data["findings"]["unchanged"]} >= {"EL301", "EL702"}
    assert all(p["line"] == 7 for p in data["findings"]["unchanged"] if p["code"] == "EL702")
    assert code == (1 if data["score_change"] < 0 else 0)


def test_json_shape(repo):
    (repo / "drafts" / "intro.txt").write_text(BETTER)
    code, out, _ = run("diff", "--isolated", "--format", "json", "HEAD:drafts/intro.txt", "drafts/intro.txt", cwd=repo)
    data = json.loads(out)
    assert code == 0 and data["version"] == 1 and data["worse"] is False
    assert data["before"]["path"] == "HEAD:drafts/intro.txt" and data["after"]["path"] == "drafts/intro.txt"
    assert data["score_change"] == data["after"]["score"] - data["before"]["score"] > 0
    assert [p["code"] for p in data["findings"]["fixed"]] == ["EL702", "EL702"]
    assert set(data["findings"]["fixed"][0]) >= {"code", "name", "category", "level", "line", "column", "message"}


def test_rev_path_is_relative_to_the_current_folder(repo):
    (repo / "drafts" / "intro.txt").write_text(BETTER)
    code, out, _ = run("diff", "--isolated", "HEAD:intro.txt", "intro.txt", cwd=repo / "drafts")
    assert code == 0 and "fixed: 2" in out


def test_two_revisions_and_two_plain_files(repo):
    (repo / "drafts" / "intro.txt").write_text(WORSE)
    git(repo, "commit", "-qam", "worse")
    code, out, _ = run("diff", "--isolated", "HEAD~1:drafts/intro.txt", "HEAD:drafts/intro.txt", cwd=repo)
    assert code == 1 and "new: 2" in out
    (repo / "v2.txt").write_text(BETTER)
    code, out, _ = run("diff", "--isolated", "drafts/intro.txt", "v2.txt", cwd=repo)
    assert code == 0 and "fixed: 4" in out


@pytest.mark.parametrize("old, message", [
    ("HEAD~5:drafts/intro.txt", "emaillint: error: HEAD~5:drafts/intro.txt: invalid object name 'HEAD~5'."),
    ("HEAD:drafts/missing.txt", "emaillint: error: HEAD:drafts/missing.txt: path 'drafts/missing.txt' does not "
                                "exist in 'HEAD'"),
    ("drafts/missing.txt", "emaillint: error: drafts/missing.txt: no such file"),
    (":drafts/intro.txt", "emaillint: error: :drafts/intro.txt: write a git revision and a file as REV:PATH "
                          "(e.g. HEAD:drafts/intro.txt)"),
])
def test_a_version_that_cannot_be_read_is_one_line_and_exit_2(repo, old, message):
    code, out, err = run("diff", "--isolated", old, "drafts/intro.txt", cwd=repo)
    assert (code, out, err.strip()) == (2, "", message)


def test_outside_a_repository_rev_path_is_one_line(tmp_path):
    (tmp_path / "intro.txt").write_text(BEFORE)
    code, _, err = run("diff", "HEAD:intro.txt", "intro.txt", cwd=tmp_path)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "not a git repository" in err


def test_help_names_the_syntax_and_the_exit_codes(tmp_path):
    code, out, _ = run("diff", "--help", cwd=tmp_path)
    assert code == 0 and "REV:PATH" in out and "Exit 0" in out.replace("\n", " ")
