"""YAML alias bombs, config and rule-file type errors, and the template sandbox (issue 10)."""
from __future__ import annotations

import os
import stat

import pytest

from tests.robustness.helpers import one_error_line, run

BOMB = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
"""


@pytest.mark.parametrize("name,key", [("bomb.md", "kind"), ("bomb.txt.j2", "variables"), ("bomb.md", "subject")])
def test_billion_laughs_in_front_matter_is_one_finding(tmp_path, name, key):
    (tmp_path / name).write_text(f"---\n{BOMB}{key}: *h\n---\nHi Sam,\n\nHow do you plan shifts today?\n")
    code, out, err = run("check", "--isolated", "--format", "concise", name, cwd=tmp_path, timeout=20)
    assert code == 1 and "EL000" not in out
    assert "aliases" in out and "EL001" in out


def test_deep_yaml_nesting_is_one_finding(tmp_path):
    (tmp_path / "deep.md").write_text("---\nx: " + "[" * 3000 + "]" * 3000 + "\n---\nHi\n")
    code, out, _ = run("check", "--isolated", "--format", "concise", "deep.md", cwd=tmp_path)
    assert code == 1 and "EL000" not in out and "nest" in out  # ours: "nested more than N levels"; libyaml: "maximum nesting depth"


def test_python_tags_are_not_constructed(tmp_path):
    (tmp_path / "t.md").write_text("---\nkind: !!python/object/apply:os.system ['touch pwned']\n---\nHi\n")
    code, out, _ = run("check", "--isolated", "--format", "concise", "t.md", cwd=tmp_path)
    assert code == 1 and "EL001" in out and not (tmp_path / "pwned").exists()


def test_billion_laughs_in_a_vars_file_is_one_line(tmp_path):
    (tmp_path / "vars.yaml").write_text(BOMB + "first_name: *h\n")
    code, _, err = run("templates", "render", "are-you", "--example", "--vars", "vars.yaml", cwd=tmp_path, timeout=20)
    assert code == 2 and "aliases" in err and err.count("\n") == 1


def _rule(tmp_path, text: str):
    folder = tmp_path / "house"
    folder.mkdir(exist_ok=True)
    (folder / "el990-house.yaml").write_text(text)
    (tmp_path / ".emaillint.toml").write_text('extra-rules = ["house"]\n')
    (tmp_path / "a.txt").write_text("Subject: hi\n\nJust checking in about synergy!\n")


GOOD_RULE = """code: EL990
name: house.synergy
category: hype
kind: existence
level: warning
message: "'{match}' is jargon."
tokens: [synergy]
"""


@pytest.mark.parametrize("change,key", [
    ("message: 1", "message"), ("tokens: 5", "tokens"), ("tokens: [1, 2]", "tokens"), ("max: '3'", "max"),
    ("max: -1", "max"), ("name: [a, b]", "name"), ("swap: {~: better}", "swap"), ("ignorecase: maybe", "ignorecase"),
    ("message: '{0.__class__}'", "message"), ("message: '{match.__class__.__mro__}'", "message"),
    ("message: '{match:>999999999}'", "message"), ("message: '{match'", "message"),
])
def test_rule_file_type_errors_are_one_line(tmp_path, change, key):
    field = change.split(":")[0]
    text = "\n".join(line for line in GOOD_RULE.splitlines() if not line.startswith(field + ":")) + "\n" + change + "\n"
    _rule(tmp_path, text)
    code, _, err = run("check", "a.txt", cwd=tmp_path)
    assert code == 2 and f"'{key}'" in one_error_line(err), err


def test_a_good_house_rule_still_works(tmp_path):
    _rule(tmp_path, GOOD_RULE)
    code, out, _ = run("check", "--format", "concise", "a.txt", cwd=tmp_path)
    assert code == 1 and "EL990" in out and "'synergy' is jargon." in out


def test_a_rule_file_that_is_not_utf8_or_a_folder(tmp_path):
    _rule(tmp_path, GOOD_RULE)
    (tmp_path / "house" / "el990-house.yaml").write_bytes(b"code: \xff\xfe\n")
    code, _, err = run("check", "a.txt", cwd=tmp_path)
    assert code == 2 and "UTF-8" in one_error_line(err)
    (tmp_path / "house" / "el990-house.yaml").unlink()
    (tmp_path / "house" / "el990-house.yaml").mkdir()
    code, _, err = run("check", "a.txt", cwd=tmp_path)
    assert code == 2 and "cannot read" in one_error_line(err)


def test_a_rule_file_alias_bomb_is_one_line(tmp_path):
    _rule(tmp_path, GOOD_RULE + BOMB + "examples: {fail: *h}\n")
    code, _, err = run("check", "a.txt", cwd=tmp_path, timeout=20)
    assert code == 2 and "aliases" in one_error_line(err)


@pytest.mark.parametrize("toml", [
    "[tool]\nemaillint = 1\n", "[tool]\nemaillint = [1, 2]\n", "[tool.emaillint]\nrules = {EL503 = {max = -1}}\n",
    "[tool.emaillint]\nrules = {EL503 = {max = 'x'}}\n", "[tool.emaillint]\ngrammar = {words = [1]}\n",
    "[tool.emaillint]\nselect = 1\n", "[tool.emaillint]\nfail-under = 'x'\n", "[tool.emaillint]\nmax-size = -1\n",
])
def test_config_type_errors_are_one_line(tmp_path, toml):
    (tmp_path / "pyproject.toml").write_text(toml)
    (tmp_path / "a.txt").write_text("Subject: hi\n\nHow do you plan it?\n")
    code, _, err = run("check", "a.txt", cwd=tmp_path)
    assert code == 2 and "pyproject.toml" in one_error_line(err)


def test_config_that_is_not_utf8_or_nested_too_deep(tmp_path):
    (tmp_path / "a.txt").write_text("Subject: hi\n\nHow do you plan it?\n")
    (tmp_path / ".emaillint.toml").write_bytes(b"\xff\xfekind = 'cold'\n")
    code, _, err = run("check", "a.txt", cwd=tmp_path)
    assert code == 2 and "UTF-8" in one_error_line(err)
    (tmp_path / ".emaillint.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    code, _, err = run("check", "a.txt", cwd=tmp_path)
    assert code == 2 and ".emaillint.toml" in one_error_line(err)


# -- the template sandbox ---------------------------------------------------------------------------

TEMPLATE = """---
name: hostile
description: test
kind: cold
answers: [hype]
subject: "Hi"
variables:
  name:
    example: Dana
