"""``emaillint check`` writes each file's report as soon as it is judged and keeps none of them.

Memory then stays flat however many drafts a run judges (`bench/batch_memory.py --command check`
measures it); here the two properties behind that are checked directly, for every format: a file's
part of the output is out before the next file is even judged (formats whose summary comes first,
SARIF and HTML, aside), and no report is still alive once its turn has passed.
"""
from __future__ import annotations

import gc
import io
import json
import sys
import weakref

import pytest

from emaillint.api import lint_text
from emaillint.report.reporting import OutputOptions, finish

DRAFTS = [f"Subject: close at Acme {i}\n\nHi Dana{i},\n\nJust following up on my last email. Any updates?\n\nKevin\n"
          for i in range(6)]
STREAMED = ["text", "concise", "json", "github"]


def _results(out: io.StringIO, seen: list, fmt: str, streamed: bool):
    for i, draft in enumerate(DRAFTS):
        if i >= 2:
            gc.collect()
            alive = [j for j, ref in enumerate(seen) if ref() is not None and j < i - 1]
            assert not alive, f"reports {alive} are still held while file {i} is judged"
            if streamed:
                assert f"d{i - 1}.txt" in out.getvalue(), f"{fmt}: file {i - 1} was not written before file {i}"
        report = lint_text(draft, path=f"d{i}.txt")
        seen.append(weakref.ref(report))
        yield report, True, None, "warning"


@pytest.mark.parametrize("fmt", STREAMED + ["sarif", "html"])
@pytest.mark.parametrize("options", [OutputOptions(), OutputOptions(statistics=True, min_level="warning")],
                         ids=["plain", "statistics"])
def test_each_report_is_written_as_judged_and_then_let_go(monkeypatch, fmt, options):
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    seen: list = []
    code = finish(_results(out, seen, fmt, fmt in STREAMED), files=[f"d{i}.txt" for i in range(len(DRAFTS))],
                  missing=[], fmt=fmt, color=False, options=options)
    assert code == 1 and len(seen) == len(DRAFTS)
    text = out.getvalue()
    assert all(f"d{i}.txt" in text for i in range(len(DRAFTS)))
    if fmt == "json":
        doc = json.loads(text)
        assert [f["path"] for f in doc["files"]] == [f"d{i}.txt" for i in range(len(DRAFTS))]
        assert ("statistics" in doc) == options.statistics


def test_a_baseline_is_applied_file_by_file(monkeypatch, tmp_path):
    """--baseline matches each report as it comes; the result is the one of matching them all at once."""
    from emaillint.report import baseline

    monkeypatch.chdir(tmp_path)
    for i, draft in enumerate(DRAFTS):
        (tmp_path / f"d{i}.txt").write_text(draft)
    reports = [lint_text(d, path=f"d{i}.txt") for i, d in enumerate(DRAFTS)]
    baseline.write("b.json", reports[:3])
    recorded = baseline.load("b.json")
    together, covered = baseline.split(reports, recorded, "b.json")
    known = baseline.Known(recorded, "b.json")
    one_by_one = [known.split(r) for r in reports]
    assert [r.problems for r, _ in one_by_one] == [r.problems for r in together]
    assert {r.path: n for r, (_, n) in zip(reports, one_by_one) if n} == covered
    assert sum(covered.values()) == sum(len(r.problems) for r in reports[:3]) > 0
