"""The knowledge files (rules/knowledge/*.yaml): checked on load, and the only place the analysers' word lists live."""
from __future__ import annotations

import ast
import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest

from emaillint.judge import knowledge
from emaillint.judge.analysis import asks, orientation, questions, text, times
from emaillint.read.frontmatter import load_yaml
from emaillint.judge.knowledge import SCHEMAS, KnowledgeError, validate
from emaillint.base.resources import rules_dir

KNOWLEDGE = rules_dir() / "knowledge"
ANALYSIS = Path(asks.__file__).parent
LISTS = "asks"  # a knowledge file made of lists (slots and scoring have their own shapes)
MAX_PATTERN = 120  # characters: a pattern in the analysers fits on a line; longer knowledge is a named list


def _data(name: str):
    return load_yaml((KNOWLEDGE / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_knowledge_file_loads_and_matches_its_schema(name):
    path = KNOWLEDGE / f"{name}.yaml"
    assert path.read_text(encoding="utf-8").startswith("#"), f"{path.name}: starts with a comment saying what it is"
    data = knowledge.load(name)
    assert set(data) == set(SCHEMAS[name])
    assert all(meaning.strip() for meaning in SCHEMAS[name].values())


def test_every_pattern_in_the_knowledge_compiles():
    knowledge.check_all()


def test_every_knowledge_file_has_a_schema():
    assert {p.stem for p in KNOWLEDGE.glob("*.yaml")} == set(SCHEMAS)


def test_unknown_key_names_the_file_and_the_key():
    data = copy.deepcopy(_data(LISTS))
    data["surprise_words"] = ["boo"]
    with pytest.raises(KnowledgeError, match=r"asks\.yaml: key 'surprise_words': unknown"):
        validate(LISTS, data, "asks.yaml")


def test_missing_key_names_the_file_and_the_key():
    data = copy.deepcopy(_data(LISTS))
    del data["request_verbs"]
    with pytest.raises(KnowledgeError, match=r"asks\.yaml: key 'request_verbs': missing"):
        validate(LISTS, data, "asks.yaml")


@pytest.mark.parametrize("bad", ["send", ["send", 3], ["send", ""], {"send": 1}, None])
def test_wrong_type_names_the_file_and_the_key(bad):
    data = copy.deepcopy(_data(LISTS))
    data["request_verbs"] = bad
    with pytest.raises(KnowledgeError, match=r"asks\.yaml: key 'request_verbs': must be a list of non-empty strings"):
        validate(LISTS, data, "asks.yaml")


def test_a_pattern_naming_no_list_is_refused():
    data = copy.deepcopy(_data(LISTS))
    data["proposal_patterns"] = data["proposal_patterns"] + [r"\blet's (?:{no_such_verbs})\b"]
    with pytest.raises(KnowledgeError, match=r"asks\.yaml: key 'proposal_patterns\[\d+\]': '\{no_such_verbs\}' names no list"):
        validate(LISTS, data, "asks.yaml")


def test_a_pattern_that_does_not_compile_is_refused(tmp_path, monkeypatch):
    """The whole path: a rules dir whose file has a broken pattern fails in check_all, naming file and key."""
    (tmp_path / "knowledge").mkdir()
    for path in KNOWLEDGE.glob("*.yaml"):
        (tmp_path / "knowledge" / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    broken = (tmp_path / "knowledge" / "questions.yaml").read_text(encoding="utf-8")
    broken = broken.replace(r"  - '\bworth a\b'", r"  - '\bworth (a\b'")
    (tmp_path / "knowledge" / "questions.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(knowledge, "rules_dir", lambda: tmp_path)
    knowledge.load.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match=r"questions\.yaml: key 'scheduling_patterns\[\d+\]': not a valid regular expression"):
            knowledge.check_all()
    finally:
        knowledge.load.cache_clear()


def test_a_file_with_an_unknown_key_fails_on_load(tmp_path, monkeypatch):
    (tmp_path / "knowledge").mkdir()
    text_ = (KNOWLEDGE / "times.yaml").read_text(encoding="utf-8") + "\nleap_days: [feb 29]\n"
    (tmp_path / "knowledge" / "times.yaml").write_text(text_, encoding="utf-8")
    monkeypatch.setattr(knowledge, "rules_dir", lambda: tmp_path)
    knowledge.load.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match=r"times\.yaml: key 'leap_days': unknown"):
            knowledge.load("times")
    finally:
        knowledge.load.cache_clear()


def test_list_entries_match_literally():
    assert knowledge.alternation(["cal.com", "set up", "#1", "e-sign", "a (b)"]) == r"cal\.com|set up|#1|e-sign|a \(b\)"


def _patterns(module):
    for name, value in vars(module).items():
        if isinstance(value, text.Either):
            yield from ((name, part) for part in value.parts)
        elif isinstance(value, (text.Lazy, text.Guarded, text.Start)):
            yield name, value


@pytest.mark.parametrize("module", [asks, questions, orientation, times], ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_every_analyser_pattern_builds_from_its_knowledge(module):
    for name, pattern in _patterns(module):
        compiled = pattern.compiled.compiled if isinstance(pattern, text.Lazy) else pattern.pattern  # Lazy: behind its pre-filter
        assert isinstance(compiled, re.Pattern), name
        assert "{" not in re.sub(r"\{\d*,?\d*\}|\\\{|\[[^\]]*\]", "", compiled.pattern), f"{name}: a list name left unfilled"


def test_importing_the_analysers_reads_no_knowledge():
    """Start-up matters (the pre-commit hook): knowledge is read on first use, not on import."""
    code = ("import emaillint.judge.analysis.asks, emaillint.judge.analysis.questions, emaillint.judge.analysis.orientation, "
            "emaillint.judge.analysis.times, emaillint.judge.knowledge as k; assert k.load.cache_info().currsize == 0")
    subprocess.run([sys.executable, "-c", code], check=True)


_REGEX_CALLS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split",
                "Lazy", "Guarded", "Start", "_C", "_K"}


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _regex_strings(tree: ast.Module):
    """String constants used as (part of) a regular expression: the arguments of re.* calls and of the
    pattern classes, and module-level constants (the analysers' module-level strings are pattern parts)."""
    docs = _docstrings(tree)
    roots = [node.value for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in _REGEX_CALLS:
                roots.extend(node.args)
    for root in roots:
        for node in ast.walk(root):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                yield node


def test_no_long_regex_literal_in_the_analysers():
    """The knowledge is in rules/knowledge: no pattern in emaillint/judge/analysis/ is longer than a line."""
    long = []
    for path in sorted(ANALYSIS.glob("*.py")):
        for node in _regex_strings(ast.parse(path.read_text(encoding="utf-8"))):
            if len(node.value) > MAX_PATTERN:
                long.append(f"{path.name}:{node.lineno}: {len(node.value)} characters: {node.value[:60]}…")
    assert not long, "\n".join(long)


def test_the_checker_sees_a_long_pattern():
    source = 'import re\nX = re.compile(r"\\b(?:' + "|".join(f"word{i}" for i in range(30)) + ')\\b")\n'
    assert [len(n.value) for n in _regex_strings(ast.parse(source)) if len(n.value) > MAX_PATTERN]
