"""Judge: a Document in, findings and a score out (the engine, rule specs and registry, checks, analysis, scoring)."""
