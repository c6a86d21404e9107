"""Each idea is declared in one place: kinds, categories and exit codes in base/vocabulary.py, the reply
prefixes in rules/lexicons/reply-prefixes.txt, front matter in read/frontmatter.py, ``variables:`` in
read/rendering.py."""
from __future__ import annotations

import ast
from pathlib import Path

import emaillint
from emaillint.base import vocabulary

PACKAGE = Path(emaillint.__file__).parent
PREFIX_TODO: set[str] = set()  # every rule now reads the shared list


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _strings(node) -> tuple | None:
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and node.elts and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return tuple(e.value for e in node.elts)
    return None


def test_kinds_and_categories_are_spelled_out_only_in_the_vocabulary():
    kinds, categories = set(vocabulary.EMAIL_KINDS), set(vocabulary.CATEGORIES)
    for name, tree in _modules():
        if name == "base/vocabulary.py":
            continue
        for node in ast.walk(tree):
            values = _strings(node)
            if values and len(values) > 2:
                assert set(values) != kinds, f"{name}:{node.lineno} lists the kinds; import vocabulary.EMAIL_KINDS"
                assert len(set(values) & categories) <= len(categories) // 2, \
                    f"{name}:{node.lineno} lists the categories; import vocabulary.CATEGORIES"


def test_exit_codes_are_assigned_only_in_the_vocabulary():
    for name, tree in _modules():
        if name == "base/vocabulary.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                targets = [t for target in node.targets for t in getattr(target, "elts", [target])]
                assert not any(isinstance(t, ast.Name) and t.id.startswith("EXIT_") for t in targets), \
                    f"{name}:{node.lineno} assigns an exit code; import it from base.vocabulary"


def test_reply_prefixes_come_from_the_lexicon():
    for name, tree in _modules():
        if name in PREFIX_TODO:
            continue
        for node in ast.walk(tree):
            values = _strings(node)
            assert not (values and {"re:", "fwd:"} & {v.lower() for v in values}), \
                f"{name}:{node.lineno} spells out reply prefixes; use lexicons.reply_prefix()"


def test_one_front_matter_parser_and_one_variables_reader():
    for name, tree in _modules():
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                assert node.name not in {"split_front_matter", "_yaml_load", "example_values"} or name == "read/rendering.py", \
                    f"{name}: {node.name} duplicates frontmatter.parse / rendering.read_variables"
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "get" and node.args \
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value == "variables":
                assert name in {"read/rendering.py", "judge/checks/el002_template_variables.py",
                                "judge/checks/el004_template_edge_values.py", "templates/catalog.py"}, \
                    f"{name}:{node.lineno} reads variables: itself; use rendering.read_variables"
