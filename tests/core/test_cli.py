"""The command line: exit codes, formats, stdin, config, suppression, rule docs."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BAD = "Subject: Re: demo\n\nHi Dana,\n\nJust following up on my last email. Let me know your thoughts.\n\nKevin\n"
GOOD = ("Subject: month-end close\n\nHi Dana,\n\nHow have you handled approvals during close so far?\n\n"
        "I suggest a 20-minute call on Tuesday at 10am.\n\nKevin\n")


def run(*args, cwd=None, stdin=None):
    proc = subprocess.run([sys.executable, "-m", "emaillint", *args], capture_output=True, text=True, cwd=cwd, input=stdin)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD)
    (tmp_path / "good.txt").write_text(GOOD)
    return tmp_path


def test_exit_codes(drafts):
    assert run("check", str(drafts / "good.txt"), "--isolated")[0] == 0
    assert run("check", str(drafts / "bad.txt"), "--isolated")[0] == 1
    code, _, err = run("check", str(drafts / "missing.txt"))
    assert code == 2 and "no such file" in err and "Traceback" not in err


def test_binary_file_is_a_one_line_input_error(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"\x00\x01\x02binary")
    code, _, err = run("check", str(tmp_path / "x.txt"))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "binary" in err


def test_json_contract(drafts):
    code, out, _ = run("check", "--format", "json", "--isolated", str(drafts / "bad.txt"))
    doc = json.loads(out)
    assert code == 1 and doc["version"] == 1
    entry = doc["files"][0]
    assert set(entry) >= {"path", "kind", "score", "problems", "subscores"}
    problem = entry["problems"][0]
    assert set(problem) >= {"code", "name", "category", "level", "line", "column", "end_line", "end_column", "message", "suggestion"}
    assert {p["category"] for p in entry["problems"]} >= {"follow-up-cliche", "no-next-step"}
    assert entry["kind"] == "follow-up" and 0 <= entry["score"] < 100


def test_text_format_shows_line_marker_and_score(drafts):
    _, out, _ = run("check", "--isolated", "--no-color", str(drafts / "bad.txt"))
    assert "bad.txt:5:1: EL301 [warning]" in out
    assert "    ^^^^^^^^^^^^^^^^^" in out
    assert "score" in out.splitlines()[-3] and "\033[" not in out  # the score, a blank line, the run's summary line
    assert out.splitlines()[-1].endswith(" in 1 file (1 below 70); 0 suppressed")


def test_concise_and_github_formats(drafts):
    _, out, _ = run("check", "--isolated", "--format", "concise", str(drafts / "bad.txt"))
    assert all(line.startswith(str(drafts / "bad.txt")) for line in out.splitlines())
    _, out, _ = run("check", "--isolated", "--format", "github", str(drafts / "bad.txt"))
    assert out.startswith("::warning file=") and ",line=5,col=1," in out


def test_stdin(drafts):
    code, out, _ = run("check", "-", "--isolated", "--format", "json", stdin=BAD)
    assert code == 1 and json.loads(out)["files"][0]["path"] == "-"
    code, out, _ = run("check", "-", "--stdin-filename", "x.md", "--isolated", "--format", "json", stdin=GOOD)
    assert code == 0 and json.loads(out)["files"][0]["path"] == "x.md"


def test_fail_level_and_fail_under(drafts):
    assert run("check", "--isolated", "--fail-level", "error", str(drafts / "bad.txt"))[0] == 0
    assert run("check", "--isolated", "--fail-under", "100", "--fail-level", "error", str(drafts / "bad.txt"))[0] == 1


def test_select_and_ignore(drafts):
    _, out, _ = run("check", "--isolated", "--format", "json", "--select", "follow-up-cliche", str(drafts / "bad.txt"))
    assert {p["category"] for p in json.loads(out)["files"][0]["problems"]} == {"follow-up-cliche"}
    _, out, _ = run("check", "--isolated", "--format", "json", "--ignore", "EL3,no-next-step", str(drafts / "bad.txt"))
    assert not {p["category"] for p in json.loads(out)["files"][0]["problems"]} & {"follow-up-cliche", "no-next-step"}


def test_config_discovery_and_precedence(drafts):
    (drafts / "pyproject.toml").write_text('[tool.emaillint]\nignore = ["EL301"]\n[tool.emaillint.rules.EL802]\nmax_words = 5\n')
    _, out, _ = run("check", "--format", "json", str(drafts / "bad.txt"))
    found = {p["code"] for p in json.loads(out)["files"][0]["problems"]}
    assert "EL301" not in found and "EL802" in found
    nested = drafts / "team"
    nested.mkdir()
    (nested / ".emaillint.toml").write_text('select = ["EL301"]\n')
    (nested / "bad.txt").write_text(BAD)
    _, out, _ = run("check", "--format", "json", str(nested / "bad.txt"))
    assert {p["code"] for p in json.loads(out)["files"][0]["problems"]} == {"EL301"}


@pytest.mark.parametrize("toml,needle", [
    ('[tool.emaillint]\nselct = ["EL3"]\n', "unknown key selct"),
    ('[tool.emaillint.rules.EL802]\nmax_wrds = 5\n', "max_wrds: unknown option"),
    ('[tool.emaillint.rules.EL802]\nmax_words = "five"\n', "expected int"),
    ('[tool.emaillint]\nignore = ["EL999"]\n', "matches no rule"),
    ('[tool.emaillint\n', "invalid TOML"),
])
def test_config_errors_are_one_line_exit_2(drafts, toml, needle):
    (drafts / "pyproject.toml").write_text(toml)
    code, _, err = run("check", str(drafts / "bad.txt"))
    assert code == 2 and needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_per_file_ignores(drafts):
    (drafts / "pyproject.toml").write_text('[tool.emaillint.per-file-ignores]\n"bad.txt" = ["follow-up-cliche"]\n')
    _, out, _ = run("check", "--format", "json", str(drafts))
    by_path = {Path(f["path"]).name: f for f in json.loads(out)["files"]}
    assert "follow-up-cliche" not in {p["category"] for p in by_path["bad.txt"]["problems"]}


def test_folders_skip_hidden_and_git_ignored(drafts):
    (drafts / ".hidden").mkdir()
    (drafts / ".hidden" / "x.txt").write_text(BAD)
    (drafts / "ignored.txt").write_text(BAD)
    (drafts / "notes.csv").write_text(BAD)
    subprocess.run(["git", "init", "-q", str(drafts)], check=True)
    (drafts / ".gitignore").write_text("ignored.txt\n")
    _, out, _ = run("check", "--format", "json", "--isolated", str(drafts))
    names = sorted(Path(f["path"]).name for f in json.loads(out)["files"])
    assert names == ["bad.txt", "good.txt"]
    _, out, _ = run("check", "--format", "json", "--isolated", "--exclude", "bad.txt", str(drafts))
    assert [Path(f["path"]).name for f in json.loads(out)["files"]] == ["good.txt"]


def test_suppressions_in_every_format_and_unused_ones(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("---\nsubject: checklist\n---\nHi Dev,\n\n<!-- emaillint: disable=follow-up-cliche -->\nJust checking in. How do you plan onboarding today?\n\nI suggest a call on Friday at 2pm.\n\nLou\n")
    j2 = tmp_path / "a.txt.j2"
    j2.write_text("Subject: checklist\n\nHi Dev,\n\n{# emaillint: disable-next-line=EL301 #}\nJust checking in. How do you plan onboarding today?\n\nI suggest a call on Friday at 2pm.\n\nLou\n")
    txt = tmp_path / "a.txt"
    txt.write_text("Subject: checklist\n\nHi Dev,\n\n# emaillint: disable-file=EL301\nJust checking in. How do you plan onboarding today?\n\nI suggest a call on Friday at 2pm.\n\nLou\n")
    unused = tmp_path / "b.md"
    unused.write_text("---\nsubject: checklist\n---\nHi Dev,\n\n<!-- emaillint: disable=hype -->\nHow do you plan onboarding today?\n\nI suggest a call on Friday at 2pm.\n\nLou\n")
    _, out, _ = run("check", "--format", "json", "--isolated", str(md), str(j2), str(txt), str(unused))
    files = {Path(f["path"]).name: {p["code"] for p in f["problems"]} for f in json.loads(out)["files"]}
    assert files["a.md"] == set() and files["a.txt.j2"] == set() and files["a.txt"] == set()
    assert files["b.md"] == {"EL003"}


def test_rules_and_explain():
    code, out, _ = run("rules")
    assert code == 0 and "EL301" in out and "follow-up-cliche" in out
    code, out, _ = run("explain", "EL301")
    assert code == 0 and "Why is this bad?" in out and "Use instead" in out and "Principle 3" in out
    assert run("explain", "follow-up.cliche")[0] == 0
    code, _, err = run("explain", "EL999")
    assert code == 2 and "no rule" in err


def test_template_syntax_error_is_a_finding_not_a_crash(tmp_path):
    bad = tmp_path / "t.txt.j2"
    bad.write_text("Hi {{ first_name },\n\n{% if x %}How do you plan shifts?\n\nJo\n")
    code, out, err = run("check", "--format", "json", "--isolated", str(bad))
    problems = json.loads(out)["files"][0]["problems"]
    assert code == 1 and "Traceback" not in err
    assert any(p["code"] == "EL001" and p["line"] == 1 for p in problems)


def test_undeclared_template_variable(tmp_path):
    t = tmp_path / "t.md.j2"
    t.write_text("---\nvariables:\n  first_name: Dana\n---\nHi {{ first_name }},\n\nHow has {{ company }} handled close, and {{ peer | default('a peer') }}?\n\nI suggest a call on Tuesday at 10am.\n\nJo\n")
    _, out, _ = run("check", "--format", "json", "--isolated", str(t))
    problems = [p for p in json.loads(out)["files"][0]["problems"] if p["code"] == "EL002"]
    assert [(p["line"], p["column"]) for p in problems] == [(7, 9)] and "company" in problems[0]["message"]


def test_parallel_batches_give_the_same_output_in_the_same_order(tmp_path):
    import os

    for i in range(130):
        (tmp_path / f"d{i:03}.txt").write_text(BAD if i % 3 else GOOD)
    outputs = []
    for jobs in ("1", "2"):
        proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "--format", "json", str(tmp_path)],
                              capture_output=True, text=True, env={**os.environ, "EMAILLINT_JOBS": jobs})
        assert proc.returncode == 1
        outputs.append(json.loads(proc.stdout))
    assert outputs[0] == outputs[1] and len(outputs[0]["files"]) == 130
    assert [Path(f["path"]).name for f in outputs[1]["files"]] == sorted(f"d{i:03}.txt" for i in range(130))


def test_plain_draft_imports_no_heavy_modules(drafts):
    code = ("import sys, runpy; sys.argv = ['emaillint', 'check', '--isolated', %r]\n"
            "try:\n    runpy.run_module('emaillint', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in ('jinja2', 'pygls', 'lsprotocol', 'requests', 'language_tool_python') if m in sys.modules)\n"
            "print('heavy:' + ','.join(heavy))") % str(drafts / "good.txt")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip().splitlines()[-1] == "heavy:", proc.stdout


def test_house_phrases_and_extra_rule_folders(drafts):
    (drafts / "house").mkdir()
    (drafts / "house" / "el950-banned.yaml").write_text(
        "code: EL950\nname: house.banned-words\ncategory: hype\nkind: existence\nlevel: error\n"
        "message: \"'{match}' is on our banned list.\"\ntokens: [synergy]\n"
        "why: x\nexample: x\ninstead: y\nexamples: {fail: [synergy], pass: [plain]}\n")
    (drafts / "pyproject.toml").write_text(
        '[tool.emaillint]\nextra-rules = ["house"]\n[tool.emaillint.phrases]\n"follow-up.cliche" = ["friendly ping"]\n')
    (drafts / "d.txt").write_text("Subject: hi\n\nHi Sam,\n\nA friendly ping about the synergy deck. How do you plan Q3?\n\n"
                                  "I suggest a call on Monday at 9am.\n\nJo\n")
    _, out, _ = run("check", "--format", "json", str(drafts / "d.txt"))
    found = {(p["code"], p["message"].split("'")[1]) for p in json.loads(out)["files"][0]["problems"]}
    assert ("EL950", "synergy") in found and ("EL301", "friendly ping") in found


def test_invalid_extra_rule_file_names_file_and_key(drafts):
    (drafts / "house").mkdir()
    (drafts / "house" / "bad.yaml").write_text("code: EL951\nname: house.x\ncategory: nonsense\nkind: existence\nlevel: info\nmessage: m\ntokens: [a]\n")
    (drafts / "pyproject.toml").write_text('[tool.emaillint]\nextra-rules = ["house"]\n')
    code, _, err = run("check", str(drafts / "good.txt"))
    assert code == 2 and "bad.yaml: key 'category'" in err and "Traceback" not in err


def test_suppression_in_an_eml_body(tmp_path):
    eml = tmp_path / "m.eml"
    eml.write_text("From: a@b.example\nTo: c@d.example\nSubject: shifts\nContent-Type: text/plain\n\nHi Dana,\n\n"
                   "# emaillint: disable-next-line=follow-up-cliche\nJust checking in. How do you plan shifts today?\n\n"
                   "I suggest a call on Monday at 9am.\n\nKevin\n")
    _, out, _ = run("check", "--format", "json", "--isolated", str(eml))
    assert json.loads(out)["files"][0]["problems"] == []
