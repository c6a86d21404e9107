"""The one lint helper behind open, change and save (no pygls here).

``lint_buffer`` takes the unsaved buffer text, finds the configuration the
CLI would use for the document's path, runs :func:`emaillint.api.lint_text`
and turns the report into diagnostics. It never raises: a configuration
error or a crash inside a rule becomes one error diagnostic on line 1.
"""
from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types

from emaillint.run import config as cfgmod
from emaillint.api import lint_source
from emaillint.lsp import convert
from emaillint.lsp.actions import DocInfo
from emaillint.lsp.convert import TextMap
from emaillint.read.source import detect_format, from_text

SUFFIXES = (".txt", ".md", ".markdown", ".eml", ".j2", ".jinja", ".jinja2")
LANGUAGE_SUFFIX = {
    "plaintext": ".txt", "text": ".txt", "markdown": ".md", "mail": ".eml", "email": ".eml", "eml": ".eml",
    "jinja": ".j2", "jinja2": ".j2", "j2": ".j2", "jinja-md": ".md.j2", "jinja-txt": ".txt.j2",
}
CONFIG_NAMES = (".emaillint.toml", "pyproject.toml", "config.toml")


def fs_path(uri: str) -> str | None:
    """The file system path of a ``file:`` URI, else None."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if parsed.netloc and parsed.netloc != "localhost":
        path = f"//{parsed.netloc}{path}"
    return path


def format_name(uri: str, language_id: str | None) -> str | None:
    """A file name that makes emaillint pick the right format; None: not an email draft.

    File URIs use their own name (``draft.md.j2``). Files without a known
    suffix, and untitled buffers, borrow a suffix from the language id.
    """
    path = fs_path(uri)
    name = Path(path).name if path else (urlparse(uri).path.rsplit("/", 1)[-1] or "untitled")
    if name.lower().endswith(SUFFIXES):
        return name
    suffix = LANGUAGE_SUFFIX.get((language_id or "").lower())
    if suffix is None:
        return None
    return name + suffix


@dataclass
class LintResult:
    uri: str
    version: int | None
    info: DocInfo
    diagnostics: list[types.Diagnostic] = field(default_factory=list)
    error: str | None = None  # a one-line reason when the draft could not be checked
    trace: str | None = None
    seconds: float = 0.0
    grammar_pending: bool = False  # the config wants LanguageTool, which this (fast) pass left out
    warnings: list[str] = field(default_factory=list)


def _error_diagnostic(tm: TextMap, message: str) -> types.Diagnostic:
    return types.Diagnostic(range=tm.line_range(0), message=message, severity=types.DiagnosticSeverity.Error,
                            code="config" if message.startswith("emaillint: configuration") else "internal",
                            source=convert.SOURCE)


def lint_buffer(uri: str, text: str, version: int | None, language_id: str | None = None,
                encoding: str = convert.UTF16, *, score: bool = True, grammar: bool = True) -> LintResult:
    """Lint one buffer; never raises.

    ``grammar=False`` leaves LanguageTool out even when the config turns it on
    (the server's fast pass); ``grammar_pending`` then says a slow pass is due.
    """
    began = time.perf_counter()
    tm = TextMap(text, encoding)
    name = format_name(uri, language_id) or "untitled.txt"
    path = fs_path(uri)
    lint_path = str(Path(path).with_name(name)) if path else name
    info = DocInfo(uri=uri, tm=tm, fmt=detect_format(name, tm.text), path=lint_path, report=None, version=version)
    result = LintResult(uri, version, info)
    try:
        info.config = cfgmod.discover(path if path else None)
        used = info.config
        if not grammar and used.grammar.enabled:
            used = used.with_overrides(grammar=replace(used.grammar, enabled=False))
            result.grammar_pending = True
        report = lint_source(from_text(text, lint_path), used, grammar_warn=result.warnings.append)
    except cfgmod.ConfigError as exc:
        result.error = f"emaillint: configuration error: {exc}"
        result.diagnostics = [_error_diagnostic(tm, result.error)]
    except Exception as exc:  # a broken draft (or a bug) must never take the server down
        result.error = f"emaillint could not check this draft: {type(exc).__name__}: {exc}"
        result.trace = traceback.format_exc()
        result.diagnostics = [_error_diagnostic(tm, result.error)]
    else:
        if getattr(report, "error", None):  # e.g. a buffer over the size limit: one diagnostic, not a freeze
            result.error = f"emaillint: {report.error}"
            result.diagnostics = [_error_diagnostic(tm, result.error)]
            result.seconds = time.perf_counter() - began
            return result
        info.report = report
        diagnostics = []
        for problem in report.problems:
            try:
                diagnostics.append(convert.to_diagnostic(problem, tm))
            except Exception:  # one odd position must not hide the rest
                result.trace = traceback.format_exc()
        if score:
            diagnostics.insert(0, convert.score_diagnostic(report, tm))
        result.diagnostics = diagnostics
    result.seconds = time.perf_counter() - began
    return result


def is_config_file(uri: str) -> bool:
    path = fs_path(uri)
    return bool(path) and Path(path).name in CONFIG_NAMES


def forget_configs() -> None:
    """Drop cached configurations so an edited .emaillint.toml takes effect."""
    cfgmod.clear_cache()
