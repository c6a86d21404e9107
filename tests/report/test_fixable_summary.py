"""An ordinary `emaillint check` says what `--fix` could fix, as ruff does: `[*]` on each finding a safe fix
answers, "[*] N fixable with the --fix option (M more with --unsafe-fixes)" after the summary line, the same
counts in --statistics (text and JSON), and each JSON fix says whether it is safe."""
from __future__ import annotations

import json
import re

import pytest

from tests.report.helpers import run

FRAME = "Subject: scheduling at the new clinics\n\nHi Dana,\n\n{body}\n\nWould Tuesday at 10 work for a 15-minute call?\n\nSam\n"
SAFE = FRAME.format(body="I hope this email finds you well. I just wanted to share a study from two clinics your size!!!")
UNSAFE = FRAME.format(body="Your two new clinics opened this spring. The results were AMAZING.")  # not a known shouting word
CLEAN = FRAME.format(body="Your two new clinics opened this spring. How are you handling bookings across the sites?")


@pytest.fixture
def drafts(tmp_path):
    for name, text in (("safe.txt", SAFE), ("unsafe.txt", UNSAFE), ("clean.txt", CLEAN)):
        (tmp_path / name).write_text(text)
    return tmp_path


def problems(drafts, *names):
    return [(f["path"], p) for f in json.loads(run("--format", "json", *names, cwd=drafts)[1])["files"]
            for p in f["problems"]]


def test_json_says_whether_each_fix_is_safe(drafts):
    fixes = {p["code"]: p["fix"] for _, p in problems(drafts, "safe.txt", "unsafe.txt") if "fix" in p}
    assert fixes["EL703"]["safe"] is True and fixes["EL703"]["edits"][0]["text"] == "I wanted to"
    assert fixes["EL706"]["safe"] is True and fixes["EL503"]["safe"] is True
    assert fixes["EL504"]["safe"] is False and fixes["EL504"]["edits"][0]["text"] == "amazing"


def test_text_marks_exactly_the_findings_fix_would_fix(drafts):
    found = problems(drafts, "safe.txt", "unsafe.txt")
    safe = {f"{path}:{p['line']}:{p['column']}: {p['code']}" for path, p in found if p.get("fix", {}).get("safe")}
    assert len(safe) == 3
    _, out, _ = run("safe.txt", "unsafe.txt", cwd=drafts)
    heads = [line for line in out.splitlines() if re.match(r"^\w+\.txt:\d+:\d+: EL\d{3} ", line)]
    assert len(heads) == len(found)
    marked = {line.split(" [")[0] for line in heads if re.match(r"^\S+ EL\d{3} \[\w+\] \[\*\] ", line)}
    assert marked == safe  # the unsafe EL504 fix and findings without a fix carry no [*]


def test_the_run_ends_with_what_fix_could_fix(drafts):
    found = problems(drafts, "safe.txt", "unsafe.txt")
    n_safe = sum(1 for _, p in found if p.get("fix", {}).get("safe") is True)
    n_unsafe = sum(1 for _, p in found if p.get("fix", {}).get("safe") is False)
    _, out, _ = run("safe.txt", "unsafe.txt", cwd=drafts)
    last = out.splitlines()
    assert last[-2].endswith("; 0 suppressed")
    assert last[-1] == f"[*] {n_safe} fixable with the --fix option ({n_unsafe} more with --unsafe-fixes)" \
        == "[*] 3 fixable with the --fix option (1 more with --unsafe-fixes)"
    assert run("unsafe.txt", cwd=drafts)[1].splitlines()[-1] == "no fixes with the --fix option (1 more with --unsafe-fixes)"
    assert run("clean.txt", cwd=drafts)[1].splitlines()[-1].endswith("; 0 suppressed")  # nothing to fix: no line
    assert "fixable" not in run("-q", "safe.txt", cwd=drafts)[1]  # --quiet: findings only


def test_after_fix_nothing_safe_is_left_to_fix(drafts):
    code, out, err = run("--fix", "safe.txt", "unsafe.txt", cwd=drafts)
    assert "[*]" not in out.replace("no fixes with", "")
    assert out.splitlines()[-1] == "no fixes with the --fix option (1 more with --unsafe-fixes)"
    assert "I wanted to share a study from two clinics your size!" in (drafts / "safe.txt").read_text()


def test_statistics_count_the_fixes(drafts):
    _, out, _ = run("--statistics", "--format", "json", "safe.txt", "unsafe.txt", "clean.txt", cwd=drafts)
    stats = json.loads(out)["statistics"]
    assert (stats["fixable"], stats["unsafe_fixable"]) == (3, 1)
    rows = {r["code"]: (r["fixable"], r["unsafe_fixable"]) for r in stats["by_rule"]}
    assert rows["EL703"] == rows["EL706"] == rows["EL503"] == (1, 0) and rows["EL504"] == (0, 1)
    assert all(rows[code] == (0, 0) for code in rows if code not in ("EL703", "EL706", "EL503", "EL504"))
    _, out, _ = run("--statistics", "safe.txt", "unsafe.txt", cwd=drafts)
    block = out[out.index("Statistics"):]
    assert re.search(r"^\s+1\s+EL703\s+\[\*\] apologetic\.just\s", block, re.M)
    assert re.search(r"^\s+1\s+EL504\s+hype\.shouting\s", block, re.M)  # only an unsafe fix: no mark
    assert out.splitlines()[-1] == "[*] 3 fixable with the --fix option (1 more with --unsafe-fixes)"


def test_the_readme_shows_the_real_lines(tmp_path):
    """README's fixing section shows these runs' summary and fixable lines: they must be what check prints."""
    from tests.cli.support import REPO_ROOT

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    (tmp_path / "results.txt").write_text("Subject: the new clinics\n\nHi Dana,\n\n"
                                          "The results at the new clinics were AMAZING!!!\n\nSam\n")
    for args, cwd in ((("examples/02-just-following-up.txt",), REPO_ROOT), (("results.txt",), tmp_path)):
        tail = "\n".join(run(*args, cwd=cwd)[1].splitlines()[-2:])
        assert tail.splitlines()[-1].startswith("[*] ") and f"\n{tail}\n" in readme, tail
