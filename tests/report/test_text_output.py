"""Text output: the words a finding is about, with markers under them, within 100 columns, from the judged text."""
from __future__ import annotations

import re

from emaillint.api import lint_text
from emaillint.report.formatters import text as text_format
from emaillint.run.config import Config

from .helpers import run

LONG = ("Subject: approvals at Northwind\n\nHi Dana,\n\nI saw your team is hiring three accounts-payable clerks this "
        "quarter, which usually means invoices pile up at month end and approvals stall while people chase "
        "signatures across email threads and spreadsheets, and I just wanted to check in on whether that is on "
        "your list right now! Honestly we love this stuff!\n\nHow are you handling approvals today?\n\n"
        "I suggest a 20-minute call on Tuesday at 10am.\n\nKevin\n")


def _blocks(output: str) -> dict[str, list[str]]:
    """code -> the lines under its heading line (context lines and markers, then the suggestion)."""
    blocks: dict[str, list[str]] = {}
    current = None
    for line in output.splitlines():
        head = re.match(r"\S+:\d+:\d+: (EL\d+) ", line)
        if head:
            current = blocks.setdefault(head.group(1), [])
        elif current is not None and line.startswith("    "):
            current.append(line)
        else:
            current = None
    return blocks


def _marked(shown: str, markers: str) -> list[str]:
    """The runs of ``shown`` that carets sit under (single-width text)."""
    return [shown[m.start():m.end()] for m in re.finditer(r"\^+", markers)]


def test_a_long_line_is_a_window_with_the_markers_under_their_words(tmp_path):
    (tmp_path / "long.txt").write_text(LONG)
    _, out, _ = run("long.txt", cwd=tmp_path)
    context = [line for line in out.splitlines() if line.startswith("    ") and not line.startswith("    Try:")]
    assert context and max(map(len, context)) <= 100
    blocks = _blocks(out)
    shown, markers = blocks["EL301"][:2]
    assert shown.startswith("    …") and shown.endswith("…")
    assert _marked(shown, markers) == ["just wanted to check in"]


def test_two_marks_are_two_carets_not_a_run_to_the_end_of_the_line(tmp_path):
    (tmp_path / "long.txt").write_text(LONG)
    _, out, _ = run("long.txt", cwd=tmp_path)
    shown, markers = _blocks(out)["EL503"][:2]
    assert _marked(shown, markers) == ["!", "!"]


def test_marks_on_two_lines_show_both_lines_each_with_its_mark(tmp_path):
    (tmp_path / "d.txt").write_text("Subject: notes\n\nHi Dana,\n\nGreat to meet you at the expo! How do you plan "
                                    "approvals?\n\nThanks for the chat!\n\nI suggest a call on Tuesday at 10am.\n\nKevin\n")
    _, out, _ = run("d.txt", cwd=tmp_path)
    lines = _blocks(out)["EL503"]
    assert [_marked(lines[0], lines[1]), _marked(lines[2], lines[3])] == [["!"], ["!"]]
    assert lines[2].strip() == "Thanks for the chat!"


def test_wide_characters_keep_the_marker_under_its_word():
    report = lint_text("Subject: notes\n\nHi Dana,\n\n東京 team: just following up on the deck.\n\nJo\n",
                       path="d.txt", config=Config())
    out = text_format.render([report])
    shown, markers = _blocks(out)["EL301"][:2]
    cells = len(shown[:shown.index("just")]) + 2  # the two wide characters take two columns each
    assert markers.index("^") == cells and markers.count("^") == len("just following up")


def test_the_context_comes_from_the_judged_text_not_from_disk():
    """No file is read again to show a finding: a draft held only in memory still gets its context."""
    report = lint_text("Subject: hi\n\nHi Sam,\n\nJust following up on my last note.\n\nJo\n",
                       path="nowhere/never-saved.txt", config=Config())
    out = text_format.render([report])
    assert "    Just following up on my last note." in out and "    ^^^^^^^^^^^^^^^^^" in out
