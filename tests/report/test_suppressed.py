"""Honest by default: silenced findings are counted and visible; unknown selectors on the command line are errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from emaillint.api import lint_text
from emaillint.run.config import Config

SILENCED = """---
subject: month-end close
---
Hi Dana,

<!-- emaillint: disable-next-line=follow-up-cliche -->
Just following up on my last note.

How have you handled approvals during close so far?

I suggest a 20-minute call on Tuesday at 10am.

Kevin
"""


def run(*args, cwd=None):
    proc = subprocess.run([sys.executable, "-m", "emaillint", *args], capture_output=True, text=True, cwd=cwd)
    return proc.returncode, proc.stdout, proc.stderr


def test_api_report_keeps_what_was_silenced():
    report = lint_text(SILENCED, path="draft.md", config=Config())
    assert report.problems == [] and report.score == 100
    assert [(p.code, p.line, p.column) for p in report.suppressed] == [("EL301", 7, 1)]
    assert report.suppressed_by == [{"line": 6, "comment": "emaillint: disable-next-line=follow-up-cliche"}]
    unsilenced = lint_text(SILENCED.replace("<!-- emaillint: disable-next-line=follow-up-cliche -->\n", ""),
                           path="draft.md", config=Config())
    assert unsilenced.suppressed == [] and [p.code for p in unsilenced.problems] == ["EL301"]


def test_json_has_a_suppressed_list_and_keeps_every_existing_key(tmp_path):
    (tmp_path / "draft.md").write_text(SILENCED)
    code, out, _ = run("check", "--isolated", "--format", "json", "draft.md", cwd=tmp_path)
    entry = json.loads(out)["files"][0]
    assert code == 0
    assert list(entry)[:6] == ["path", "kind", "score", "subscores", "stats", "problems"]
    assert entry["problems"] == [] and entry["score"] == 100
    [silenced] = entry["suppressed"]
    assert silenced["code"] == "EL301" and silenced["line"] == 7 and silenced["category"] == "follow-up-cliche"
    assert silenced["suppressed_by"] == {"line": 6, "comment": "emaillint: disable-next-line=follow-up-cliche"}
    assert set(silenced) >= {"code", "name", "category", "level", "line", "column", "end_line", "end_column", "message", "suggestion"}


def test_text_score_line_says_how_many_were_silenced(tmp_path):
    (tmp_path / "draft.md").write_text(SILENCED)
    (tmp_path / "plain.md").write_text(SILENCED.replace("<!-- emaillint: disable-next-line=follow-up-cliche -->\n", ""))
    _, out, _ = run("check", "--isolated", "--no-color", "draft.md", "plain.md", cwd=tmp_path)
    assert "draft.md: score 100/100 (follow-up, 0 findings, 1 suppressed)" in out
    assert "plain.md: score" in out and "plain.md: score 100" not in out
    assert [line for line in out.splitlines() if line.startswith("plain.md: score")][0].endswith("1 finding)")


def test_sarif_marks_silenced_results_in_source(tmp_path):
    (tmp_path / "draft.md").write_text(SILENCED)
    _, out, _ = run("check", "--isolated", "--format", "sarif", "draft.md", cwd=tmp_path)
    doc = json.loads(out)
    schema = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(doc, schema, cls=jsonschema.Draft4Validator)
    [result] = doc["runs"][0]["results"]
    assert result["ruleId"] == "EL301" and result["suppressions"][0]["kind"] == "inSource"
    assert doc["runs"][0]["artifacts"][0]["properties"]["suppressed"] == 1


def test_a_flag_selector_that_matches_no_rule_is_a_usage_error(tmp_path):
    (tmp_path / "draft.md").write_text(SILENCED)
    for flag, value in (("--select", "EL999"), ("--ignore", "no-such-category"), ("--select", "EL3,bogus.rule")):
        code, out, err = run("check", "--isolated", flag, value, "draft.md", cwd=tmp_path)
        assert code == 2 and out == "", (flag, value, out)
        assert err.count("\n") == 1 and "matches no rule" in err and "Traceback" not in err
    assert run("check", "--isolated", "--select", "EL3,hype,follow-up.cliche,ALL", "draft.md", cwd=tmp_path)[0] == 0
