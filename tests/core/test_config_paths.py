"""Every path a config file names is relative to that file's folder, as in ruff, wherever the run starts.

A relative grammar ``cache-dir`` was taken from the current folder (a run from a sub-folder made a second
cache there), and an ``exclude`` glob with a folder in it matched only paths as typed from the project root
(``emaillint check .`` in ``drafts/`` linted ``drafts/private/``)."""
from __future__ import annotations

from pathlib import Path

import pytest

from emaillint.run.config import load_file
from tests.fixtures.fake_languagetool import serve
from tests.robustness.helpers import run

DRAFT = "Subject: hi\n\nHi Sam,\n\nJust checking in, how are teh shifts going?\n\nJo\n"
CONFIG = '''exclude = ["drafts/private/*", "*.bak"]
templates = ["our-templates/"]

[grammar]
cache-dir = "lt-cache"
'''


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    (root / "drafts" / "private").mkdir(parents=True)
    (root / "our-templates").mkdir()
    (root / ".emaillint.toml").write_text(CONFIG)
    (root / "drafts" / "a.txt").write_text(DRAFT)
    (root / "drafts" / "private" / "secret.txt").write_text(DRAFT)
    (root / "drafts" / "old.bak").write_text(DRAFT)
    return root


def test_paths_in_a_config_file_are_relative_to_its_folder(project, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # anywhere but the project
    config = load_file(project / ".emaillint.toml")
    assert Path(config.grammar.cache_dir) == project.resolve() / "lt-cache"
    assert config.template_dirs == (project.resolve() / "our-templates",)


@pytest.mark.parametrize("cwd,args", [("", ["."]), ("drafts", ["."]), ("drafts/private", [".."]), ("drafts", ["a.txt", "private/secret.txt"]),
                                      ("..", ["--config", "project/.emaillint.toml", "project"])])
def test_an_exclude_glob_with_a_folder_holds_wherever_the_run_starts(project, cwd, args):
    code, out, err = run("check", "--format", "concise", "--no-cache", *args, cwd=project / cwd)
    assert code == 1 and "a.txt" in out, (out, err)
    assert "secret.txt" not in out and "old.bak" not in out


def test_a_grammar_run_from_a_sub_folder_uses_the_cache_the_config_names(project):
    teh = {"offset": 0, "length": 3, "message": "Possible spelling mistake found.",
           "rule": {"id": "MORFOLOGIK_RULE_EN_US", "issueType": "misspelling"}, "replacements": [{"value": "the"}]}
    with serve(lambda form, text: (200, [dict(teh, offset=text.index("teh"))])) as url:
        code, out, err = run("check", "--format", "concise", "--grammar", "--languagetool-url", url, "a.txt",
                             cwd=project / "drafts", timeout=60)
    assert code == 1 and "EL902" in out, (out, err)
    assert list((project / "lt-cache").rglob("lt-v*/*/*.json")) and not (project / "drafts" / "lt-cache").exists()
