"""The pre-commit snippets in README.md and docs/pre-commit.md, run as documented by the real
pre-commit with no network: ``repo:`` is the documented placeholder (the address a reader clones
emaillint from) pointed at this repository, ``rev:`` is used exactly as written, so the commit
it names must be on this checkout's history and work as a hook. The run's output must show what
docs/pre-commit.md says a run looks like, and every documented ``args:`` list must be options
``emaillint check`` accepts."""
from __future__ import annotations

import re
import subprocess
import tomllib

import pytest
import yaml
from precommit_support import REPO_ROOT, make_git_repo, run
from test_precommit_hook import BAD_FOLLOW_UP, GOOD_DRAFT

from tests.cli.support import parse_error
from tests.docs.doc_commands import fenced_blocks, output_matches

PLACEHOLDER = "https://GIT-HOST/OWNER/emaillint.git"
PIN = r"[0-9a-f]{40}|v\d+\.\d+\.\d+"  # a full commit SHA, or a release tag (none is published yet)
SNIPPET_DOCS = [REPO_ROOT / "README.md", REPO_ROOT / "docs" / "pre-commit.md"]


def _snippets() -> list[tuple[str, str]]:
    out = []
    for doc in SNIPPET_DOCS:
        for block in fenced_blocks(doc):
            text = "\n".join(block.lines)
            if block.lang == "yaml" and text.lstrip().startswith("repos:"):
                out.append((f"{doc.relative_to(REPO_ROOT)}:{block.line}", text))
    return out


SNIPPETS = _snippets()


def _shown_run_output() -> list[str]:
    """The output docs/pre-commit.md shows under ``$ pre-commit run --all-files`` ("What a run looks like")."""
    from tests.docs.doc_commands import commands, shell_blocks

    for block in shell_blocks(REPO_ROOT / "docs" / "pre-commit.md"):
        for command in commands(block):
            if command.text == "pre-commit run --all-files" and command.output:
                return command.output
    raise AssertionError("docs/pre-commit.md shows no output of a pre-commit run")


def test_each_doc_has_a_snippet_with_the_placeholder_and_a_pin():
    assert {where.split(":")[0] for where, _ in SNIPPETS} == {"README.md", "docs/pre-commit.md"}
    for where, text in SNIPPETS:
        repo = yaml.safe_load(text)["repos"][0]
        assert repo["repo"] == PLACEHOLDER, f"{where}: repo: must be the documented placeholder"
        assert re.fullmatch(PIN, str(repo["rev"])), f"{where}: rev: must be a full commit SHA or a release tag"


@pytest.mark.parametrize("where, text", SNIPPETS, ids=[w for w, _ in SNIPPETS])
def test_the_documented_snippet_runs_offline(where, text, pre_commit, offline_env, tmp_path):
    documented = yaml.safe_load(text)
    rev = documented["repos"][0]["rev"]
    config = text.replace(PLACEHOLDER, str(REPO_ROOT))  # the reader's clone address; everything else as written
    repo = tmp_path / "sales-templates"
    make_git_repo(repo, {"drafts/follow-up-bad.txt": BAD_FOLLOW_UP, "drafts/good.txt": GOOD_DRAFT,
                         ".pre-commit-config.yaml": config})
    proc = run([pre_commit, "run", "--all-files"], repo, offline_env)
    assert proc.returncode == 1, f"{where} (rev {rev}):\n{proc.stdout}"
    problem = output_matches(_shown_run_output(), proc.stdout)
    assert problem is None, f"{where} (rev {rev}): docs/pre-commit.md's sample run: {problem}\n{proc.stdout}"
    good = run([pre_commit, "run", "--files", "drafts/good.txt"], repo, offline_env)
    assert good.returncode == 0 and "Passed" in good.stdout, good.stdout


def test_every_documented_args_list_parses():
    entry = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]["entry"].split()
    assert entry[0] == "emaillint-hook"  # the same arguments as emaillint (daemon/client.py)
    found = 0
    for doc in SNIPPET_DOCS:
        for block in fenced_blocks(doc):
            for line in block.lines:
                match = re.match(r"\s*#?\s*args:\s*(\[.*\])", line)
                if match:
                    found += 1
                    args = yaml.safe_load(match.group(1))
                    assert parse_error(entry[1:] + args) is None, f"{doc.name}: {line.strip()}: {parse_error(entry[1:] + args)}"
    assert found >= 4


def _pins_the_docs_name() -> set[str]:
    names = set()
    for doc in [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        names |= set(re.findall(rf"rev: ({PIN})\b", text)) | set(re.findall(rf"\.git@({PIN})\b", text))
    return names


def test_every_pin_the_docs_name_is_on_main_and_carries_the_version():
    """A pin the docs name must reach a reader: a commit on this checkout's history (a clone of
    main has it; a tag would have to be published on its own), or an annotated release tag; and
    the code it names must be this version of emaillint."""
    names = _pins_the_docs_name()
    assert names, "the docs name no commit or release tag to pin"
    assert len(names) == 1, f"the docs pin different revisions: {sorted(names)}"
    version = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    for name in sorted(names):
        if name.startswith("v"):
            kind = subprocess.run(["git", "cat-file", "-t", f"refs/tags/{name}"], cwd=REPO_ROOT,
                                  capture_output=True, text=True)
            assert kind.stdout.strip() == "tag", f"{name} is not an annotated tag in {REPO_ROOT} ({kind.stderr.strip()})"
        else:
            on_history = subprocess.run(["git", "merge-base", "--is-ancestor", name, "HEAD"], cwd=REPO_ROOT,
                                        capture_output=True, text=True)
            assert on_history.returncode == 0, f"{name} is not a commit on {REPO_ROOT}'s history ({on_history.stderr.strip()})"
        pyproject = subprocess.run(["git", "show", f"{name}:pyproject.toml"], cwd=REPO_ROOT, capture_output=True,
                                   text=True, check=True).stdout
        assert tomllib.loads(pyproject)["project"]["version"] == version, f"{name} is not version {version}"
