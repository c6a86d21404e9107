"""The result cache: an unchanged draft is served from the cache, and nothing that decides a report
(text, path, config, rules, knowledge files, emaillint's code) can change without missing it."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from emaillint.run import cache as cache_mod
from emaillint.api import lint_paths
from emaillint.run.cache import ResultCache, decode, encode
from emaillint.run.config import Config, GrammarConfig

CHASER = "Subject: Re: demo\n\nHi Sam,\n\n# emaillint: disable-next-line=hype\nJust checking in!!! Let me know.\n\nJo\n"


def run(*args, cwd=None, env=None):
    import os

    proc = subprocess.run([sys.executable, "-m", "emaillint", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})})
    return proc.returncode, proc.stdout, proc.stderr


def entries(root: Path) -> list[Path]:
    return sorted(root.glob("results-v1/**/*.json"))


def test_encode_decode_round_trip_keeps_every_field(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("Subject: hi\n\nHi Sam,\n\n# emaillint: disable-next-line=hype\nWe are REALLY revolutionary.\n"
                     "Sorry to bother you, I just wanted to ask. We are world-class!!!\n\nJo\n")
    report = next(lint_paths([str(draft)], Config()))
    assert report.problems and any(p.fix for p in report.problems) and report.suppressed and report.suppressed_by
    again = decode(json.loads(json.dumps(encode(report))))
    assert again == report and again.to_dict() == report.to_dict()


def test_second_run_is_served_from_the_cache_and_no_cache_bypasses_it(tmp_path, monkeypatch):
    store = tmp_path / "cache"
    monkeypatch.setenv("EMAILLINT_CACHE_DIR", str(store))
    draft = tmp_path / "d.txt"
    draft.write_text(CHASER)
    first = run("check", "--isolated", "--format", "json", str(draft))
    [entry] = entries(store)
    assert run("check", "--isolated", "--format", "json", str(draft)) == first
    data = json.loads(entry.read_text())
    data["score"] = 42  # a forged entry proves the second run reads it instead of judging again
    entry.write_text(json.dumps(data))
    assert json.loads(run("check", "--isolated", "--format", "json", str(draft))[1])["files"][0]["score"] == 42
    assert json.loads(run("check", "--isolated", "--no-cache", "--format", "json", str(draft))[1]) == json.loads(first[1])
    assert json.loads(run("check", "--isolated", "--format", "json", str(draft),
                          env={"EMAILLINT_NO_CACHE": "1"})[1]) == json.loads(first[1])


def test_text_path_and_config_are_in_the_key(tmp_path):
    store = ResultCache(tmp_path)
    base = Config()
    keys = {store.key("a.txt", "txt", CHASER, base), store.key("a.txt", "txt", CHASER + " ", base),
            store.key("b.txt", "txt", CHASER, base), store.key("a.txt", "md", CHASER, base),
            store.key("a.txt", "txt", CHASER, Config(ignore=("hype",))),
            store.key("a.txt", "txt", CHASER, Config(kind="reply")),
            store.key("a.txt", "txt", CHASER, Config(rule_options=(("EL601", (("max-words", 90),)),))),
            store.key("a.txt", "txt", CHASER, Config(phrases=(("EL301", ("touching base",)),))),
            store.key("a.txt", "txt", CHASER, Config(per_file_ignores=(("*.txt", ("EL301",)),))),
            store.key("a.txt", "txt", CHASER, Config(max_size=100))}
    assert len(keys) == 10
    assert store.key("a.txt", "txt", CHASER, Config()) == store.key("a.txt", "txt", CHASER, base)


def test_a_changed_config_file_or_extra_rule_is_never_served_stale(tmp_path, monkeypatch):
    monkeypatch.setenv("EMAILLINT_CACHE_DIR", str(tmp_path / "cache"))
    project = tmp_path / "p"
    (project / "house").mkdir(parents=True)
    draft = project / "d.txt"
    draft.write_text("Subject: shifts\n\nHi Sam,\n\nHow do you plan shifts today? We synergize. "
                     "I suggest a call on Tuesday at 10am.\n\nJo\n")
    rule = ("code: EL990\nname: house.synergy\ncategory: hype\nkind: existence\nlevel: warning\n"
            "message: \"'{match}' is jargon.\"\ntokens: [synergize]\n")
    (project / ".emaillint.toml").write_text('extra-rules = ["house"]\n')
    before = json.loads(run("check", "--format", "json", str(draft), cwd=project)[1])["files"][0]
    (project / "house" / "synergy.yaml").write_text(rule)
    added = json.loads(run("check", "--format", "json", str(draft), cwd=project)[1])["files"][0]
    assert "EL990" not in {p["code"] for p in before["problems"]} and "EL990" in {p["code"] for p in added["problems"]}
    (project / "house" / "synergy.yaml").write_text(rule.replace("level: warning", "level: error"))
    changed = json.loads(run("check", "--format", "json", str(draft), cwd=project)[1])["files"][0]
    assert next(p for p in changed["problems"] if p["code"] == "EL990")["level"] == "error"
    (project / ".emaillint.toml").write_text('extra-rules = ["house"]\nignore = ["EL990"]\n')
    ignored = json.loads(run("check", "--format", "json", str(draft), cwd=project)[1])["files"][0]
    assert "EL990" not in {p["code"] for p in ignored["problems"]}


def test_shipped_rules_knowledge_and_code_are_in_the_installation_key(tmp_path, monkeypatch):
    from emaillint.base import resources
    from emaillint.base.prebuilt import hash_tree

    root = Path(__file__).parents[2]
    shutil.copytree(root / "rules", tmp_path / "rules")
    shutil.copytree(root / "templates", tmp_path / "templates")
    monkeypatch.setattr(resources, "data_dir", lambda name: tmp_path / name)

    def key():
        cache_mod._installation_key.cache_clear()
        return cache_mod._installation_key()

    try:
        first = key()
        assert key() == first
        knowledge = sorted((tmp_path / "rules" / "knowledge").glob("*.yaml"))[0]
        knowledge.write_text(knowledge.read_text() + "\n# changed\n")
        second = key()
        rule = sorted((tmp_path / "rules").glob("*.yaml"))[0]
        rule.write_text(rule.read_text().replace("level:", "level:", 1) + "\n")
        third = key()
        (tmp_path / "templates" / "new.md.j2").write_text("x")
        assert len({first, second, third, key()}) == 4
        package = []  # the package's own files are hashed too: a code change is a new key
        hash_tree(type("D", (), {"update": lambda self, b: package.append(b)})(),
                             resources.PACKAGE)
        assert any(b"cache.py" in b for b in package) and any(b"datarules.py" in b for b in package)
    finally:
        cache_mod._installation_key.cache_clear()


def test_errors_internal_errors_and_grammar_runs_are_not_cached(tmp_path):
    store = ResultCache(tmp_path)
    from emaillint.base.problem import FileReport, Level, Problem

    store.put("a" * 64, FileReport("x", "unknown", 0, [], error="cannot read"))
    bug = Problem("EL000", "internal.error", "internal", Level.ERROR, "bug", 0, 0, 1, 1, 1, 1)
    store.put("b" * 64, FileReport("x", "unknown", 0, [bug]))
    assert entries(tmp_path) == []
    assert not cache_mod.usable(Config(grammar=GrammarConfig(enabled=True))) and cache_mod.usable(Config())


def test_unwritable_or_corrupt_cache_is_skipped_quietly(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("EMAILLINT_CACHE_DIR", str(blocker))
    draft = tmp_path / "d.txt"
    draft.write_text(CHASER)
    code, out, err = run("check", "--isolated", str(draft))
    assert code == 1 and "Traceback" not in err and "EL301" in out
    monkeypatch.setenv("EMAILLINT_CACHE_DIR", str(tmp_path / "c"))
    run("check", "--isolated", str(draft))
    for entry in entries(tmp_path / "c"):
        entry.write_text("{not json")
    assert run("check", "--isolated", str(draft))[:2] == (code, out)


@pytest.mark.parametrize("platform,env,expected", [
    ("linux", {"XDG_CACHE_HOME": "/x/cache"}, "/x/cache/emaillint"),
    ("darwin", {}, "Library/Caches/emaillint"),
    ("win32", {"LOCALAPPDATA": "C:/Users/u/AppData/Local"}, "emaillint/Cache"),
])
def test_cache_folder_per_platform(monkeypatch, platform, env, expected):
    monkeypatch.delenv("EMAILLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr(cache_mod.sys, "platform", platform)
    assert cache_mod.cache_dir().as_posix().endswith(expected)


def test_a_run_answered_from_the_cache_loads_no_rules_and_no_engine(tmp_path, monkeypatch):
    monkeypatch.setenv("EMAILLINT_CACHE_DIR", str(tmp_path / "cache"))
    draft = tmp_path / "d.txt"
    draft.write_text(CHASER)
    first = run("check", "--isolated", str(draft))
    code = ("import sys, runpy; sys.argv = ['emaillint', 'check', '--isolated', %r]\n"
            "try:\n    runpy.run_module('emaillint', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('loaded:' + ','.join(sorted(m for m in ('emaillint.judge.engine', 'emaillint.judge.datarules', 'emaillint.judge.registry',"
            " 'emaillint.anatomy.document', 'yaml') if m in sys.modules)))") % str(draft)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.rstrip().endswith("loaded:"), proc.stdout[-300:]
    assert proc.stdout.rsplit("\n", 2)[0] + "\n" == first[1] or first[1] in proc.stdout
