"""`emaillint check --grammar` end to end, against the real LanguageTool server."""
from __future__ import annotations

import json
import socket
import subprocess
import sys

DRAFT = ("Subject: notes\n\nHi Sam,\n\nThis are a test of the recieve path. How do you handle Flowstack today?\n\n"
         "I suggest a call on Monday at 9am.\n\nJo\n\nOn Mon, Jo wrote:\n> Thsi quoted typo is not ours.\n")


def run(*args, cwd=None, env_url=None):
    import os

    env = dict(os.environ)
    env.pop("EMAILLINT_LANGUAGETOOL_URL", None)
    if env_url:
        env["EMAILLINT_LANGUAGETOOL_URL"] = env_url
    proc = subprocess.run([sys.executable, "-m", "emaillint", "check", *args], capture_output=True, text=True,
                          cwd=cwd, env=env)
    return proc.returncode, proc.stdout, proc.stderr


def problems(out):
    return json.loads(out)["files"][0]["problems"]


def test_grammar_and_spelling_findings_at_the_right_place(lt_url, tmp_path):
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / ".emaillint.toml").write_text("[grammar]\nwords = [\"Flowstack\"]\n")
    code, out, err = run("--grammar", "--languagetool-url", lt_url, "--format", "json", "d.txt", cwd=tmp_path)
    found = {(p["code"], p["line"], p["column"]) for p in problems(out)}
    assert ("EL901", 5, 1) in found or ("EL901", 5, 6) in found, found
    assert ("EL902", 5, 24) in found, found
    assert all(p["line"] == 5 for p in problems(out) if p["code"] in ("EL901", "EL902")), "quoted text or house words flagged"
    assert code == 1 and "warning" not in err


def test_grammar_from_config_and_env(lt_url, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.emaillint]\ngrammar = true\n")
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    _, out, _ = run("--format", "json", "d.txt", cwd=tmp_path, env_url=lt_url)
    assert "EL902" in {p["code"] for p in problems(out)}


def test_template_placeholders_are_not_spelling_errors(lt_url, tmp_path):
    t = tmp_path / "t.txt.j2"
    t.write_text("---\nvariables:\n  first_name: Dana\n  company: Harbor Foods\n---\nHi {{ first_name }},\n\n"
                 "How has {{ company }} handled approvals so far?\n\nI suggest a call on Tuesday at 10am.\n\nKevin\n")
    code, out, _ = run("--grammar", "--languagetool-url", lt_url, "--format", "json", str(t))
    assert [p for p in problems(out) if p["code"] in ("EL901", "EL902")] == []


def test_unavailable_server_is_one_warning_and_coaching_still_decides(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    good = tmp_path / "good.txt"
    good.write_text("Subject: close\n\nHi Dana,\n\nHow have you handled approvals so far?\n\nI suggest a call on Tuesday at 10am.\n\nKevin\n")
    (tmp_path / "bad.txt").write_text("Subject: Re: demo\n\nHi Dana,\n\nJust following up. Let me know.\n\nKevin\n")
    code, out, err = run("--grammar", "--languagetool-url", f"http://127.0.0.1:{port}", "--format", "json", str(good), str(tmp_path / "bad.txt"))
    warnings = [l for l in err.splitlines() if "warning" in l]
    assert len(warnings) == 1 and "not reachable" in warnings[0] and "Traceback" not in err
    files = json.loads(out)["files"]
    assert files[0]["problems"] == [] and code == 1  # bad.txt still fails on its coaching findings
    code, _, _ = run("--grammar", "--languagetool-url", f"http://127.0.0.1:{port}", str(good))
    assert code == 0


def test_languagetool_rules_disabled_by_id_in_config(lt_url, tmp_path):
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / ".emaillint.toml").write_text('[grammar]\ndisabled-rules = ["MORFOLOGIK_RULE_EN_US"]\n')
    _, out, _ = run("--grammar", "--languagetool-url", lt_url, "--format", "json", "d.txt", cwd=tmp_path)
    codes = {p["code"] for p in problems(out)}
    assert "EL901" in codes and "EL902" not in codes
