"""The run's summary line, --statistics (text and JSON), --quiet, --exit-zero, --output-file, --min-level, --fail-under."""
from __future__ import annotations

import json
import re

import pytest

from tests.report.helpers import run

BAD = "Subject: Re: demo\n\nHi Dana,\n\nJust following up on my last email. Let me know your thoughts.\n\nKevin\n"
GOOD = ("Subject: month-end close\n\nHi Dana,\n\nHow have you handled approvals during close so far?\n\n"
        "I suggest a 20-minute call on Tuesday at 10am.\n\nKevin\n")
SILENCED = ("Subject: month-end close\n\nHi Dana,\n\n# emaillint: disable-next-line=EL301\nJust checking in on approvals.\n"
            "How have you handled approvals during close so far?\n\nI suggest a 20-minute call on Tuesday at 10am.\n\nKevin\n")
UNUSED = GOOD.replace("Hi Dana,\n", "Hi Dana,\n# emaillint: disable=EL501\n")  # one info finding (EL003), nothing else


@pytest.fixture
def drafts(tmp_path):
    for name, text in (("bad.txt", BAD), ("good.txt", GOOD), ("silenced.txt", SILENCED), ("unused.txt", UNUSED)):
        (tmp_path / name).write_text(text)
    return tmp_path


def json_of(drafts, *names):
    return json.loads(run("--format", "json", *names, cwd=drafts)[1])["files"]


def test_every_text_run_ends_with_a_summary_line(drafts):
    files = json_of(drafts, "bad.txt", "good.txt", "silenced.txt", "unused.txt")
    problems = sum(len(f["problems"]) for f in files)
    below = sum(1 for f in files if f["score"] < 70)
    suppressed = sum(len(f["suppressed"]) for f in files)
    assert problems >= 3 and below >= 1 and suppressed == 1
    code, out, _ = run("bad.txt", "good.txt", "silenced.txt", "unused.txt", cwd=drafts)
    assert code == 1
    assert out.splitlines()[-2:] == [f"{problems} problems in 4 files ({below} below 70); 1 suppressed",
                                     "[*] 1 fixable with the --fix option"]  # unused.txt's comment (EL003)
    _, out, _ = run("good.txt", cwd=drafts)
    assert out.splitlines()[-1] == "0 problems in 1 file (0 below 70); 0 suppressed"
    _, out, _ = run("--fail-under", "100", "good.txt", "bad.txt", cwd=drafts)
    assert re.search(r"^\d+ problems in 2 files \(1 below 100\); 0 suppressed$", out.splitlines()[-1])


def test_machine_formats_have_no_summary_line(drafts):
    _, out, _ = run("--format", "json", "bad.txt", cwd=drafts)
    assert "statistics" not in json.loads(out)
    _, out, _ = run("--format", "concise", "bad.txt", cwd=drafts)
    assert "problems in" not in out and out.splitlines()[-1].startswith("bad.txt: score")


def test_quiet_prints_findings_only(drafts):
    code, out, err = run("-q", "bad.txt", "good.txt", cwd=drafts)
    assert code == 1 and "bad.txt:5:1: EL301" in out
    assert "score" not in out and "problems in" not in out and "good.txt" not in out
    code, out, _ = run("--quiet", "good.txt", cwd=drafts)
    assert code == 0 and out == ""


def test_exit_zero_keeps_output_but_not_errors(drafts):
    code, out, _ = run("--exit-zero", "bad.txt", cwd=drafts)
    assert code == 0 and "EL301" in out
    code, _, err = run("--exit-zero", "bad.txt", "missing.txt", cwd=drafts)
    assert code == 2 and "missing.txt" in err


def test_output_file_gets_the_report_and_stdout_stays_empty(drafts):
    code, out, _ = run("--format", "json", "-o", "report.json", "bad.txt", cwd=drafts)
    assert code == 1 and out == ""
    assert json.loads((drafts / "report.json").read_text())["files"][0]["path"] == "bad.txt"
    code, out, _ = run("--output-file", "report.txt", "bad.txt", cwd=drafts)
    text = (drafts / "report.txt").read_text()
    assert code == 1 and out == "" and "bad.txt:5:1: EL301" in text and "\033[" not in text
    assert text.endswith("; 0 suppressed\n")
    code, out, err = run("-o", str(drafts / "no" / "such" / "dir" / "r.txt"), "bad.txt", cwd=drafts)
    assert code != 0 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_min_level_hides_findings_from_the_output_only(drafts):
    [everything] = json_of(drafts, "unused.txt")
    assert [p["level"] for p in everything["problems"]] == ["info"]
    code, out, _ = run("--min-level", "warning", "unused.txt", cwd=drafts)
    assert "EL003" not in out and code == 0
    assert f"unused.txt: score {everything['score']}/100 (cold, 1 finding, 1 not shown)" in out
    assert out.splitlines()[-1] == "0 problems in 1 file (0 below 70); 0 suppressed; 1 hidden by --min-level warning"
    _, out, _ = run("--min-level", "warning", "--format", "json", "unused.txt", cwd=drafts)
    [shown] = json.loads(out)["files"]
    assert shown["problems"] == [] and shown["score"] == everything["score"]
    _, out, _ = run("unused.txt", cwd=drafts)
    assert "EL003 [info]" in out
    assert run("--min-level", "loud", "unused.txt", cwd=drafts)[0] == 2


def test_statistics_as_text(drafts):
    _, out, _ = run("--statistics", "bad.txt", "good.txt", "silenced.txt", cwd=drafts)
    block = out[out.index("Statistics"):]
    assert re.search(r"^\s+\d+\s+EL301\s+follow-up\.cliche\s+follow-up-cliche \(1 file\)$", block, re.M)
    assert re.search(r"^\s+\d+\s+follow-up-cliche$", block, re.M)
    assert re.search(r"^\s+1\s+EL301$", block[block.index("suppressed by rule"):], re.M)
    assert re.search(r"scores \(3 files, average [\d.]+\):", block)
    assert re.search(r"^\s+100\s+2\s+#+$", block, re.M)
    assert out.splitlines()[-1].endswith("; 1 suppressed")


def test_statistics_as_json_extend_the_contract(drafts):
    code, out, _ = run("--statistics", "--format", "json", "bad.txt", "good.txt", "silenced.txt", cwd=drafts)
    doc = json.loads(out)
    assert doc["version"] == 1 and len(doc["files"]) == 3
    stats = doc["statistics"]
    files = doc["files"]
    assert stats["files"] == 3 and stats["suppressed"] == 1
    assert stats["problems"] == sum(len(f["problems"]) for f in files)
    assert sum(r["count"] for r in stats["by_rule"]) == stats["problems"] == sum(stats["by_category"].values())
    assert {r["code"] for r in stats["by_rule"]} == {p["code"] for f in files for p in f["problems"]}
    assert stats["suppressed_by_rule"] == {"EL301": 1}
    assert sum(b["files"] for b in stats["score_distribution"]) == 3
    assert stats["average_score"] == round(sum(f["score"] for f in files) / 3, 1)
    assert stats["below_threshold"] == [{"path": "bad.txt", "score": files[0]["score"]}]


def test_fail_under_names_the_emails_below_it(drafts):
    code, out, err = run("--fail-under", "80", "--format", "json", "bad.txt", "good.txt", cwd=drafts)
    score = json.loads(out)["files"][0]["score"]
    assert code == 1
    assert err.strip().splitlines()[-1] == f"emaillint: 1 email below --fail-under 80: bad.txt ({score})"
    code, _, err = run("--fail-under", "80", "good.txt", cwd=drafts)
    assert code == 0 and "below" not in err
