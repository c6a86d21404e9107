"""--format sarif: valid SARIF 2.1.0 (the official OASIS schema, vendored) that says what the text output says."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text())


def sarif(*args, cwd=ROOT):
    proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "--format", "sarif", *args],
                          capture_output=True, text=True, cwd=cwd)
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def validate(doc):
    validator = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_the_vendored_schema_is_the_official_one_and_it_bites():
    assert SCHEMA["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"ruleId": "EL301", "level": "warn", "message": {"text": "m"}}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA, cls=jsonschema.Draft4Validator)


def test_examples_are_valid_sarif_with_the_same_findings_as_json():
    code, doc, err = sarif("examples/")
    assert code == 1, err
    validate(doc)
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "emaillint"
    assert run["columnKind"] == "unicodeCodePoints"
    proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "--format", "json", "examples/"],
                          capture_output=True, text=True, cwd=ROOT)
    as_json = json.loads(proc.stdout)["files"]
    expected = sorted((f["path"], p["code"], p["line"], p["column"], p["end_line"], p["end_column"])
                      for f in as_json for p in f["problems"])
    got = sorted((r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"],
                  *(r["locations"][0]["physicalLocation"]["region"][k] for k in ("startLine", "startColumn", "endLine", "endColumn")))
                 for r in run["results"])
    assert got == expected and len(got) > 10
    rules = run["tool"]["driver"]["rules"]
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        artifact = run["artifacts"][r["locations"][0]["physicalLocation"]["artifactLocation"]["index"]]
        assert artifact["location"]["uri"] == r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    scores = {a["location"]["uri"]: a["properties"]["score"] for a in run["artifacts"]}
    assert scores == {f["path"]: f["score"] for f in as_json}


def test_one_result_in_detail():
    _, doc, _ = sarif("examples/02-just-following-up.txt")
    run = doc["runs"][0]
    first = run["results"][0]
    assert first["ruleId"] == "EL301" and first["level"] == "warning"
    assert first["message"]["text"].startswith("'Just following up' only reminds them")
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 5, "startColumn": 1, "endLine": 5, "endColumn": 18}
    rule = run["tool"]["driver"]["rules"][first["ruleIndex"]]
    assert rule["name"] == "follow-up.cliche" and rule["properties"]["category"] == "follow-up-cliche"
    assert run["artifacts"][0]["properties"]["kind"] == "follow-up"


def test_info_is_a_note_and_unreadable_files_are_notifications(tmp_path):
    (tmp_path / "unused.txt").write_text("Subject: close\n\n# emaillint: disable=EL501\nHi Dana,\n\n"
                                         "How do you handle approvals today?\n\nI suggest a call on Tuesday at 10am.\n\nKevin\n")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01binary")
    code, doc, err = sarif(str(tmp_path / "unused.txt"), str(tmp_path / "bin.txt"), cwd=tmp_path)
    assert code == 2 and "binary" in err
    validate(doc)
    assert [(r["ruleId"], r["level"]) for r in doc["runs"][0]["results"]] == [("EL003", "note")]
    assert doc["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == "note"
    invocation = doc["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "binary" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_empty_run_is_valid(tmp_path):
    code, doc, _ = sarif(str(tmp_path), cwd=tmp_path)
    assert code == 0 and doc["runs"][0]["results"] == []
    validate(doc)
