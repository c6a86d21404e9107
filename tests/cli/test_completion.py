"""Shell completion as the README documents it: ``_EMAILLINT_COMPLETE=bash_source emaillint``
prints a bash script; sourced in a real bash, it completes subcommands and options."""
from __future__ import annotations

import subprocess

from tests.cli.support import isolated_env


def _complete(env: dict, script: str, words: str) -> list[str]:
    """COMPREPLY after sourcing ``script`` and calling the function it registered for ``emaillint``
    the way bash does on Tab (the command's name as $1, the words in COMP_WORDS)."""
    probe = (f'source "{script}"\n'
             f'COMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); COMP_LINE="{words}"; '
             f'COMP_POINT=${{#COMP_LINE}}\n'
             'fn=$(complete -p emaillint | sed -E "s/.*-F ([^ ]+).*/\\1/")\n'
             '"$fn" emaillint\nprintf "%s\\n" "${COMPREPLY[@]}"\n')
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", probe], capture_output=True, text=True, env=env,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_bash_completion_script_completes_subcommands_and_options(tmp_path):
    env = isolated_env(tmp_path)
    script = tmp_path / "emaillint-complete.bash"
    proc = subprocess.run(["bash", "-c", f"_EMAILLINT_COMPLETE=bash_source emaillint > {script}"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    text = script.read_text(encoding="utf-8")
    assert "complete " in text and "_EMAILLINT_COMPLETE" in text
    assert _complete(env, script, "emaillint ch") == ["check"]
    assert _complete(env, script, "emaillint templates re") == ["render"]
    assert "--fail-under" in _complete(env, script, "emaillint check --fail")
