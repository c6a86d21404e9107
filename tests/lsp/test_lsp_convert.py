"""Pure position arithmetic (no server): code points <-> UTF-8/16/32 columns, BOM, CRLF."""
from __future__ import annotations

import pytest

try:
    from lsprotocol import types
    import pygls  # noqa: F401
except ImportError as exc:  # pragma: no cover
    MISSING = f"the LSP tests need lsprotocol/pygls: pip install -e '.[test]' ({exc})"
else:
    MISSING = None
    from emaillint.lsp import convert  # our own module: an import error here fails loudly, never hides
    from emaillint.lsp.convert import TextMap

from emaillint.api import lint_text


@pytest.fixture(autouse=True)
def _need_lsprotocol():
    if MISSING:
        pytest.fail(MISSING)


LINE = "Hi 🎉 Dana, é AMAZING"


@pytest.mark.parametrize("encoding, expected", [("utf-16", 14), ("utf-8", 17), ("utf-32", 13)])
def test_columns_per_encoding(encoding, expected):
    tm = TextMap("Subject: x\n\n" + LINE + "\n", encoding)
    col = LINE.index("AMAZING")
    pos = tm.position(2, col)
    assert (pos.line, pos.character) == (2, expected)
    assert tm.to_offset(pos) == tm.starts[2] + col


def test_round_trip_every_offset_utf16():
    text = "a🎉b\n\n𝄞x é\nlast"
    tm = TextMap(text)
    for offset in range(len(text) + 1):
        assert tm.to_offset(tm.at_offset(offset)) == offset


def test_position_inside_a_surrogate_pair_clamps_forward():
    tm = TextMap("🎉x")
    assert tm.to_offset(types.Position(line=0, character=1)) == 1


def test_crlf_and_bom_keep_client_columns():
    original = "\ufeffSubject: AMAZING deal\r\n\r\nHi Dana,\r\n"
    tm = TextMap(original)
    assert tm.eol == "\r\n" and tm.bom == 1
    report = lint_text(original, "draft.txt")
    shout = next(p for p in report.problems if p.category == "hype")  # one fault: EL501 or EL504
    rng = convert.problem_range(shout, tm)
    # the BOM is a character of line 0 in the client's buffer
    assert rng.start.character == original.split("\r\n")[0].index("AMAZING")
    assert tm.to_offset(rng.start) == shout.start


def test_positions_past_the_end_are_clamped():
    tm = TextMap("one\ntwo")
    assert tm.to_offset(types.Position(line=9, character=0)) == len("one\ntwo")
    assert tm.to_offset(types.Position(line=1, character=99)) == len("one\ntwo")
    end = tm.at_offset(999)
    assert (end.line, end.character) == (1, 3)


def test_zero_width_problem_widens_to_its_line():
    text = "Subject: Hi\n\nHello there friend\n"
    tm = TextMap(text)
    from emaillint.base.problem import Level, Problem

    p = Problem("EL401", "x", "no-next-step", Level.WARNING, "m", 13, 13, 3, 1, 3, 1)
    assert convert.problem_span(p, tm) == (13, 13 + len("Hello there friend"))


def test_score_line_names_the_weakest_subscores():
    report = lint_text("Subject: AMAZING\n\nI just wanted to check in.\n", "d.txt")
    line = convert.score_line(report)
    assert line.startswith(f"emaillint score {report.score}/100")
    lowest = min(report.subscores.items(), key=lambda cs: (cs[1], cs[0]))
    assert f"{lowest[0]} {lowest[1]}" in line


def test_code_units_come_from_pygls_position_codec():
    from lsprotocol import types
    from pygls.workspace import PositionCodec

    from emaillint.lsp.convert import TextMap

    text = "\ufeffHi 🙂 Dana,\r\nHow é 𝄞 shifts?\n"
    for encoding in ("utf-8", "utf-16", "utf-32"):
        tm = TextMap(text, encoding)
        codec = PositionCodec(types.PositionEncodingKind(encoding))
        line = tm.lines[1]
        for column in range(len(line) + 1):
            pos = tm.position(1, column)
            assert pos.character == codec.client_num_units(line[:column])
            assert tm.to_offset(pos) == tm.starts[1] + column
        assert tm.at_offset(0).character == 1  # the BOM the client still holds
