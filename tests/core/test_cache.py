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


def _age(path: Path, days: float) -> None:
    import os
    import time

    then = time.time() - days * 86400
    os.utime(path, (then, then))


def test_the_cache_is_bounded_by_size_and_age_least_recently_used_first(tmp_path):
    """Within one installation's folder too (only other installations' folders were pruned): real
    reports written by put, aged on disk, then pruned as a run's first write prunes."""
    report = next(lint_paths([str(_write(tmp_path / "d.txt", CHASER))], Config()))
    cache = ResultCache(tmp_path, max_bytes=10 * 4096, max_age=30 * 86400, prune_every=0)
    cache._pruned = True  # fill first, prune below
    keys = [cache.key(f"d{i}.txt", "txt", CHASER, Config()) for i in range(16)]
    for key in keys:
        cache.put(key, report)
    files = [cache._file(key) for key in keys]
    for i, path in enumerate(files):
        _age(path, 40 if i == 0 else 16 - i)  # d0 unused for 40 days, then d1 oldest ... d15 newest
    other = tmp_path / "results-v1" / ("0" * 32) / "ab" / f"{'ab' * 64}.json"
    recent_other = other.with_name(f"{'cd' * 64}.json")
    other.parent.mkdir(parents=True)
    for path, days in ((other, 8), (recent_other, 2)):
        path.write_bytes(files[1].read_bytes())
        _age(path, days)
    assert cache.get(keys[1]) is not None  # a hit renews an entry older than a day: d1 is now the newest
    ResultCache(tmp_path, max_bytes=10 * 4096, max_age=30 * 86400, prune_every=0).prune()
    left = {p.name for p in entries(tmp_path)}
    assert f"{keys[0]}.json" not in left and other.name not in left  # unused too long
    # then the least recently used go until the rest fits: the newest 10 in all, d1 (just read) among them
    assert left == {f"{k}.json" for k in [keys[1], *keys[8:]]} | {recent_other.name}
    assert sum(max(p.stat().st_size, p.stat().st_blocks * 512) for p in entries(tmp_path)) <= 10 * 4096
    assert not (tmp_path / "results-v1" / ("0" * 32) / "ab" / other.name).exists()


def test_a_run_that_writes_prunes_at_most_once_a_day(tmp_path, monkeypatch):
    store = tmp_path / "cache"
    monkeypatch.setenv("EMAILLINT_CACHE_DIR", str(store))
    first, second = _write(tmp_path / "a.txt", CHASER), _write(tmp_path / "b.txt", CHASER + "\nPS: Tuesday?\n")
    run("check", "--isolated", str(first))
    [entry] = entries(store)
    _age(entry, 31)
    run("check", "--isolated", str(second))  # pruned a moment ago: the stale entry stays until tomorrow
    assert entry.exists()
    _age(store / "results-v1" / ".last-pruned", 2)
    run("check", "--isolated", str(second))  # a hit writes nothing, so it prunes nothing
    assert entry.exists()
    _write(second, CHASER + "\nPS: Wednesday?\n")
    run("check", "--isolated", str(second))
    assert not entry.exists() and len(entries(store)) == 2


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
