"""The pre-built form of rules/ and templates/ is exactly what their files give, and never stale.

The YAML stays the source of truth: a run reads the stored form only while every file it
came from is byte for byte the same, and a one-draft run with a fresh store imports no YAML.
"""
from __future__ import annotations

import marshal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from emaillint.base import prebuilt
from emaillint.base.resources import rules_dir, templates_dir
from emaillint.judge import knowledge, registry
from emaillint.judge.datarules import read_rule_file
from emaillint.read.frontmatter import load_yaml
from emaillint.templates import hints

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A cache folder of this test's own."""
    monkeypatch.setenv("EMAILLINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / prebuilt.FORMAT


def _stored(store: Path, kind: str) -> list:
    files = sorted(store.glob(f"{kind}-*.marshal"))
    assert files, f"nothing stored for {kind}"
    return [marshal.loads(f.read_bytes()) for f in files]


def _refuse():
    raise AssertionError("built again although nothing changed")


def test_stored_data_rules_equal_what_the_yaml_gives(store):
    files = sorted(rules_dir().glob("*.yaml"))
    first = registry.data_rule_entries(rules_dir())
    assert _stored(store, "rules") == [first]
    assert first == [read_rule_file(p) for p in files]
    for entry, path in zip(first, files):  # and read_rule_file is the YAML, checked
        raw = load_yaml(path.read_text(encoding="utf-8"))
        assert entry["data"] == {k: v for k, v in raw.items() if k != "examples"}
    assert prebuilt.load("rules", files, _refuse, place=rules_dir()) == first  # served from the store


def test_stored_knowledge_equals_what_the_yaml_gives(store):
    knowledge.load.cache_clear()
    try:
        for name in knowledge.SCHEMAS:
            path = rules_dir() / "knowledge" / f"{name}.yaml"
            assert knowledge.load(name) == load_yaml(path.read_text(encoding="utf-8")), name
            assert prebuilt.load("knowledge", [path], _refuse) == knowledge.load(name)
    finally:
        knowledge.load.cache_clear()
    assert len(_stored(store, "knowledge")) == len(knowledge.SCHEMAS)


def test_stored_template_answers_equal_the_catalog(store):
    from emaillint.templates.catalog import load_templates

    want = [(t.name, t.kind, t.answers) for t in load_templates(SimpleNamespace(template_dirs=()))]
    hints._answers_as_of.cache_clear()  # read in this test's store, not kept from an earlier test
    assert [tuple(a) for a in hints._answers(())] == want
    assert prebuilt.load("template-answers", [templates_dir()], _refuse) == [[n, k, list(a)] for n, k, a in want]


def test_a_changed_file_is_read_again_never_served_stale(store, tmp_path):
    folder = tmp_path / "house"
    folder.mkdir()
    rule = (rules_dir() / "el501-hype-words.yaml").read_text(encoding="utf-8")
    (folder / "x.yaml").write_text(rule.replace("EL501", "EL991").replace("hype.words", "house.hype"), encoding="utf-8")
    assert registry.data_rule_entries(folder)[0]["data"]["code"] == "EL991"
    (folder / "x.yaml").write_text(rule.replace("EL501", "EL992").replace("hype.words", "house.hype"), encoding="utf-8")
    assert registry.data_rule_entries(folder)[0]["data"]["code"] == "EL992"
    (folder / "y.yaml").write_text(rule.replace("EL501", "EL993").replace("hype.words", "other.hype"), encoding="utf-8")
    assert [e["data"]["code"] for e in registry.data_rule_entries(folder)] == ["EL992", "EL993"]
    # one stored form for the folder: the older ones were removed
    assert len(list(store.glob("rules-*.marshal"))) == 1


def test_a_damaged_store_is_rebuilt(store):
    registry.data_rule_entries(rules_dir())
    [path] = store.glob("rules-*.marshal")
    path.write_bytes(b"\x00not marshal")
    assert registry.data_rule_entries(rules_dir()) == [read_rule_file(p) for p in sorted(rules_dir().glob("*.yaml"))]
    assert marshal.loads(path.read_bytes())  # written again


def test_a_cache_folder_that_cannot_be_written_costs_only_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("EMAILLINT_CACHE_DIR", str(blocker / "cache"))
    assert prebuilt.load("rules", [rules_dir() / "el501-hype-words.yaml"], lambda: ["built"]) == ["built"]


def test_a_bad_rule_file_is_never_stored(store, tmp_path):
    from emaillint.judge.datarules import RuleFileError

    folder = tmp_path / "house"
    folder.mkdir()
    (folder / "bad.yaml").write_text("code: EL990\nname: bad\n", encoding="utf-8")
    for _ in range(2):  # the second run fails the same way: nothing was kept
        with pytest.raises(RuleFileError, match="bad.yaml: key 'category': missing"):
            registry.data_rule_entries(folder)
    assert not list(store.glob("rules-*.marshal"))


def test_a_one_draft_run_reads_no_yaml_once_the_store_is_filled(store, tmp_path):
    """The first run builds the store; the next parses no YAML, imports neither yaml nor jinja2 nor click's
    siblings it does not need, and says the same."""
    draft = tmp_path / "draft.txt"
    draft.write_text((ROOT / "examples").glob("*.txt").__next__().read_text(encoding="utf-8"), encoding="utf-8")
    code = ("import sys\nfrom emaillint.cli import main\nsys.argv = ['emaillint', 'check', '--isolated', '--no-cache', "
            f"{str(draft)!r}]\ntry:\n    main()\nfinally:\n"
            "    print(sorted(m for m in ('yaml', 'jinja2', 'multiprocessing') if m in sys.modules), file=sys.stderr)\n")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert first.stdout == second.stdout and first.returncode == second.returncode
    assert "'yaml'" in first.stderr.splitlines()[-1]  # the first run built the store from the YAML
    assert second.stderr.splitlines()[-1] == "[]", second.stderr


def test_a_changed_template_is_seen_by_a_running_process(store, tmp_path):
    """The hints' answers are kept per process only while no template file changes (the language server
    runs for hours while a user edits their templates)."""
    import os

    folder = tmp_path / "ours"
    folder.mkdir()
    shipped = (templates_dir() / "are-you.txt.j2").read_text(encoding="utf-8")
    mine = folder / "ours-are-you.txt.j2"
    mine.write_text(shipped.replace("name: are-you", "name: ours-are-you"), encoding="utf-8")
    before = {a.name: a.answers for a in hints._answers((str(folder),))}["ours-are-you"]
    mine.write_text(shipped.replace("name: are-you", "name: ours-are-you").replace("answers: [", "answers: [EL999, "),
                    encoding="utf-8")
    os.utime(mine, ns=(mine.stat().st_atime_ns, mine.stat().st_mtime_ns + 10**9))
    after = {a.name: a.answers for a in hints._answers((str(folder),))}["ours-are-you"]
    assert after == ("EL999", *before)


def test_emaillints_own_code_changing_builds_the_data_again(store, tmp_path, monkeypatch):
    """Under one version number the code can change (an install from another commit, an edit in a checkout):
    what older code built is not served, and its file is replaced rather than left beside the new one."""
    source = tmp_path / "data.txt"
    source.write_text("words", encoding="utf-8")
    monkeypatch.setattr(prebuilt, "_fingerprint", ["old-code"])
    assert prebuilt.load("demo", [source], lambda: ["built by old code"]) == ["built by old code"]
    assert prebuilt.load("demo", [source], _refuse) == ["built by old code"]
    monkeypatch.setattr(prebuilt, "_fingerprint", ["new-code"])
    assert prebuilt.load("demo", [source], lambda: ["built by new code"]) == ["built by new code"]
    assert _stored(store, "demo") == [["built by new code"]]


def test_the_code_fingerprint_follows_every_python_file_of_the_package(tmp_path, monkeypatch):
    package = tmp_path / "emaillint"
    (package / "judge").mkdir(parents=True)
    (package / "base").mkdir()
    (package / "base" / "prebuilt.py").write_text("# here\n", encoding="utf-8")
    module = package / "judge" / "prefilter.py"
    module.write_text("A = 1\n", encoding="utf-8")
    monkeypatch.setattr(prebuilt, "__file__", str(package / "base" / "prebuilt.py"))

    def fingerprint() -> str:
        monkeypatch.setattr(prebuilt, "_fingerprint", [])
        return prebuilt.code_fingerprint()

    before = fingerprint()
    assert fingerprint() == before
    module.write_text("A = 22\n", encoding="utf-8")  # another size
    assert fingerprint() != before
