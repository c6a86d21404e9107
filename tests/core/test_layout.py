"""The package's folders are the stages of the data flow, and a lower stage never imports a higher one.

read → anatomy → judge → templates → run → report → the interfaces (CLI, language server, Spark).
A module that imports upward ties the bottom of the pipeline to its top: ``check`` on a plain draft
would load the CLI's or the editor's code, and the layers could no longer be read from the bottom up.
"""
from __future__ import annotations

import ast
import importlib
from pathlib import Path

import emaillint

PACKAGE = Path(emaillint.__file__).parent
#: Each stage package and its rank, lowest first. A module belongs to the longest prefix that names it.
STAGES = {
    "emaillint.base": 0,
    "emaillint.read": 1,
    "emaillint.anatomy": 2,
    "emaillint.judge": 3,
    "emaillint.grammar": 3,  # LanguageTool: judgement beside the engine's, called from the run stage
    "emaillint.templates": 4,
    "emaillint.run": 5,
    "emaillint.api": 5,  # the public home of lint_text/lint_paths: the run stage, kept at the top for its name
    "emaillint.report": 6,
    "emaillint.cli": 7,
    "emaillint.lsp": 7,
    "emaillint.daemon": 7,  # the hook's warm emaillint: a client and a server over the CLI
    "emaillint.spark": 7,
    "emaillint.__main__": 7,
    "emaillint": 7,  # the package itself: the public face, importing the API lazily
}
STAGE_PACKAGES = [name for name in STAGES if (PACKAGE / name.split(".", 1)[-1] / "__init__.py").is_file()
                  and name != "emaillint"]


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ("emaillint",) + path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def stage(module: str) -> int:
    best = max((name for name in STAGES if module == name or module.startswith(name + ".")), key=len)
    return STAGES[best]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports(module: str, tree: ast.AST) -> list[tuple[int, str]]:
    """(line, imported emaillint module) for every import, at any depth, except under ``if TYPE_CHECKING:``."""
    package = module if MODULES[module].name == "__init__.py" else module.rsplit(".", 1)[0]
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.append((node.lineno, candidate if candidate in MODULES else target))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return [(line, name) for line, name in found if name == "emaillint" or name.startswith("emaillint.")]


def upward_imports(modules: dict[str, Path] = MODULES) -> list[str]:
    problems = []
    for module, path in modules.items():
        for line, target in imports(module, ast.parse(path.read_text(encoding="utf-8"))):
            if stage(target) > stage(module):
                problems.append(f"{path.name}:{line}: {module} (stage {stage(module)}) "
                                f"imports {target} (stage {stage(target)})")
    return problems


def test_every_module_sits_in_a_stage_folder():
    loose = [m for m in MODULES if m.count(".") == 1 and m not in STAGES and m.split(".")[1] not in
             {name.split(".")[1] for name in STAGES if "." in name}]
    assert not loose, f"put these modules into a stage folder (see STAGES): {loose}"


def test_every_stage_package_says_what_it_takes_and_gives():
    assert len(STAGE_PACKAGES) == 11, STAGE_PACKAGES
    for name in STAGE_PACKAGES:
        doc = importlib.import_module(name).__doc__ or ""
        first = doc.strip().splitlines()[0] if doc.strip() else ""
        assert " in" in first and " out" in first, f"{name}: the docstring's first line should say what the stage " \
                                                    f"takes in and gives out, not {first!r}"


def test_no_module_imports_a_higher_stage():
    problems = upward_imports()
    assert not problems, "lower stages never import higher ones:\n" + "\n".join(problems)


def test_the_check_catches_an_upward_import(tmp_path):
    """The walk sees imports inside functions, and ignores those only for type checkers."""
    fake = tmp_path / "engine.py"
    fake.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from emaillint.cli.main import main\n"
                    "def f():\n    from emaillint.report import summary\n")
    found = upward_imports({"emaillint.judge.engine": fake} | {m: p for m, p in MODULES.items()
                                                               if m == "emaillint.report.summary"})
    assert len(found) == 1 and "imports emaillint.report.summary (stage 6)" in found[0], found
