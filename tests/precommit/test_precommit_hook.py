"""The pre-commit hooks, run by the real `pre-commit` against a committed copy
of this checkout, in throwaway template repositories, with no network."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from precommit_support import REPO_ROOT, make_git_repo, run

BAD_FOLLOW_UP = """\
Subject: Quick question

Hi Dana,

Just following up on my last email. Did you get a chance to look?

Thanks,
Sam
"""

GOOD_DRAFT = """\
Subject: Month-end approvals at Acme

Hi Dana,

You mentioned your controllers spend the last three days of every month chasing approvals by email.

Which approvals take longest to come back, and what happens to the close when one of them is late?

If it helps, I can walk you through how Northwind cut their chase from three days to one. \
Would Tuesday at 10am work for a 20-minute call?

Sam
"""

GOOD_TEMPLATE = """\
---
name: approvals-reply
kind: reply
variables:
  first_name:
    example: Dana
  proposed_time:
    example: Tuesday at 10am
  sender_name:
    example: Sam
---
Hi {{ first_name }},

You mentioned your team spends the last three days of every month chasing approvals by email.

Which approvals take longest to come back, and what happens to the close when one of them is late?

Would {{ proposed_time }} work for a 20-minute call to walk through one month's approvals together?

{{ sender_name }}
"""

BAD_TEMPLATE = """\
---
name: bump
kind: follow-up
variables:
  first_name:
    example: Dana
---
Hi {{ first_name }},

Just following up on my last email. Did you get a chance to look?

Thanks
"""

DRAFTS = {
    "drafts/follow-up-bad.txt": BAD_FOLLOW_UP,
    "drafts/good.txt": GOOD_DRAFT,
    "drafts/good-reply.eml": GOOD_DRAFT,
    "templates/approvals-reply.txt.j2": GOOD_TEMPLATE,
    "templates/bump.jinja": BAD_TEMPLATE,
    "tools/render.py": "print('not an email; just following up')\n",
}

FINDING = re.compile(r"^(?P<path>[^\s:]+):\d+:\d+: (?P<code>EL\d{3}) \[(info|warning|error)\] \S")
SCORE = re.compile(r"^(?P<path>[^\s:]+): score \d+/100 \(")


def config(repo: str, rev: str, hook_id: str = "emaillint", args: list[str] | None = None) -> str:
    hook: dict = {"id": hook_id}
    if args is not None:
        hook["args"] = args
    return yaml.safe_dump({"repos": [{"repo": repo, "rev": rev, "hooks": [hook]}]}, sort_keys=False)


def drafts_repo(tmp_path: Path, hook_repo, **kwargs) -> Path:
    path = tmp_path / "sales-templates"
    make_git_repo(path, {**DRAFTS, ".pre-commit-config.yaml": config(str(hook_repo.path), hook_repo.rev, **kwargs)})
    return path


def findings(output: str) -> list[tuple[str, str]]:
    return [(m["path"], m["code"]) for m in map(FINDING.match, output.splitlines()) if m]


def scored(output: str) -> set[str]:
    return {m["path"] for m in map(SCORE.match, output.splitlines()) if m}


def test_manifest_is_valid_and_offers_the_hooks(pre_commit):
    proc = run([pre_commit, "validate-manifest", ".pre-commit-hooks.yaml"], REPO_ROOT)
    assert proc.returncode == 0, proc.stdout
    hooks = {h["id"]: h for h in yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert {"emaillint", "emaillint-templates"} <= hooks.keys()
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["entry"].startswith("emaillint-hook check")  # the client of a warm emaillint (daemon/)
        assert "--format concise" in hook["entry"]
        assert hook["require_serial"] is True
    main = re.compile(hooks["emaillint"]["files"])
    for name in ("a.txt", "b/c.md", "d.eml", "e.txt.j2", "f.jinja", "g.jinja2"):
        assert main.search(name), name
    for name in ("a.py", "b.txt.bak", "c.yaml", "emlx"):
        assert not main.search(name), name
    templates = re.compile(hooks["emaillint-templates"]["files"])
    assert templates.search("t.txt.j2") and templates.search("t.jinja")
    assert not templates.search("d.txt") and not templates.search("d.eml")


def test_project_config_is_valid(pre_commit):
    proc = run([pre_commit, "validate-config", ".pre-commit-config.yaml"], REPO_ROOT)
    assert proc.returncode == 0, proc.stdout


def test_run_all_files_fails_on_just_following_up(pre_commit, offline_env, hook_repo, tmp_path):
    repo = drafts_repo(tmp_path, hook_repo)
    proc = run([pre_commit, "run", "--all-files"], repo, offline_env)
    out = proc.stdout
    assert proc.returncode == 1, out
    assert "Failed" in out and "- hook id: emaillint" in out, out
    assert ("drafts/follow-up-bad.txt", "EL301") in findings(out), out
    assert ("templates/bump.jinja", "EL301") in findings(out), out
    # good drafts: a score line and no finding line; the .py file is not passed at all
    bad_files = {path for path, _ in findings(out)}
    assert {"drafts/good.txt", "drafts/good-reply.eml", "templates/approvals-reply.txt.j2"} <= scored(out), out
    assert "drafts/good.txt" not in bad_files and "drafts/good-reply.eml" not in bad_files, out
    assert "tools/render.py" not in out
    # short, readable output: every line of the hook's output is a finding or a score line
    body = out.split("- exit code: 1", 1)[1].strip().splitlines()
    assert body and all(FINDING.match(line) or SCORE.match(line) for line in body), out
    assert "Traceback" not in out


def test_good_drafts_pass_with_the_installed_env(pre_commit, offline_env, hook_repo, tmp_path):
    repo = drafts_repo(tmp_path, hook_repo)
    proc = run([pre_commit, "run", "emaillint", "--files", "drafts/good.txt", "drafts/good-reply.eml",
                "templates/approvals-reply.txt.j2"], repo, offline_env)
    assert proc.returncode == 0, proc.stdout
    assert re.search(r"emaillint \(sales email drafts and templates\)\.+Passed", proc.stdout), proc.stdout


def test_args_fail_under(pre_commit, offline_env, hook_repo, tmp_path):
    repo = drafts_repo(tmp_path, hook_repo, args=["--fail-level=error", "--fail-under=80"])
    bad = run([pre_commit, "run", "--files", "drafts/follow-up-bad.txt"], repo, offline_env)
    assert bad.returncode == 1, bad.stdout
    assert ("drafts/follow-up-bad.txt", "EL301") in findings(bad.stdout), bad.stdout
    good = run([pre_commit, "run", "--files", "drafts/good.txt"], repo, offline_env)
    assert good.returncode == 0, good.stdout


def test_args_select_and_ignore(pre_commit, offline_env, hook_repo, tmp_path):
    repo = drafts_repo(tmp_path, hook_repo, args=["--ignore=EL301,EL201,EL401"])
    proc = run([pre_commit, "run", "--files", "drafts/follow-up-bad.txt"], repo, offline_env)
    assert "EL301" not in proc.stdout, proc.stdout
    repo2 = drafts_repo(tmp_path / "2", hook_repo, args=["--select=EL301"])
    proc = run([pre_commit, "run", "--files", "drafts/follow-up-bad.txt"], repo2, offline_env)
    assert proc.returncode == 1, proc.stdout
    assert {code for _, code in findings(proc.stdout)} == {"EL301"}, proc.stdout


def test_a_second_run_is_answered_by_the_warm_daemon(pre_commit, offline_env, hook_repo, tmp_path):
    """The first run judges in the hook's own process and starts a daemon; with EMAILLINT_DAEMON=require a later
    run fails unless that daemon answered, and its output is the first run's."""
    repo = drafts_repo(tmp_path, hook_repo)
    args = [pre_commit, "run", "--files", "drafts/follow-up-bad.txt", "drafts/good.txt"]
    first = run(args, repo, offline_env)
    assert first.returncode == 1 and ("drafts/follow-up-bad.txt", "EL301") in findings(first.stdout), first.stdout
    deadline = time.monotonic() + 60
    while True:
        served = run(args, repo, {**offline_env, "EMAILLINT_DAEMON": "require"})
        if "EMAILLINT_DAEMON=require" not in served.stdout or time.monotonic() > deadline:
            break
        time.sleep(0.2)  # the daemon is still loading the rules
    assert served.returncode == 1, served.stdout
    assert served.stdout == first.stdout


