"""What ``emaillint batch`` does: JSON Lines from a file or stdin to result lines on stdout or a file.

Exit codes: 0 when every line was read and answered (a bad record is an error
line in the output, not a failed run); 2 when the input or the output cannot
be opened, or a worker process died.
"""
from __future__ import annotations

import sys

import click

from emaillint.base.vocabulary import EXIT_CLEAN as EXIT_DONE
from emaillint.base.vocabulary import EXIT_ERROR


def run_batch(input_file: str, config, jobs: int | None, output_file: str | None) -> int:
    from emaillint.run import stream
    from emaillint.run.parallel import WorkerDied

    try:
        source = sys.stdin.buffer if input_file == "-" else open(input_file, "rb")  # noqa: SIM115
    except OSError as exc:
        click.echo(f"emaillint: error: {input_file}: cannot read ({exc.strerror or exc})", err=True)
        return EXIT_ERROR
    try:
        out = sys.stdout if output_file is None else open(output_file, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        click.echo(f"emaillint: error: cannot write {output_file} ({exc.strerror or exc})", err=True)
        return EXIT_ERROR
    try:
        errors = stream.run(source, out, config, jobs)
    except WorkerDied as exc:
        click.echo(f"emaillint: error: {exc}; run again with --jobs 1 to find the record", err=True)
        return EXIT_ERROR
    except OSError as exc:
        if out is sys.stdout or getattr(exc, "filename", None) is not None:
            raise
        click.echo(f"emaillint: error: cannot write {output_file} ({exc.strerror or exc})", err=True)
        return EXIT_ERROR
    finally:
        if source is not sys.stdin.buffer:
            source.close()
        if out is not sys.stdout:
            out.close()
    if errors:
        click.echo(f"emaillint: {errors} record{'s' if errors != 1 else ''} could not be judged (see their \"error\")",
                   err=True)
    return EXIT_DONE
