"""`emaillint check --fix / --diff / --unsafe-fixes`, run as a user runs it: files on disk are rewritten
(or not) byte for byte as promised, stdin gives the fixed text, bad input is one line and exit 2."""
from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from emaillint.read import rewrite

DRAFT = ("Subject: scheduling at the new clinics\n\nHi Dana,\n\n"
         "Just wanted to bump this to the top of your inbox.\n"
         "Sorry to bother you, I know you're busy. The results were AMAZING!!!\n\n"
         "> On Monday, Dana wrote:\n> Sorry to bother you, I know you're busy.\n\n"
         "Would Tuesday at 10 work for a 15-minute call?\n\nSam\n")
SAFE = ("Subject: scheduling at the new clinics\n\nHi Dana,\n\n"
        "Wanted to bump this to the top of your inbox.\n"
        "The results were AMAZING!\n\n"
        "> On Monday, Dana wrote:\n> Sorry to bother you, I know you're busy.\n\n"
        "Would Tuesday at 10 work for a 15-minute call?\n\nSam\n")
CLEAN = ("Subject: month-end close\n\nHi Dana,\n\nHow have you handled approvals during close so far?\n\n"
         "I suggest a 20-minute call on Tuesday at 10am.\n\nKevin\n")


def run(*args, cwd=None, stdin=None):
    proc = subprocess.run([sys.executable, "-m", "emaillint", *args], capture_output=True, cwd=cwd, input=stdin)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def test_fix_rewrites_safe_fixes_keeps_the_quote_and_reports_what_is_left(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT)
    draft.chmod(0o640)
    code, out, err = run("check", "--fix", "--isolated", "--format", "concise", str(draft))
    assert draft.read_text() == SAFE
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert "fixed 4 problems in 1 file; 1 more fix needs review: add --unsafe-fixes" in err
    assert "EL504" in out and "EL703" not in out and "EL702" not in out  # the report is of the fixed file
    assert code == 1
    assert not [p for p in tmp_path.iterdir() if p.name != "draft.txt"], "a temporary file was left behind"


def test_unsafe_fixes_only_with_the_flag(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT)
    run("check", "--fix", "--unsafe-fixes", "--isolated", str(draft))
    assert "The results were amazing!\n" in draft.read_text()
    code, _, err = run("check", "--unsafe-fixes", "--isolated", str(draft))
    assert code == 2 and err.strip() == "emaillint: error: --unsafe-fixes needs --fix (apply them) or --diff (show them)"


def test_diff_shows_the_fixes_writes_nothing_and_exits_1(tmp_path):
    draft, clean = tmp_path / "draft.txt", tmp_path / "clean.txt"
    draft.write_text(DRAFT)
    clean.write_text(CLEAN)
    code, out, err = run("check", "--diff", "--isolated", str(draft), str(clean))
    assert code == 1 and draft.read_text() == DRAFT
    assert out.startswith(f"--- {draft}\n+++ {draft}\n@@ ")
    assert "-Just wanted to bump this to the top of your inbox.\n" \
           "-Sorry to bother you, I know you're busy. The results were AMAZING!!!\n" \
           "+Wanted to bump this to the top of your inbox.\n+The results were AMAZING!\n" in out
    assert "clean.txt" not in out and "4 fixes would change 1 file" in err
    assert run("check", "--diff", "--isolated", str(clean))[0] == 0


@pytest.mark.parametrize("encoding, bom, newline", [
    ("utf-8", b"", "\r\n"), ("utf-8", b"\xef\xbb\xbf", "\n"), ("utf-16-le", b"\xff\xfe", "\r\n"),
    ("cp1252", b"", "\n"), ("utf-8", b"", "\r"),
])
def test_fix_keeps_encoding_bom_and_line_breaks(tmp_path, encoding, bom, newline):
    text = DRAFT.replace("Hi Dana,", "Hi Dana — café,")  # a character outside ASCII
    draft = tmp_path / "draft.txt"
    draft.write_bytes(bom + text.replace("\n", newline).encode(encoding))
    assert run("check", "--fix", "--isolated", str(draft))[0] == 1
    expected = SAFE.replace("Hi Dana,", "Hi Dana — café,")
    assert draft.read_bytes() == bom + expected.replace("\n", newline).encode(encoding)


def test_lines_a_fix_did_not_touch_keep_their_own_line_break(tmp_path):
    draft = tmp_path / "draft.txt"
    mixed = DRAFT.replace("\n", "\r\n", 3)  # CRLF on the first three lines only
    draft.write_bytes(mixed.encode())
    run("check", "--fix", "--isolated", str(draft))
    assert draft.read_bytes() == SAFE.replace("\n", "\r\n", 3).encode()


def test_a_symbolic_link_stays_a_link(tmp_path):
    target = tmp_path / "drafts" / "real.txt"
    target.parent.mkdir()
    target.write_text(DRAFT)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run("check", "--fix", "--isolated", "link.txt", cwd=tmp_path)
    assert link.is_symlink() and target.read_text() == SAFE