def test_templates_hook_checks_only_jinja(pre_commit, offline_env, hook_repo, tmp_path):
    repo = drafts_repo(tmp_path, hook_repo, hook_id="emaillint-templates")
    proc = run([pre_commit, "run", "--all-files"], repo, offline_env)
    assert proc.returncode == 1, proc.stdout
    assert ("templates/bump.jinja", "EL301") in findings(proc.stdout), proc.stdout
    assert "templates/approvals-reply.txt.j2" in scored(proc.stdout), proc.stdout
    assert "drafts/" not in proc.stdout, proc.stdout


def test_try_repo(pre_commit, offline_env, hook_repo, tmp_path):
    repo = drafts_repo(tmp_path, hook_repo)
    proc = run([pre_commit, "try-repo", str(hook_repo.path), "emaillint", "--all-files"], repo, offline_env)
    assert proc.returncode == 1, proc.stdout
    assert ("drafts/follow-up-bad.txt", "EL301") in findings(proc.stdout), proc.stdout
    good = run([pre_commit, "try-repo", str(hook_repo.path), "emaillint", "--files", "drafts/good.txt"],
               repo, offline_env)
    assert good.returncode == 0, good.stdout
    assert "Passed" in good.stdout, good.stdout


def test_project_hooks_install_offline(pre_commit, offline_env, hook_repo):
    """This repository's own .pre-commit-config.yaml builds its tool
    environments from the wheelhouse alone, and its config checks pass."""
    proc = run([pre_commit, "install-hooks"], hook_repo.path, offline_env)
    assert proc.returncode == 0, proc.stdout
    for hook in ("check-yaml", "check-toml", "validate-manifest", "emaillint-examples",
                 "check-hooks-apply", "check-useless-excludes"):
        proc = run([pre_commit, "run", hook, "--all-files"], hook_repo.path, offline_env)
        assert proc.returncode == 0, f"{hook}:\n{proc.stdout}"


@pytest.mark.parametrize("name", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_config_files_are_committable_yaml(name):
    assert isinstance(yaml.safe_load((REPO_ROOT / name).read_text()), (list, dict))
