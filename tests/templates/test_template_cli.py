"""``emaillint templates list/show/render`` and ``emaillint suggest``."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from emaillint.cli.templates import suggest, templates


@pytest.fixture
def runner():
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps stderr apart
        return CliRunner()


def test_list_shows_name_kind_and_description(runner):
    result = runner.invoke(templates, ["list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) >= 8
    are_you = next(line for line in lines if line.startswith("are-you "))
    assert "re-engagement" in are_you and "prospect who went quiet" in are_you
    assert "[user" not in result.output


def test_list_marks_user_templates_and_overrides(runner, write_template):
    text = """
        ---
        name: {name}
        description: Mine.
        kind: cold
        answers: [self-centric]
        subject: "x"
        variables: {{}}
        ---
        Hi.
        """
    write_template("are-you", text.format(name="are-you"))
    folder = write_template("extra", text.format(name="extra"))
    result = runner.invoke(templates, ["--template-dir", str(folder), "list"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines()}
    assert lines["are-you"].endswith("[user, overrides shipped]")
    assert lines["extra"].endswith("[user]")
    assert "[" not in lines["problem-first-intro"]


def test_list_reads_template_dirs_from_the_context_config(runner, write_template, make_config):
    folder = write_template(
        "extra", "---\nname: extra\ndescription: Mine.\nkind: cold\nanswers: [hype]\nsubject: x\n---\nHi.\n"
    )
    result = runner.invoke(templates, ["list"], obj=make_config(folder))
    assert result.exit_code == 0, result.output
    assert "extra" in result.output


def test_show_prints_notes_variables_and_body(runner):
    result = runner.invoke(templates, ["show", "are-you"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("are-you (re-engagement, shipped:")
    assert "Subject: Are you?" in out
    assert "first_name" in out and "required" in out and "example: Dana" in out
    assert "Notes:" in out and "Template:" in out and "{{ first_name }}" in out


def test_render_with_vars(runner):
    result = runner.invoke(
        templates, ["render", "are-you", "--var", "first_name=Dana", "--var", "topic=month-end close"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("---\nsubject: Are you?\nkind: re-engagement\ntemplate: are-you\n---\nHi Dana,\n")
    assert "month-end close" in result.output


def test_render_example(runner):
    result = runner.invoke(templates, ["render", "problem-first-intro", "--example"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("---\nsubject: Northwind's month-end close\nkind: cold\ntemplate: problem-first-intro\n---\n")
    assert "Northwind" in result.output


def test_render_vars_file_and_var_overrides_it(runner, tmp_path):
    prospect = tmp_path / "prospect.yaml"
    prospect.write_text("first_name: Priya\ntopic: vendor onboarding\nunrelated: ignored\n")
    result = runner.invoke(templates, ["render", "are-you", "--vars", str(prospect), "--var", "first_name=Lee"])
    assert result.exit_code == 0, result.output
    assert "Hi Lee," in result.output and "vendor onboarding" in result.output


def test_render_missing_variables_is_one_line_exit_2(runner):
    result = runner.invoke(templates, ["render", "are-you"])
    assert result.exit_code == 2
    assert result.stdout == ""
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1
    assert "first_name" in err and "topic" in err


def test_render_unknown_template_and_bad_var(runner):
    result = runner.invoke(templates, ["render", "nope", "--example"])
    assert result.exit_code == 2 and "unknown template 'nope'" in result.stderr
    result = runner.invoke(templates, ["render", "are-you", "--var", "first_name"])
    assert result.exit_code == 2 and "NAME=VALUE" in result.stderr
    result = runner.invoke(templates, ["render", "are-you", "--example", "--var", "frist_name=Dana"])
    assert result.exit_code == 2 and "frist_name" in result.stderr


def test_render_bad_vars_file(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just\n- a list\n")
    result = runner.invoke(templates, ["render", "are-you", "--vars", str(bad)])
    assert result.exit_code == 2 and "mapping" in result.stderr
    result = runner.invoke(templates, ["render", "are-you", "--vars", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2 and "cannot read" in result.stderr


def test_render_output_never_overwrites_without_force(runner, tmp_path):
    out = tmp_path / "draft.txt"
    result = runner.invoke(templates, ["render", "are-you", "--example", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("---\nsubject: Are you?\nkind: re-engagement\ntemplate: are-you\n---\n")
    assert result.stdout == ""

    out.write_text("my precious edits\n")
    result = runner.invoke(templates, ["render", "are-you", "--example", "-o", str(out)])
    assert result.exit_code == 2
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert out.read_text() == "my precious edits\n"

    result = runner.invoke(templates, ["render", "are-you", "--example", "-o", str(out), "--force"])
    assert result.exit_code == 0
    assert out.read_text().startswith("---\nsubject: Are you?\n")


def test_suggest_names_templates_for_a_cliche_follow_up(runner, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "Subject: Following up\n\n"
        "Hi Dana,\n\n"
        "Just following up on my last email. Did you get a chance to look at our platform?\n\n"
        "Let me know your thoughts.\n\nThanks,\nSam\n"
    )
    result = runner.invoke(suggest, [str(draft)])
    assert result.exit_code == 0, (result.output, result.stderr)
    assert "are-you" in result.output
    assert "follow-up-cliche" in result.output
    assert "emaillint templates render are-you --example" in result.output
    names = [line.split()[0] for line in result.output.splitlines() if line and not line.startswith((" ", str(draft)))]
    assert names[0] == "are-you"


def test_suggest_on_a_clean_draft_needs_no_template(runner, tmp_path):
    from emaillint.templates import catalog

    draft = tmp_path / "draft.txt"
    draft.write_text(catalog.render(catalog.get_template("are-you"), example=True))
    result = runner.invoke(suggest, [str(draft)])
    assert result.exit_code == 0, (result.output, result.stderr)
    assert "no template needed" in result.output


def test_suggest_missing_file_is_exit_2(runner, tmp_path):
    result = runner.invoke(suggest, [str(tmp_path / "nope.txt")])
    assert result.exit_code == 2


def test_commands_are_registered_in_the_main_cli(runner):
    from emaillint.cli import main

    result = runner.invoke(main, ["templates", "render", "are-you", "--example"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("---\nsubject: Are you?\nkind: re-engagement\ntemplate: are-you\n---\n")
    result = runner.invoke(main, ["templates", "render", "are-you"])
    assert result.exit_code == 2 and "first_name" in result.stderr


def test_user_templates_come_from_the_project_config(runner, tmp_path, monkeypatch):
    (tmp_path / "mine").mkdir()
    (tmp_path / ".emaillint.toml").write_text('templates = ["mine"]\n')
    (tmp_path / "mine" / "are-you.txt.j2").write_text(
        "---\nname: are-you\ndescription: Our own.\nkind: re-engagement\nanswers: [follow-up-cliche]\n"
        "subject: Are you?\nvariables: {}\n---\nAre you still on it?\n"
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(templates, ["list"])
    assert result.exit_code == 0, result.output
    assert "Our own.  [user, overrides shipped]" in result.output
    result = runner.invoke(templates, ["render", "are-you"])
    assert result.output == "---\nsubject: Are you?\nkind: re-engagement\ntemplate: are-you\n---\nAre you still on it?\n"


def test_check_of_a_plain_draft_does_not_import_jinja2(tmp_path):
    import subprocess
    import sys

    draft = tmp_path / "plain.txt"
    draft.write_text("Subject: Hi\n\nHi Dana,\n\nHow have you handled month-end close so far?\n")
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom emaillint.cli import main\n"
        f"CliRunner().invoke(main, ['check', {str(draft)!r}])\n"
        "assert 'jinja2' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_suggest_reads_drafts_the_way_check_does(runner, tmp_path):
    draft = tmp_path / "cp1252.txt"
    draft.write_bytes("Subject: Following up\n\nHi Dana,\n\nJust following up on my last email – any news?\n\nSam\n"
                      .encode("cp1252"))
    result = runner.invoke(suggest, [str(draft)])
    assert result.exit_code == 0, (result.output, result.stderr)
    assert "are-you" in result.output


def test_a_loaded_template_keeps_its_text(tmp_path):
    from emaillint.templates import catalog

    template = catalog.get_template("are-you")
    text = template.text
    assert text.startswith("---\nname: are-you")
    moved = catalog.load_template(template.path)
    assert moved.text == text