def test_a_file_with_bytes_that_are_not_text_is_refused_and_untouched(tmp_path):
    draft, other = tmp_path / "bad.txt", tmp_path / "good.txt"
    data = DRAFT.replace("Hi Dana,", "Hi Dana \u2014").encode("utf-8") + b"\xff\xfe stray bytes\n"
    draft.write_bytes(data)
    other.write_text(DRAFT)
    code, _, err = run("check", "--fix", "--isolated", str(draft), str(other))
    assert code == 2 and draft.read_bytes() == data and other.read_text() == SAFE
    refusals = [line for line in err.splitlines() if line.startswith("emaillint: error:")]
    assert refusals == [f"emaillint: error: {draft}: not fixed: it holds bytes that are not valid text (see the "
                        "warning above); fixing it would lose them"]
    assert "Traceback" not in err


def test_a_file_that_changed_since_it_was_read_is_not_written(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT)
    original = rewrite.read_original(str(draft), 256 * 1024)
    data = rewrite.encode_fixed(original, SAFE)
    draft.write_text(DRAFT + "A line the author added meanwhile.\n")
    with pytest.raises(rewrite.RewriteError, match="changed since emaillint read it"):
        rewrite.write_fixed(original, data)
    assert draft.read_text().endswith("meanwhile.\n")


def test_a_fix_the_encoding_cannot_hold_is_refused(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_bytes(DRAFT.replace("Hi Dana,", "Hi Dana, café").encode("cp1252"))
    original = rewrite.read_original(str(draft), 256 * 1024)
    assert original.codec == "cp1252"
    with pytest.raises(rewrite.RewriteError, match="cannot hold"):
        rewrite.encode_fixed(original, SAFE.replace("Hi Dana,", "Hi Dana, café \u2603"))


def test_stdin_gives_the_fixed_text_on_stdout_and_the_report_on_stderr():
    code, out, err = run("check", "--fix", "--isolated", "--format", "concise", "-", stdin=DRAFT.encode())
    assert out == SAFE
    assert "EL504" in err and code == 1
    code, out, _ = run("check", "--fix", "--isolated", "-", stdin=DRAFT.replace("\n", "\r\n").encode())
    assert out.replace("\r\n", "\n") == SAFE and "\n" not in out.replace("\r\n", "")


def test_stdin_diff_is_named_after_stdin_filename():
    code, out, _ = run("check", "--diff", "--isolated", "--stdin-filename", "drafts/x.txt", "-", stdin=DRAFT.encode())
    assert code == 1 and out.startswith("--- drafts/x.txt\n+++ drafts/x.txt\n")


def test_templates_are_fixed_in_literal_text_only(tmp_path):
    template = tmp_path / "follow-up.txt.j2"
    source = ("---\nvariables:\n  first_name: {example: Dana}\n  topic: {example: bookings}\n---\n"
              "Hi {{ first_name }},\n\nJust a quick note on {{ topic }}. I hope this email finds you well.\n\n"
              "{% if topic %}Would Tuesday at 10 work for a call about {{ topic }}?!!{% endif %}\n\nSam\n")
    template.write_text(source)
    run("check", "--fix", "--isolated", str(template))
    fixed = template.read_text()
    assert "A quick note on {{ topic }}.\n" in fixed and "finds you well" not in fixed
    assert "{{ topic }}?{% endif %}" in fixed
    assert fixed.count("{{") == source.count("{{") and fixed.count("{%") == source.count("{%")


def test_eml_fix_lands_on_the_body_and_keeps_the_headers(tmp_path):
    eml = tmp_path / "draft.eml"
    head = "From: Sam <sam@example.com>\r\nTo: Dana <dana@example.com>\r\nSubject: clinics\r\n\r\n"
    body = "Hi Dana,\r\n\r\nI just wanted to share a study. Sorry to bother you.\r\n\r\nWould Tuesday at 10 work?\r\n\r\nSam\r\n"
    eml.write_bytes((head + body).encode())
    run("check", "--fix", "--isolated", str(eml))
    assert eml.read_bytes() == (head + body.replace("I just wanted", "I wanted").replace(
        " Sorry to bother you.", "")).encode()


def test_fix_and_diff_of_a_missing_file_is_one_line(tmp_path):
    code, _, err = run("check", "--fix", str(tmp_path / "nope.txt"))
    assert code == 2 and "no such file" in err and "Traceback" not in err


def test_a_file_that_cannot_be_read_is_one_error_line_and_the_rest_is_fixed(tmp_path):
    fifo, draft = tmp_path / "pipe.txt", tmp_path / "draft.txt"
    os.mkfifo(fifo)
    draft.write_text(DRAFT)
    for flag in ("--fix", "--diff"):
        code, _, err = run("check", flag, "--isolated", str(draft), str(fifo))
        assert code == 2 and [line for line in err.splitlines() if "pipe.txt" in line] == [
            f"emaillint: error: {fifo}: not a regular file (a pipe, socket or device), skipped"]
    assert draft.read_text() == SAFE


def test_the_report_after_fix_is_the_report_of_the_fixed_files(tmp_path):
    """--fix hands its last judgement of each file to the result cache; what it reports must be what a fresh
    run says about the files as they now are."""
    for name, text in (("a.txt", DRAFT), ("b.txt", CLEAN), ("c.txt", DRAFT.replace("Dana", "Priya"))):
        (tmp_path / name).write_text(text)
    code, fixed, _ = run("check", "--fix", "--isolated", "--format", "json", ".", cwd=tmp_path)
    again, fresh, _ = run("check", "--no-cache", "--isolated", "--format", "json", ".", cwd=tmp_path)
    assert (code, fixed) == (again, fresh)
