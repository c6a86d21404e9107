"""The templates and rules ship inside the wheel as emaillint/_data/."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.cli.support import build_wheel

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("wheel"))


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
