"""Shared helpers for the template tests."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from emaillint.templates import catalog


@pytest.fixture
def write_template(tmp_path: Path):
    """Write a user template into a fresh folder and return that folder."""
    folder = tmp_path / "my-templates"
    folder.mkdir()

    def write(name: str, text: str) -> Path:
        (folder / f"{name}{catalog.SUFFIX}").write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return folder

    return write


class FakeConfig:
    """Stands in for the core's Config: only ``template_dirs`` matters here."""

    def __init__(self, *dirs: Path) -> None:
        self.template_dirs = tuple(dirs)


@pytest.fixture
def make_config():
    return FakeConfig
