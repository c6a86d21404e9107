"""Writes never go through a symbolic link out of the project, and file names that are not UTF-8 are
written, not a traceback (issue 10: "Writes are safe")."""
from __future__ import annotations

import os
import sys

import pytest

from tests.robustness.helpers import run

DRAFT = "Subject: hi\n\nJust checking in!\n"
WRITERS = {
    "check -o": ["check", "--isolated", "--format", "json", "-o", "{target}", "a.txt"],
    "--update-baseline": ["check", "--isolated", "--baseline", "{target}", "--update-baseline", "a.txt"],
    "templates render -o": ["templates", "render", "are-you", "--example", "-o", "{target}", "--force"],
}


def _args(writer: str, target: str) -> list[str]:
    return [a.format(target=target) for a in WRITERS[writer]]


@pytest.fixture
def project(tmp_path):
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "a.txt").write_text(DRAFT)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "victim.json").write_text("keep me\n")
    return tmp_path / "project"


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("link", ["file", "folder"])
def test_no_write_follows_a_symlink_out_of_the_project(project, writer, link):
    outside = project.parent / "outside"
    if link == "file":
        (project / "out.json").symlink_to(outside / "victim.json")
        target = "out.json"
    else:
        (project / "reports").symlink_to(outside, target_is_directory=True)
        target = "reports/victim.json"
    code, _, err = run(*_args(writer, target), cwd=project)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and ("out of the project" in err or "symbolic link" in err), err
    assert (outside / "victim.json").read_text() == "keep me\n"
    assert sorted(p.name for p in outside.iterdir()) == ["victim.json"]  # no temporary file either


@pytest.mark.parametrize("writer", ["check -o", "--update-baseline"])
def test_a_link_inside_the_project_is_written_through_and_stays_a_link(project, writer):
    (project / "shared").mkdir()
    (project / "shared" / "real.json").write_text("old\n")
    (project / "out.json").symlink_to("shared/real.json")
    code, _, err = run(*_args(writer, "out.json"), cwd=project)
    assert code in (0, 1) and "error" not in err, err
    assert (project / "out.json").is_symlink() and (project / "shared" / "real.json").read_text() != "old\n"


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_path_outside_the_project_named_as_such_is_the_users_choice(project, writer):
    target = project.parent / "outside" / "chosen.json"
    code, _, err = run(*_args(writer, str(target)), cwd=project)
    assert code in (0, 1) and target.stat().st_size > 0, err


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
@pytest.mark.parametrize("fmt", ["text", "concise", "json", "github", "sarif", "html"])
def test_a_file_name_that_is_not_utf8_is_written_in_every_format(tmp_path, fmt):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(DRAFT)
    code, _, err = run("check", "--isolated", "--format", fmt, "-o", "report", ".", cwd=tmp_path)
    assert code == 1, err
    written = (tmp_path / "report").read_bytes()
    expected = {"sarif": b"caf%E9.txt", "json": b"caf\\udce9.txt"}.get(fmt, b"caf\xe9.txt")  # JSON: valid UTF-8
    assert expected in written


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
def test_a_baseline_of_a_file_name_that_is_not_utf8_reads_back(tmp_path):
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text(DRAFT)
    code, _, err = run("check", "--isolated", "--baseline", "b.json", "--update-baseline", ".", cwd=tmp_path)
    assert code == 0 and "error" not in err, err
    (tmp_path / "b.json").read_text(encoding="utf-8")  # valid UTF-8: the odd byte is a JSON escape
    code, out, err = run("check", "--isolated", "--format", "concise", "--baseline", "b.json", ".", cwd=tmp_path)
    assert code == 0 and "EL301" not in out, (out, err)
