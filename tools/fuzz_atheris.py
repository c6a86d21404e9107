"""Coverage-guided fuzzing of the readers and the engine with atheris (issue 10).

    pip install atheris
    python tools/fuzz_atheris.py -atheris_runs=20000          # a short run (the robustness test does 3,000)
    python tools/fuzz_atheris.py -max_total_time=3600 corpus/  # the long run

Each input is split into a format byte and the draft's bytes; the draft is decoded
like a file (source.decode_with_notes) and linted. Anything but a clean report, a
one-line InputError or a refused size is a crash that atheris reports with the input.
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["emaillint"]):
    from emaillint import api
    from emaillint.read import source
    from emaillint.run.config import Config

CONFIG = Config()
PATHS = ("x.txt", "x.md", "x.eml", "x.txt.j2", "x.md.j2", "-")


def one_input(data: bytes) -> None:
    if not data:
        return
    path = PATHS[data[0] % len(PATHS)]
    try:
        text, _ = source.decode_with_notes(data[1:], path)
    except source.InputError:
        return
    report = api.lint_source(source.from_text(text, None if path == "-" else path), CONFIG)
    if "EL000" in {p.code for p in report.problems}:
        raise AssertionError(report.problems[0].message)
    for p in report.problems:
        if not 0 <= p.start <= p.end <= len(source.normalise_text(text)):
            raise AssertionError(f"finding outside the text: {p}")


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
