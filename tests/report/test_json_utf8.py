"""Every JSON emaillint prints or writes is valid UTF-8, even for a file name that is not (issue 10).

Such a name reaches emaillint with lone surrogates (Python's surrogateescape); written raw it was the
byte 0xE9 again, and every JSON reader refused the output. It is written as the JSON escape ``\\udce9``:
``os.fsencode`` of the string a reader gets back is the file's name, byte for byte.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.robustness.helpers import env

NAME = b"caf\xe9.txt"
DRAFT = "Subject: hi\n\nHi Sam,\n\nJust checking in!!!\n\nJo\n"
pytestmark = pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")


def emaillint(*args, cwd, stdin: bytes | None = None) -> bytes:
    """The raw stdout of a run (no decoding, which would hide bytes that are not UTF-8)."""
    proc = subprocess.run([sys.executable, "-m", "emaillint", *args], capture_output=True, cwd=cwd, input=stdin,
                          env=env(), timeout=60)
    assert proc.returncode in (0, 1) and b"Traceback" not in proc.stderr, proc.stderr
    return proc.stdout


def utf8_json(raw: bytes):
    return json.loads(raw.decode("utf-8"))  # strict: a raw 0xE9 raises


@pytest.fixture
def folder(tmp_path):
    (tmp_path / os.fsdecode(NAME)).write_text(DRAFT, encoding="utf-8")
    return tmp_path


def test_check_json_on_stdout_and_in_a_file(folder):
    for raw in (emaillint("check", "--isolated", "--format", "json", ".", cwd=folder),
                emaillint("check", "--isolated", "--format", "json", "-o", "out.json", ".", cwd=folder)
                or (folder / "out.json").read_bytes()):
        [entry] = utf8_json(raw)["files"]
        assert os.fsencode(entry["path"]) == NAME and entry["problems"]
    (folder / "résumé.txt").write_text(DRAFT, encoding="utf-8")
    assert "résumé.txt".encode() in emaillint("check", "--isolated", "--format", "json", ".", cwd=folder)  # as is


def test_sarif_and_a_baseline(folder):
    sarif = utf8_json(emaillint("check", "--isolated", "--format", "sarif", ".", cwd=folder))
    assert sarif["runs"][0]["results"]
    emaillint("check", "--isolated", "--baseline", "b.json", "--update-baseline", ".", cwd=folder)
    [entry] = {f["path"] for f in utf8_json((folder / "b.json").read_bytes())["findings"]}
    assert os.fsencode(entry) == NAME


def test_batch_lines_with_lone_surrogates_in_the_id_and_the_text(tmp_path):
    record = json.dumps({"id": os.fsdecode(NAME), "text": DRAFT.replace("Sam", "S\udce9m")})
    assert "\\udce9" in record
    [line] = emaillint("batch", "--isolated", cwd=tmp_path, stdin=record.encode() + b"\n").splitlines()
    result = utf8_json(line)
    assert os.fsencode(result["id"]) == NAME and result["problems"]


def test_diff_json(folder):
    (folder / "new.txt").write_text(DRAFT.replace("Just checking in!!!", "Are shifts still hard to plan?"))
    change = utf8_json(emaillint("diff", "--isolated", "--format", "json", os.fsdecode(NAME), "new.txt", cwd=folder))
    assert change
