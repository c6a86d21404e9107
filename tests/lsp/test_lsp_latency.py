"""The latency budget from docs/lsp.md, checked with bench/lsp_latency.py (fewer edits)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "lsp_latency.py"


@pytest.mark.asyncio
async def test_diagnostics_reach_the_client_within_50_ms_of_a_change(lsp_deps):
    spec = importlib.util.spec_from_file_location("lsp_latency", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = await bench.measure(edits=40, debounce_ms=20, pause_ms=20)
    assert result["words"] >= 300
    assert result["latency_ms"]["median"] <= 50, result
