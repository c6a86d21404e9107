"""A template rendered with ``emaillint templates render`` and then checked is judged as the kind of
its template: the draft declares its kind in front matter. Without that, a "close the file" note
reads like a cold email and a reply template like a follow-up."""
from __future__ import annotations

import json
import subprocess

from emaillint.templates.catalog import load_templates
from tests.cli.support import emaillint as run_emaillint

TEMPLATES = {t.name: t.kind for t in load_templates()}


def emaillint(*args: str, cwd, stdin: str | None = None) -> subprocess.CompletedProcess:
    proc = run_emaillint(*args, cwd=cwd, stdin=stdin)
    assert proc.returncode in (0, 1), proc.stderr
    return proc


def kinds(cwd, *paths: str, stdin: str | None = None) -> dict[str, str]:
    report = json.loads(emaillint("check", "--isolated", "--format", "json", *paths, cwd=cwd, stdin=stdin).stdout)
    return {f["path"]: f["kind"] for f in report["files"]}


def test_every_shipped_template_is_judged_as_its_kind_after_rendering(tmp_path):
    assert {"re-engagement", "reply", "follow-up", "cold"} <= set(TEMPLATES.values())
    for name in TEMPLATES:
        emaillint("templates", "render", name, "--example", "-o", f"{name}.txt", cwd=tmp_path)
        emaillint("templates", "render", name, "--example", "-o", f"{name}.md", cwd=tmp_path)
    judged = kinds(tmp_path, ".")
    for name, kind in TEMPLATES.items():
        assert judged[f"{name}.txt"] == kind, name
        assert judged[f"{name}.md"] == kind, name


def test_the_are_you_email_from_stdout_is_re_engagement_and_its_subject_is_judged(tmp_path):
    draft = emaillint("templates", "render", "are-you", "--example", cwd=tmp_path).stdout
    assert draft.startswith("---\nsubject: Are you?\nkind: re-engagement\ntemplate: are-you\n---\nHi Dana,\n")
    assert kinds(tmp_path, "-", stdin=draft) == {"-": "re-engagement"}
    shouted = draft.replace("subject: Are you?", "subject: ARE YOU STILL THERE???")
    report = json.loads(emaillint("check", "--isolated", "--format", "json", "-", cwd=tmp_path, stdin=shouted).stdout)
    subject_findings = [p for p in report["files"][0]["problems"] if p["line"] == 2]
    assert subject_findings, "the subject in front matter is judged like a Subject: line"


def test_plain_output_is_the_subject_line_and_the_body(tmp_path):
    """--plain is for pasting into a mail client: nothing but the Subject line and the body."""
    from emaillint.templates.catalog import get_template, render

    draft = emaillint("templates", "render", "close-the-file", "--example", "--plain", cwd=tmp_path).stdout
    assert draft == render(get_template("close-the-file"), example=True)
    assert draft.startswith("Subject: ") and "kind:" not in draft
