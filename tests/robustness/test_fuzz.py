"""Property-based fuzzing of the core (issue 10): for any text in any format, linting returns
without raising, every finding lies inside the text and never inside a quote, results are
deterministic, suppressing a rule removes exactly its findings, and safe fixes apply cleanly.
Bounded and deterministic: derandomize, no example database, a fixed budget."""
from __future__ import annotations

import pytest

import hypothesis  # noqa: F401,E402 - a test extra: missing fails the run, never skips it
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from emaillint.api import lint_text  # noqa: E402
from emaillint.run.config import Config  # noqa: E402
from emaillint.read.source import normalise_text  # noqa: E402

FRAGMENTS = [
    "Subject: Re: hi", "Subject:", "---", "kind: follow-up", "subject: '{{ x }}'", "variables: {a: 1}", "Hi Dana,",
    "Just following up!!", "-- ", "> quoted", "On Mon, X wrote:", "{{ name }}", "{{", "}}", "{% if x %}", "{% endif %}",
    "{% else %}", "{#", "- item", "1. item", "P.S. How are you handling it?", "Best,", "Kevin", "[Company Name]",
    "<!-- emaillint: disable=EL301 -->", "# emaillint: disable-next-line", "<!-- emaillint: enable -->",
    "https://x.example/a?b", "$49 per seat", "Could you send me the contract?", "I suggest Tuesday at 10am.",
    "", "\t", "\r", "\r\n", "\ufeff", "…", "!!!???", "WE ARE THE BEST", "From: a@b.c", "Content-Type: text/html",
    "Content-Transfer-Encoding: base64", "=?utf-8?b?SGk=?=", "<p>Hi <b>there</b></p>", "MIME-Version: 1.0",
    "Content-Type: multipart/mixed; boundary=b", "--b", "--b--", "\x00", "e.g.", "Dr.", "😀👍🏽", "‮rtl‬",
]
PATHS = ["x.txt", "x.md", "x.eml", "x.txt.j2", None]

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=25).map("\n".join)
FUZZ = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _snapshot(report):
    return [(p.code, p.start, p.end, p.line, p.column, p.message) for p in report.problems], report.score


@FUZZ
@given(text=texts, path=st.sampled_from(PATHS))
def test_linting_any_text_never_raises_and_findings_stay_inside_it(text, path):
    config = Config()
    report = lint_text(text, path=path, config=config)
    assert report.error is None
    assert "EL000" not in {p.code for p in report.problems}, report.problems
    assert 0 <= report.score <= 100
    source = normalise_text(text)
    lines = source.split("\n")
    for p in report.problems:
        assert 0 <= p.start <= p.end <= len(source), p
        assert 1 <= p.line <= p.end_line <= len(lines), p
        assert 1 <= p.column <= len(lines[p.line - 1]) + 1, p
    assert _snapshot(lint_text(text, path=path, config=config)) == _snapshot(report)  # deterministic


@FUZZ
@given(text=texts, path=st.sampled_from(["x.txt", "x.md"]))
def test_safe_fixes_apply_cleanly(text, path):
    config = Config()
    report = lint_text(text, path=path, config=config)
    source = normalise_text(text)
    edits = sorted((e for p in report.problems if p.fix is not None and p.fix.safe for e in p.fix.edits),
                   key=lambda e: e.start)
    taken, last = [], -1
    for edit in edits:
        assert 0 <= edit.start <= edit.end <= len(source)
        if edit.start >= last:  # overlapping fixes are applied one at a time by editors; take the first
            taken.append(edit)
            last = edit.end
    fixed = source
    for edit in reversed(taken):
        fixed = fixed[:edit.start] + edit.text + fixed[edit.end:]
    after = lint_text(fixed, path=path, config=config)
    assert "EL000" not in {p.code for p in after.problems}
    before_errors = sum(p.level.name == "ERROR" for p in report.problems)
    assert sum(p.level.name == "ERROR" for p in after.problems) <= before_errors


@FUZZ
@given(text=texts, path=st.sampled_from(PATHS))
def test_findings_lie_on_the_authors_part_never_inside_a_quote(text, path):
    """Quoted replies are someone else's words. A suppression comment (EL003) is the author's own, wherever
    it stands."""
    from emaillint.anatomy.document import prepare
    from emaillint.read.source import from_text

    doc = prepare(from_text(text, path))
    quotes = [(doc.offsets.to_source(q.start)[0], doc.offsets.to_source(q.end)[0]) for q in doc.email.quotes]
    for p in lint_text(text, path=path, config=Config()).problems:
        if p.code != "EL003" and p.end > p.start:
            assert not any(start <= p.start and p.end <= end for start, end in quotes), (p, quotes)


DISABLE_FILE = {"x.txt": "# emaillint: disable-file={}", "x.md": "<!-- emaillint: disable-file={} -->",
                "x.txt.j2": "{{# emaillint: disable-file={} #}}"}


@FUZZ
@given(text=texts, path=st.sampled_from(sorted(DISABLE_FILE)), pick=st.integers(0, 50))
def test_suppressing_a_rule_removes_exactly_its_findings(text, path, pick):
    config = Config()
    source = normalise_text(text)
    before = lint_text(source, path=path, config=config)
    codes = sorted({p.code for p in before.problems} - {"EL001", "EL003"})
    if not codes or "emaillint" in source or (path.endswith(".j2") and "EL001" in {p.code for p in before.problems}):
        return  # nothing to suppress; a comment already there; a template whose tags do not close
    code = codes[pick % len(codes)]
    after = lint_text(source.rstrip("\n") + "\n\n" + DISABLE_FILE[path].format(code) + "\n", path=path, config=config)
    seen = sorted((p.code, p.line, p.column, p.message) for p in after.problems)
    assert seen == sorted((p.code, p.line, p.column, p.message) for p in before.problems if p.code != code)
    assert sorted(p.message for p in after.suppressed) == sorted(p.message for p in before.problems if p.code == code)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(data=st.binary(max_size=400), name=st.sampled_from(["x.txt", "x.eml", "x.md", "x.txt.j2"]))
def test_any_bytes_read_from_a_file_decode_or_fail_with_one_line(tmp_path_factory, data, name):
    from emaillint.api import lint_paths

    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(data)
    (report,) = list(lint_paths([str(path)], Config()))
    if report.error:
        assert "\n" not in report.error and str(path) in report.error
    else:
        assert "EL000" not in {p.code for p in report.problems}


REGRESSIONS = sorted((__import__("pathlib").Path(__file__).parent / "fuzz_regressions").glob("*"))


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_inputs_the_fuzzers_found_stay_fixed(path):
    """Each file: a format byte (index into the fuzzer's PATHS), then the draft's bytes."""
    from emaillint import api

    from emaillint.read import source
    data = path.read_bytes()
    name = ("x.txt", "x.md", "x.eml", "x.txt.j2", "x.md.j2", "-")[data[0] % 6]
    text, _ = source.decode_with_notes(data[1:], name)
    report = api.lint_source(source.from_text(text, None if name == "-" else name), Config())
    size = len(source.normalise_text(text))
    assert "EL000" not in {p.code for p in report.problems}
    assert all(0 <= p.start <= p.end <= size for p in report.problems), report.problems
