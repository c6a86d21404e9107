"""The grammar cache on disk stays bounded and never costs a run (issue 10): it is pruned by age and
size, survives corrupt entries, an unwritable folder and concurrent runs. Real files, real processes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from emaillint.grammar._cache import ResultCache
from tests.fixtures.fake_languagetool import serve
from tests.robustness.helpers import ROOT, env, run

DRAFT = "Subject: hi\n\nJust checking in, how are teh shifts going?\n"
BLOCK = 4096  # one small entry takes a block on disk


def _fill(cache: ResultCache, n: int) -> list[str]:
    """n entries whose last use is one second apart, oldest first."""
    keys = [cache.key({"draft": i}) for i in range(n)]
    now = time.time()
    for i, key in enumerate(keys):
        cache._write_json(cache._path(key), {"matches": [{"i": i}]})
        os.utime(cache._path(key), (now - n + i, now - n + i))
    return keys


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json") if p.name != "servers.json" and p.is_file() and not p.is_symlink())


def test_old_entries_go_then_the_least_recently_used_until_the_size_fits(tmp_path):
    cache = ResultCache(str(tmp_path), max_bytes=30 * BLOCK, max_age=3600, prune_every=0)
    keys = _fill(cache, 50)
    stale = cache.key({"stale": True})
    cache._write_json(cache._path(stale), {"matches": []})
    os.utime(cache._path(stale), (time.time() - 7200, time.time() - 7200))
    os.utime(cache._path(keys[0]))  # the oldest was just used
    cache.prune()
    kept = {p.stem for p in _entries(tmp_path)}
    assert stale not in kept
    assert keys[0] in kept and kept == {keys[0], *keys[-(len(kept) - 1):]}  # the least recently used went
    assert sum(max(p.stat().st_size, p.stat().st_blocks * 512) for p in _entries(tmp_path)) <= 30 * BLOCK
    assert len(kept) >= 30 * BLOCK // (2 * BLOCK)  # and no more than needed


def test_a_hit_renews_an_entry_older_than_a_day(tmp_path):
    cache = ResultCache(str(tmp_path))
    key = _fill(cache, 1)[0]
    two_days_ago = time.time() - 2 * 86400
    os.utime(cache._path(key), (two_days_ago, two_days_ago))
    assert cache.get(key) == [{"i": 0}]
    assert time.time() - cache._path(key).stat().st_mtime < 60


def test_pruning_runs_at_most_once_per_interval_and_only_when_something_is_written(tmp_path):
    cache = ResultCache(str(tmp_path), max_bytes=0)  # everything is over the limit, once pruned
    keys = _fill(cache, 5)
    cache.get(keys[0])
    assert len(_entries(tmp_path)) == 5  # reading never prunes
    cache.put(cache.key({"new": 1}), [])
    assert _entries(tmp_path) == []  # the first write of a run pruned (no stamp yet)
    _fill(cache, 5)
    ResultCache(str(tmp_path), max_bytes=0).put(cache.key({"new": 2}), [])
    assert len(_entries(tmp_path)) == 6  # pruned a moment ago: not again today


def test_pruning_survives_corrupt_entries_and_touches_nothing_it_did_not_write(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "precious.json").write_text("keep me")
    folder = tmp_path / "cache"
    cache = ResultCache(str(folder), max_bytes=0, prune_every=0)
    keys = _fill(cache, 3)
    shard = cache._path(keys[0]).parent
    cache._path(keys[1]).write_bytes(b"")  # truncated
    cache._path(keys[2]).write_bytes(b"\x00\xff not json")  # garbage
    (shard / ("ab" * 32 + ".json")).mkdir()  # a folder named like an entry
    (shard / ("cd" * 32 + ".json")).symlink_to(outside / "precious.json")  # a link named like an entry
    (folder / "lt-v1" / "ee").symlink_to(outside, target_is_directory=True)  # a linked shard
    (folder / "lt-v1" / "notes.txt").write_text("someone's notes")
    (folder / "servers.json").write_text("{broken")
    assert cache.get(keys[1]) is None and cache.get(keys[2]) is None  # corrupt entries are misses
    cache.prune()
    assert _entries(folder) == [] and cache.get(keys[0]) is None
    assert (outside / "precious.json").read_text() == "keep me" and (folder / "lt-v1" / "ee").is_symlink()
    assert (shard / ("cd" * 32 + ".json")).is_symlink() and (shard / ("ab" * 32 + ".json")).is_dir()
    assert (folder / "lt-v1" / "notes.txt").exists()
    again = ResultCache(str(folder))
    again.put(keys[1], [{"fixed": True}])  # a corrupt entry is simply written again
    assert again.get(keys[1]) == [{"fixed": True}]
    again.remember_server_version("http://x", "6.8")  # and so is a corrupt list of servers
    assert again.server_version("http://x") == "6.8"


def test_entries_of_an_older_format_and_stale_temporary_files_are_removed(tmp_path):
    cache = ResultCache(str(tmp_path), prune_every=0)
    older = tmp_path / "lt-v0" / "ab" / ("ab" * 32 + ".json")
    older.parent.mkdir(parents=True)
    older.write_text('{"matches": []}')
    key = _fill(cache, 1)[0]
    fresh_temp = cache._path(key).parent / ".tmp-123.json"  # another run is writing it right now
    stale_temp = cache._path(key).parent / ".tmp-456.json"  # a run was killed mid-write
    fresh_temp.write_text("{")
    stale_temp.write_text("{")
    os.utime(stale_temp, (time.time() - 7200, time.time() - 7200))
    cache.prune()
    assert not older.exists() and not stale_temp.exists()
    assert fresh_temp.exists() and cache.get(key) == [{"i": 0}]


# -- with real permissions and real processes ----------------------------------------------------------------

def _check_grammar(tmp_path, url, cache, *, as_user=False, name="a.txt", text=DRAFT):
    (tmp_path / name).write_text(text)
    (tmp_path / ".emaillint.toml").write_text(f'[grammar]\ncache-dir = "{cache}"\n')
    return run("check", "--format", "concise", "--grammar", "--languagetool-url", url, name, cwd=tmp_path,
               timeout=60, as_user=as_user)


def test_an_unwritable_cache_folder_still_serves_hits_and_costs_nothing(tmp_path):
    asked = []
    teh = {"offset": 0, "length": 0, "message": "Possible spelling mistake found.",
           "rule": {"id": "MORFOLOGIK_RULE_EN_US", "issueType": "misspelling"}, "replacements": [{"value": "the"}]}

    def answer(form, text):
        asked.append(text)
        return 200, [dict(teh, offset=text.index("teh"), length=3)]

    cache = tmp_path / "cache"
    with serve(answer) as url:
        code, out, _ = _check_grammar(tmp_path, url, cache)
        assert code == 1 and "EL902" in out and len(asked) == 1
        for folder, _, _ in os.walk(cache):
            os.chmod(folder, 0o555)
        try:
            stamp = cache / ".last-pruned"
            os.utime(stamp, (0, 0))  # due for pruning, which it cannot do
            code, out, err = _check_grammar(tmp_path, url, cache, as_user=True)
            assert code == 1 and "EL902" in out and "EL301" in out, err
            assert len(asked) == 1, "a hit from a read-only cache must not ask the server"
            assert "warning" not in err
            code, out, err = _check_grammar(tmp_path, url, cache, as_user=True, name="b.txt",
                                            text=DRAFT.replace("shifts", "rotas"))
            assert code == 1 and "EL902" in out and len(asked) == 2 and "warning" not in err  # a miss: asked, not stored
        finally:
            for folder, _, _ in os.walk(cache):
                os.chmod(folder, 0o755)
    assert len(_entries(cache)) == 1 and stamp.stat().st_mtime > 0  # the prune ran, and removed nothing


WORKER = """
import json, os, sys, time
from emaillint.grammar._cache import ResultCache
folder, me, go = sys.argv[1], sys.argv[2], sys.argv[3]
while not os.path.exists(go):  # both start at once
    time.sleep(0.01)
cache = ResultCache(folder, max_bytes=40 * 4096, max_age=3600, prune_every=0)
for i in range(300):
    key = cache.key({"n": i % 120})
    if cache.get(key) is None:
        cache.put(key, [{"n": i % 120, "by": me, "padding": "x" * 300}])
    cache._pruned = False  # prune after every write: as much contention as two runs can make
    hit = cache.get(key)
    assert hit is None or hit[0]["n"] == i % 120, hit
print("ok")
"""


def test_two_runs_writing_and_pruning_one_cache_at_once_keep_it_whole_and_bounded(tmp_path):
    folder = tmp_path / "cache"
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(folder), me, str(go)],
                              cwd=ROOT, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for me in ("a", "b")]
    time.sleep(0.5)
    go.touch()
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0 and out.strip() == "ok", err
    entries = _entries(folder)
    assert entries and all(json.loads(p.read_text())["matches"] for p in entries)  # no torn or partial entry
    ResultCache(str(folder), max_bytes=40 * 4096, prune_every=0).prune()
    assert sum(max(p.stat().st_size, p.stat().st_blocks * 512) for p in _entries(folder)) <= 40 * BLOCK
    assert not [p for p in folder.rglob(".tmp-*")]  # no temporary file left behind
