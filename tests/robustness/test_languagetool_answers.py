"""A misbehaving LanguageTool never costs the coaching findings (issue 10)."""
from __future__ import annotations

import json
import os

import pytest

pytest.importorskip("requests")

from tests.fixtures.fake_languagetool import serve  # noqa: E402
from tests.robustness.helpers import run  # noqa: E402

DRAFT = "Subject: hi\n\nJust checking in, how are your shifts going?\n"
GOOD = {"offset": 0, "length": 4, "message": "x", "rule": {"id": "R", "issueType": "grammar"}, "replacements": []}

BAD_MATCHES = {
    "null-matches": None,
    "string-matches": "oops",
    "null-match": [None],
    "string-offset": [dict(GOOD, offset="3")],
    "out-of-range": [dict(GOOD, offset=10**6, length=5)],
    "negative": [dict(GOOD, offset=-5, length=-1)],
    "rule-not-a-dict": [dict(GOOD, rule="R")],
    "replacements-not-a-list": [dict(GOOD, replacements="abc")],
}


@pytest.mark.parametrize("case", sorted(BAD_MATCHES))
def test_answers_of_the_wrong_shape_keep_the_coaching_findings(tmp_path, case):
    (tmp_path / "a.txt").write_text(DRAFT)
    (tmp_path / ".emaillint.toml").write_text(f'[grammar]\ncache-dir = "{tmp_path / "cache"}"\n')
    with serve(lambda form, text: (200, BAD_MATCHES[case])) as url:
        code, out, err = run("check", "--format", "concise", "--grammar", "--languagetool-url", url, "a.txt",
                             cwd=tmp_path, timeout=60)
    assert code == 1 and "EL301" in out and "EL000" not in out, (out, err)


def test_corrupt_cache_entries_are_misses(tmp_path):
    (tmp_path / "a.txt").write_text(DRAFT)
    cache = tmp_path / "cache"
    (tmp_path / ".emaillint.toml").write_text(f'[grammar]\ncache-dir = "{cache}"\n')
    with serve(lambda form, text: (200, [])) as url:
        code, out, _ = run("check", "--format", "concise", "--grammar", "--languagetool-url", url, "a.txt",
                           cwd=tmp_path, timeout=60)
        assert code == 1 and "EL301" in out
        for root, _, files in os.walk(cache):
            for name in files:
                with open(os.path.join(root, name), "w") as fh:
                    fh.write(json.dumps({"matches": "corrupt", "x": [None]}) if name.endswith(".json") else "\x00garbage")
        code, out, err = run("check", "--format", "concise", "--grammar", "--languagetool-url", url, "a.txt",
                             cwd=tmp_path, timeout=60)
    assert code == 1 and "EL301" in out and "EL000" not in out, err
