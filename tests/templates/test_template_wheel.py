"""The templates and rules ship inside the wheel as emaillint/_data/."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _source_copy(dest: Path) -> Path:
    """Copy what the wheel is built from, so the build never writes into the checkout."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_data")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, dest / name)
    for name in ("emaillint", "rules", "templates"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    if not (dest / "README.md").exists():  # the metadata needs one; not what this test is about
        (dest / "README.md").write_text("emaillint\n")
    return dest


def _build_wheel(out: Path, src: Path) -> Path:
    if importlib.util.find_spec("build") is not None:
        command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(src)]
        if importlib.util.find_spec("hatchling") is not None:
            command.insert(4, "--no-isolation")
    else:
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)]
        if importlib.util.find_spec("hatchling") is not None:
            command.insert(5, "--no-build-isolation")
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"wheel build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    wheels = sorted(out.glob("emaillint-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = _source_copy(tmp_path_factory.mktemp("src"))
    return _build_wheel(tmp_path_factory.mktemp("wheel"), src)


def test_wheel_contains_templates_and_rules(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "emaillint/_data/templates/are-you.txt.j2" in names
    shipped = {p.name for p in (ROOT / "templates").glob("*.txt.j2")}
    assert {f"emaillint/_data/templates/{n}" for n in shipped} <= names
    assert any(n.startswith("emaillint/_data/rules/") for n in names)
    assert "emaillint/templates/catalog.py" in names and "emaillint/cli/templates.py" in names


def test_installed_layout_finds_templates_through_resources(wheel, tmp_path):
    """Unpack the wheel and load the catalog from it, away from the checkout."""
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path)
    code = (
        "import emaillint.base.resources as r, emaillint.templates.catalog as c;"
        "d = r.templates_dir(); assert d.parts[-2:] == ('_data', 'templates'), d;"
        "t = c.get_template('are-you'); print(c.render(t, example=True))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Subject: Are you?")