---
{body}
"""

HOSTILE = {
    "range": "{% for i in range(10**9) %}x{% endfor %}",
    "nested-range": "{% for a in range(5000) %}{% for b in range(5000) %}{% endfor %}{% endfor %}",
    "string-times": "{{ 'x' * 10**9 }}",
    "list-times": "{{ ([1] * 10**9) | length }}",
    "power": "{{ 10 ** 100000000 }}",
    "lipsum": "{{ lipsum(10**7) }}",
    "recursion": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "nested-loops": "{% set s = 'x' * 50000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "output": "{% for a in range(9000) %}{{ 'x' * 90000 }}{% endfor %}",
    "include": "{% include 'other.txt.j2' %}",
    "import": "{% import 'other.txt.j2' as other %}",
    "extends": "{% extends '/etc/passwd' %}",
    "deep-nesting": "{% if name %}" * 3000 + "{% endif %}" * 3000,
    "class": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ cycler.__init__.__globals__.os }}",
    "context": "{{ self._TemplateReference__context }}",
    "divide": "{{ 1 / 0 }}",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_templates_render_refuses_hostile_templates_with_one_line(tmp_path, case):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "hostile.txt.j2").write_text(TEMPLATE.format(body=HOSTILE[case]))
    (folder / "other.txt.j2").write_text("secret\n")
    code, out, err = run("templates", "-T", folder, "render", "hostile", "--example", cwd=tmp_path, timeout=20)
    assert code == 2, (out[:200], err)
    assert err.count("\n") == 1 and "secret" not in out and "root:" not in out, err


def test_the_sandbox_escapes_fail_in_the_library_too():
    from jinja2.exceptions import SecurityError

    from emaillint.read import sandbox

    env = sandbox.environment()
    for source in (HOSTILE["class"], HOSTILE["globals"], HOSTILE["context"]):
        with pytest.raises(SecurityError):
            sandbox.bounded_render(env.from_string(source), {})
    assert sandbox.bounded_render(env.from_string("Hi {{ n }}{% for i in range(3) %}.{% endfor %}"), {"n": "Sam"}) == "Hi Sam..."


def test_check_judges_a_hostile_template_without_running_it(tmp_path):
    for case, body in HOSTILE.items():
        (tmp_path / f"{case}.txt.j2").write_text(TEMPLATE.format(body=body))
    code, out, err = run("check", "--isolated", "--format", "concise", ".", cwd=tmp_path, timeout=30)
    assert code == 1 and "EL000" not in out


# -- writes ------------------------------------------------------------------------------------------

def test_render_force_failing_midway_keeps_the_old_file(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from emaillint.cli import main

    out = tmp_path / "draft.txt"
    out.write_text("old draft\n" * 700)
    out.chmod(0o640)

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = CliRunner().invoke(main, ["templates", "render", "are-you", "--example", "-o", str(out), "--force"])
    assert result.exit_code == 2 and "No space left" in result.output
    assert out.read_text() == "old draft\n" * 700
    assert [p.name for p in tmp_path.iterdir()] == ["draft.txt"]  # no temporary file left behind
    monkeypatch.undo()
    result = CliRunner().invoke(main, ["templates", "render", "are-you", "--example", "-o", str(out), "--force"])
    assert result.exit_code == 0 and out.read_text().startswith("---\nsubject: Are you?\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_render_does_not_overwrite_through_a_symlink(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me\n")
    (tmp_path / "draft.txt").symlink_to(target)
    code, _, err = run("templates", "render", "are-you", "--example", "-o", "draft.txt", "--force", cwd=tmp_path)
    assert code == 2 and "symbolic link" in err and target.read_text() == "keep me\n"


@pytest.mark.parametrize("args", [["-o", "out"], ["--baseline", "out", "--update-baseline"]])
def test_reports_and_baselines_are_written_atomically(tmp_path, monkeypatch, args):
    from click.testing import CliRunner

    from emaillint.cli import main

    (tmp_path / "a.txt").write_text("Subject: hi\n\nJust checking in!\n")
    out = tmp_path / "out"
    out.write_text("previous\n" * 500)
    out.chmod(0o600)
    monkeypatch.chdir(tmp_path)

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = CliRunner().invoke(main, ["check", "--isolated", *args, "a.txt"])
    assert result.exit_code == 2 and out.read_text() == "previous\n" * 500, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out"]
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--isolated", *args, "a.txt"])
    assert out.read_text() != "previous\n" * 500 and stat.S_IMODE(out.stat().st_mode) == 0o600


def test_output_file_can_be_a_device(tmp_path):
    from tests.robustness.helpers import run as run_cli

    (tmp_path / "a.txt").write_text("Subject: hi\n\nJust checking in!\n")
    code, out, err = run_cli("check", "--isolated", "--format", "concise", "-o", "/dev/stdout", "a.txt", cwd=tmp_path)
    assert code == 1 and "EL301" in out
