"""--baseline / --update-baseline: only new findings fail; matching survives edits elsewhere in the file."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.report.helpers import run

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def repo(tmp_path):
    for name in ("01-pitch-first.txt", "02-just-following-up.txt", "03-problem-first.txt"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    return tmp_path


def findings(repo, *args):
    _, out, _ = run("--format", "json", *args, ".", cwd=repo)
    return {f["path"]: f for f in json.loads(out)["files"]}


def test_update_records_every_finding_and_later_runs_pass(repo):
    before = findings(repo)
    total = sum(len(f["problems"]) for f in before.values())
    code, out, err = run("--baseline", "baseline.json", "--update-baseline", ".", cwd=repo)
    assert code == 0 and err.strip() == f"emaillint: recorded {total} findings in baseline.json"
    recorded = json.loads((repo / "baseline.json").read_text())
    assert recorded["version"] == 1 and len(recorded["findings"]) == total
    entry = next(e for e in recorded["findings"] if e["code"] == "EL301" and e["words"] == "just following up")
    assert entry["path"] == "02-just-following-up.txt" and entry["line"] == 5
    assert entry["context"] == "re ledgerly hi priya [just following up] on my last email"
    code, out, _ = run("--baseline", "baseline.json", ".", cwd=repo)
    assert code == 0 and "EL" not in out
    assert out.splitlines()[-1] == f"0 problems in 3 files (2 below 70); 0 suppressed; {total} in the baseline"
    n = len(before["02-just-following-up.txt"]["problems"])
    assert (f"02-just-following-up.txt: score {before['02-just-following-up.txt']['score']}/100 "
            f"(follow-up, {n} findings, {n} in the baseline)") in out


def test_edits_elsewhere_keep_old_findings_matched_and_new_ones_fail(repo):
    run("--baseline", "baseline.json", "--update-baseline", ".", cwd=repo)
    draft = repo / "02-just-following-up.txt"
    text = draft.read_text()
    text = text.replace("Hi Priya,\n", "Hi Priya,\n\nA new first paragraph about your quarter.\n\n", 1)  # every line moves down
    text = text.replace("Sorry to bother you,", "Sorry to bother you. Just checking in again,", 1)  # one new cliche
    draft.write_text(text)
    code, out, _ = run("--baseline", "baseline.json", ".", cwd=repo)
    assert code == 1
    shown = [line for line in out.splitlines() if ": EL" in line]
    assert len(shown) == 1 and "02-just-following-up.txt:9:22: EL301" in shown[0] and "'Just checking in'" in shown[0]
    _, out, _ = run("--baseline", "baseline.json", "--format", "json", ".", cwd=repo)
    files = {f["path"]: f for f in json.loads(out)["files"]}
    [new] = files["02-just-following-up.txt"]["problems"]
    assert (new["code"], new["line"], new["column"]) == ("EL301", 9, 22)
    assert files["01-pitch-first.txt"]["problems"] == [] and files["01-pitch-first.txt"]["baselined"] > 0
    assert files["03-problem-first.txt"]["baselined"] == 0


def test_a_second_copy_of_a_recorded_phrase_is_new(repo):
    run("--baseline", "baseline.json", "--update-baseline", ".", cwd=repo)
    draft = repo / "02-just-following-up.txt"
    draft.write_text(draft.read_text().replace("Looking forward", "Just following up on my last email. Looking forward"))
    code, out, _ = run("--baseline", "baseline.json", "-q", ".", cwd=repo)
    assert code == 1 and out.count("EL301") == 1 and "'Just following up'" in out


def test_baseline_paths_are_relative_to_the_baseline_file(repo, tmp_path_factory):
    run("--baseline", "baseline.json", "--update-baseline", ".", cwd=repo)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    code, out, _ = run("--baseline", str(repo / "baseline.json"), str(repo), cwd=elsewhere)
    assert code == 0, out


def test_baseline_errors_are_one_line(repo):
    code, _, err = run("--baseline", "missing.json", ".", cwd=repo)
    assert code == 2 and err == "emaillint: error: missing.json: no such baseline file (create it with --update-baseline)\n"
    (repo / "bad.json").write_text("{not json")
    code, _, err = run("--baseline", "bad.json", ".", cwd=repo)
    assert code == 2 and err.count("\n") == 1 and "invalid JSON" in err
    (repo / "other.json").write_text('{"version": 1, "files": []}')
    code, _, err = run("--baseline", "other.json", ".", cwd=repo)
    assert code == 2 and err.count("\n") == 1 and "findings" in err
    code, _, err = run("--update-baseline", ".", cwd=repo)
    assert code == 2 and err == "emaillint: error: --update-baseline needs --baseline FILE (where to record the findings)\n"


_COUNT_OPENS = """
import atexit, collections, os, runpy, sys
drafts = {os.path.realpath(p) for p in sys.argv[1].split(os.pathsep)}
opened = collections.Counter()

def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.path.realpath(os.fsdecode(args[0]))
        if path in drafts:
            opened[path] += 1

atexit.register(lambda: print("OPENED", dict(opened), file=sys.stderr))
sys.addaudithook(hook)
sys.argv = ["emaillint", *sys.argv[2:]]
runpy.run_module("emaillint", run_name="__main__")
"""


@pytest.mark.parametrize("cache", ["--no-cache", "--cache"])
def test_a_baseline_run_reads_each_draft_once(tmp_path, cache):
    """Issue 11: every file is read once. The baseline took each finding's words from a second read of the
    file; it takes them from the text the report was judged on (``report.text``), also on a cache hit."""
    import os
    import subprocess
    import sys

    drafts = []
    for i in range(3):
        drafts.append(tmp_path / f"d{i}.txt")
        drafts[-1].write_text(f"Subject: hi\n\nHi Sam,\n\nJust checking in {i}!!!\n\nJo\n")
    env = {**os.environ, "EMAILLINT_CACHE_DIR": str(tmp_path / "cache")}
    if cache == "--cache":
        subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "."], cwd=tmp_path, env=env,
                       capture_output=True)  # fill the cache: the runs below are served from it
    flags = [] if cache == "--cache" else [cache]
    for args in (["--update-baseline"], []):
        proc = subprocess.run([sys.executable, "-c", _COUNT_OPENS, os.pathsep.join(map(str, drafts)), "check",
                               "--isolated", *flags, "--baseline", "b.json", *args, "."],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        opened = eval(proc.stderr.rsplit("OPENED ", 1)[1])  # noqa: S307 - our own dict literal
        assert opened == {os.path.realpath(d): 1 for d in drafts}, (args, opened)
    assert len(json.loads((tmp_path / "b.json").read_text())["findings"]) >= 3
