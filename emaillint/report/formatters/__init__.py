"""Output formats, chosen by name. Formatters only render; they never judge."""
from __future__ import annotations

from collections.abc import Callable

from emaillint.report.formatters import github, html, json_format, sarif, text

FORMATTERS: dict[str, Callable] = {
    "text": text.render,
    "json": json_format.render,
    "github": github.render,
    "sarif": sarif.render,
    "html": html.render,
}
