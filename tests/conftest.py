"""Every test gets its own empty result cache (never the developer's, never another test's)."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _private_result_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("EMAILLINT_CACHE_DIR", str(tmp_path_factory.mktemp("emaillint-cache")))
