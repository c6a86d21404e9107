"""The Python API that the CLI, hook and language server are built on."""
from __future__ import annotations

import emaillint
from emaillint.api import fails, lint_paths
from emaillint.run.config import Config


def test_lint_text_returns_a_report():
    report = emaillint.lint_text("Subject: hi\n\nHi Sam,\n\nJust checking in!\n\nJo\n", path="d.txt", config=Config())
    assert report.kind == "follow-up" and report.score < 100
    assert "follow-up-cliche" in {p.category for p in report.problems}
    assert set(report.subscores) >= {"self-centric", "no-problem-question", "follow-up-cliche", "no-next-step"}
    assert report.subscores["follow-up-cliche"] < 100 and report.subscores["self-centric"] == 100


def test_lint_paths_reports_unreadable_files_instead_of_raising(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Hi Sam,\n\nHow do you plan shifts today? I suggest a call on Monday at 9am.\n\nJo\n")
    reports = list(lint_paths([str(good), str(tmp_path / "missing.txt")], Config()))
    assert reports[0].error is None and reports[1].error and "no such file" in reports[1].error
    assert fails(reports[1])


def test_short_email_is_not_given_a_fake_grade():
    report = emaillint.lint_text("Hi Sam,\n\nHow do you plan shifts?\n\nJo\n", config=Config())
    assert report.stats["reading_grade"] is None and report.stats["reading_note"] == "too short to grade"


def test_score_is_lower_for_worse_emails():
    good = emaillint.lint_text("Subject: shifts\n\nHi Sam,\n\nHow do you plan shifts today?\n\nI suggest a call on Monday at 9am.\n\nJo\n", config=Config())
    bad = emaillint.lint_text("Subject: shifts\n\nHi Sam,\n\nJust checking in. Let me know!!\n\nJo\n", config=Config())
    assert good.score == 100 and bad.score < 50


def test_findings_point_to_the_template_that_answers_them():
    report = emaillint.lint_text("Subject: Re: demo\n\nHi Sam,\n\nJust following up on my last email.\n\nJo\n", config=Config())
    cliche = next(p for p in report.problems if p.category == "follow-up-cliche")
    assert report.kind == "follow-up"
    assert "emaillint templates render are-you --example" in cliche.suggestion


def test_lint_text_finds_the_config_of_the_folder_a_relative_path_names(tmp_path, monkeypatch):
    """The library remembers which folder a path belongs to (one resolution per name, not per email), and the same
    relative name under another working folder is that folder's draft, with that folder's config."""
    from emaillint.run import config as config_mod

    bad = "Hi Dana,\n\nJust following up on my last email. Did you get a chance to look?\n\nSam\n"
    strict, lax = tmp_path / "strict", tmp_path / "lax"
    for folder, ignore in ((strict, "[]"), (lax, '["follow-up-cliche"]')):
        folder.mkdir()
        (folder / ".emaillint.toml").write_text(f"ignore = {ignore}\n")
    config_mod.clear_cache()
    codes = {}
    for folder in (strict, lax, strict):
        monkeypatch.chdir(folder)
        codes.setdefault(folder.name, []).append({p.category for p in emaillint.lint_text(bad, path="draft.txt").problems})
    assert all("follow-up-cliche" in c for c in codes["strict"]) and "follow-up-cliche" not in codes["lax"][0]
    (lax / ".emaillint.toml").write_text("ignore = []\n")
    config_mod.clear_cache()  # what an editor calls when a config file changes
    monkeypatch.chdir(lax)
    assert "follow-up-cliche" in {p.category for p in emaillint.lint_text(bad, path="draft.txt").problems}
