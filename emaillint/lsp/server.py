"""``emaillint lsp``: the language server, a thin pygls layer.

* open / change / save all go through :meth:`EmailLintServer.schedule`, which
  lints the *unsaved* buffer in a single worker thread (a slow check, e.g.
  LanguageTool, never blocks the event loop, so typing stays responsive);
* changes are debounced (``debounceMs``, default 20 ms) and only the newest
  version of a document is ever published: a superseded lint is skipped
  before it starts and dropped if it finishes late;
* hover, code actions and code lens use the result for the current version
  (linting on the spot if the debounced lint has not run yet).

Initialization options (all optional): ``debounceMs`` (int), ``scoreDiagnostic``
(bool, default true: an information diagnostic with the score on line 1) and
``codeLens`` (bool, default true: the score as a code lens on line 1).
"""
from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import signal
import sys
import typing
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

import attr._make
import cattrs.gen

from emaillint.base import codecache

# lsprotocol's ~570 attrs classes, their string annotations (typing.ForwardRef) and cattrs' converters are code
# generated and compiled at start-up (~0.2 s): kept between runs, like the rules' regular expressions
codecache.enable("lsp", [dataclasses, typing, attr._make, cattrs.gen])

from lsprotocol import types  # noqa: E402
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from emaillint import __version__
from emaillint.lsp import actions, convert, hover, linting
from emaillint.lsp.linting import LintResult

log = logging.getLogger("emaillint.lsp")
SHOW_SCORE = "emaillint.showScore"


@dataclass
class DocState:
    version: int | None
    language_id: str | None
    pending: asyncio.Task | None = None
    slow: asyncio.Task | None = None
    result: LintResult | None = None


class _Protocol(LanguageServerProtocol):
    """Answers requests that arrive after ``shutdown`` with InvalidRequest, as the spec asks
    (pygls drops them, and a client waiting for an answer would hang)."""

    def handle_message(self, message):
        method = getattr(message, "method", "")
        if self._shutdown and method != types.EXIT and getattr(message, "id", None) is not None and method:
            from pygls.exceptions import JsonRpcInvalidRequest

            error = JsonRpcInvalidRequest(f"the server is shutting down; '{method}' is not handled").to_response_error()
            self._send_response(message.id, error=error)
            return None
        return super().handle_message(message)

    def structure_message(self, data):
        """A request whose params do not fit the protocol (a negative line, a string for a number) gets an
        error answer; pygls only logs it, and a client waiting for the answer would wait forever."""
        try:
            return super().structure_message(data)
        except Exception as exc:
            from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams

            msg_id = data.get("id") if isinstance(data, dict) else None
            if msg_id is not None and isinstance(data.get("method"), str):
                error = exc if isinstance(exc, JsonRpcException) else JsonRpcInvalidParams()
                self._send_response(msg_id, error=error.to_response_error())
                return data  # a plain dict: pygls ignores it
            raise


class _OneLine(logging.Filter):
    """pygls logs a malformed message with a full traceback; keep its first line only."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if "\n" in text or record.exc_info:
            record.msg, record.args, record.exc_info, record.exc_text = text.split("\n", 1)[0], (), None, None
        return True


class EmailLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("emaillint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full,
                         protocol_cls=_Protocol)
        self.docs: dict[str, DocState] = {}
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="emaillint-lint")
        # LanguageTool checks (slow, network) get their own worker so they never delay the fast pass.
        self.slow_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="emaillint-grammar")
        self.debounce = 0.02
        self.score_diagnostic = True
        self.code_lens = True
        self.recorded = False  # the code cache is saved once the first diagnostics are out

    # -- helpers -------------------------------------------------------------
    @property
    def encoding(self) -> str:
        enc = self.workspace.position_encoding or convert.UTF16
        return str(getattr(enc, "value", enc))

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # no client yet (or gone): stderr will do
            log.warning("%s", message)

    def _lint_job(self, uri: str, text: str, version: int | None, language_id: str | None,
                  grammar: bool) -> LintResult | None:
        """Runs in a worker thread; skips versions that are already out of date."""
        state = self.docs.get(uri)
        if state is None or state.version != version:
            return None
        return linting.lint_buffer(uri, text, version, language_id, self.encoding,
                                   score=self.score_diagnostic, grammar=grammar)

    def _publish(self, uri: str, version: int | None, result: LintResult | None) -> bool:
        """Publish ``result`` if it is for the newest version of a still open document."""
        state = self.docs.get(uri)
        if result is None or state is None or state.version != version:
            return False
        old = state.result
        state.result = result
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=result.diagnostics))
        if result.error:
            self.log(result.error + (f"\n{result.trace}" if result.trace else ""), types.MessageType.Error)
        elif result.trace:
            self.log(result.trace, types.MessageType.Warning)
        for warning in result.warnings:
            self.log(f"emaillint: {warning}", types.MessageType.Warning)
        self._refresh_code_lens(old, result)
        return True

    async def lint_now(self, uri: str) -> LintResult | None:
        """Lint the current buffer of ``uri`` and publish it if it is still the newest version.

        Rules run at once; LanguageTool (when the config turns it on) runs
        afterwards in its own worker and republishes the same version.
        """
        state = self.docs.get(uri)
        if state is None:
            return None
        doc = self.workspace.get_text_document(uri)
        version, text = doc.version, doc.source
        state.version = version
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(
            self.executor, partial(self._lint_job, uri, text, version, state.language_id, False))
        if not self._publish(uri, version, result):
            return None
        if not self.recorded:  # keep what start-up compiled, off the lint worker (the editor may kill us, not exit)
            self.recorded = True
            loop.run_in_executor(self.slow_executor, codecache.settle)
        if result.grammar_pending:
            if state.slow is not None and not state.slow.done():
                state.slow.cancel()
            state.slow = loop.create_task(self._grammar_pass(uri, text, version, state.language_id))
        return result

    async def _grammar_pass(self, uri: str, text: str, version: int | None, language_id: str | None) -> None:
        try:
            loop = asyncio.get_running_loop()
            result = await loop.run_in_executor(
                self.slow_executor, partial(self._lint_job, uri, text, version, language_id, True))
            self._publish(uri, version, result)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("grammar pass failed")
            self.log(f"emaillint: grammar check of {uri} failed: {exc}", types.MessageType.Error)

    async def _debounced(self, uri: str, delay: float) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            await self.lint_now(uri)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # never let a lint take the server down
            log.exception("lint failed")
            self.log(f"emaillint: lint of {uri} failed: {exc}", types.MessageType.Error)

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        state = self.docs.get(uri)
        if state is None:
            return
        if state.pending is not None and not state.pending.done():
            state.pending.cancel()
        state.pending = asyncio.get_running_loop().create_task(self._debounced(uri, delay))

    async def current(self, uri: str) -> LintResult | None:
        """The lint result for the buffer as it is now."""
        state = self.docs.get(uri)
        if state is None:
            return None
        version = self.workspace.get_text_document(uri).version
        if state.result is not None and state.result.version == version:
            return state.result
        if state.pending is not None and not state.pending.done():
            state.pending.cancel()
        result = await self.lint_now(uri)
        if result is None:  # superseded meanwhile: only a result for the version now open will do
            now = self.workspace.get_text_document(uri).version
            result = state.result if state.result is not None and state.result.version == now else None
        return result

    def _refresh_code_lens(self, old: LintResult | None, new: LintResult) -> None:
        if not self.code_lens:
            return
        before = old.info.report.score if old and old.info.report else None
        after = new.info.report.score if new.info.report else None
        if before == after and old is not None:
            return
        caps = self.client_capabilities
        workspace = caps.workspace if caps else None
        lens = workspace.code_lens if workspace else None
        if lens is not None and lens.refresh_support:
            try:
                self.workspace_code_lens_refresh(None)
            except Exception:
                pass


server = EmailLintServer()


# -- lifecycle -----------------------------------------------------------------

@server.feature(types.INITIALIZE)
def initialize(ls: EmailLintServer, params: types.InitializeParams) -> None:
    options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
    if isinstance(options.get("debounceMs"), (int, float)):
        ls.debounce = max(0.0, float(options["debounceMs"]) / 1000)
    if isinstance(options.get("scoreDiagnostic"), bool):
        ls.score_diagnostic = options["scoreDiagnostic"]
    if isinstance(options.get("codeLens"), bool):
        ls.code_lens = options["codeLens"]


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: EmailLintServer, params: types.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    if linting.format_name(item.uri, item.language_id) is None:
        return  # not an email draft (e.g. a config file the editor also sent)
    ls.docs[item.uri] = DocState(item.version, item.language_id)
    ls.schedule(item.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: EmailLintServer, params: types.DidChangeTextDocumentParams) -> None:
    state = ls.docs.get(params.text_document.uri)
    if state is None:
        return
    state.version = params.text_document.version
    ls.schedule(params.text_document.uri, ls.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def did_save(ls: EmailLintServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if linting.is_config_file(uri):
        linting.forget_configs()
        for other in list(ls.docs):
            ls.schedule(other)
    elif uri in ls.docs:
        ls.schedule(uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: EmailLintServer, params: types.DidCloseTextDocumentParams) -> None:
    state = ls.docs.pop(params.text_document.uri, None)
    if state is None:
        return
    for task in (state.pending, state.slow):
        if task is not None and not task.done():
            task.cancel()
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched(ls: EmailLintServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(linting.is_config_file(change.uri) for change in params.changes):
        linting.forget_configs()
        for uri in list(ls.docs):
            ls.schedule(uri)


# -- features --------------------------------------------------------------------

def _problems_in(result: LintResult, start: int, end: int) -> list:
    report = result.info.report
    if report is None:
        return []
    tm = result.info.tm
    found = []
    for problem in report.problems:
        s, e = convert.problem_span(problem, tm)
        if s <= end and start <= e:
            found.append(problem)
    return found


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def on_hover(ls: EmailLintServer, params: types.HoverParams) -> types.Hover | None:
    result = await ls.current(params.text_document.uri)
    if result is None or result.info.report is None:
        return None
    tm = result.info.tm
    offset = tm.to_offset(params.position)
    problems = _problems_in(result, offset, offset)
    first_line = params.position.line == 0
    if not problems and not first_line:
        return None
    formats = None
    caps = ls.client_capabilities
    if caps and caps.text_document and caps.text_document.hover:
        formats = caps.text_document.hover.content_format
    markdown = formats is None or types.MarkupKind.Markdown in formats
    value = hover.hover_text(problems, result.info.report, with_score=first_line, markdown=markdown)
    rng = convert.problem_range(problems[0], tm) if problems else tm.line_range(0)
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    return types.Hover(contents=types.MarkupContent(kind=kind, value=value), range=rng)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL],
                                        resolve_provider=False))
async def on_code_action(ls: EmailLintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    result = await ls.current(params.text_document.uri)
    if result is None or result.info.report is None:
        return None
    tm = result.info.tm
    start, end = tm.to_offset(params.range.start), tm.to_offset(params.range.end)
    problems = _problems_in(result, start, end)
    # Diagnostics the client sends back (e.g. from a wider selection) count too.
    wanted = {(d.code, d.range.start.line, d.range.start.character) for d in params.context.diagnostics or []}
    if wanted:
        for problem in result.info.report.problems:
            if problem in problems:
                continue
            r = convert.problem_range(problem, tm)
            if (problem.code, r.start.line, r.start.character) in wanted:
                problems.append(problem)
    order = {id(p): i for i, p in enumerate(result.info.report.problems)}
    problems.sort(key=lambda p: order.get(id(p), 0))
    only = [str(getattr(k, "value", k)) for k in params.context.only] if params.context.only else None
    # in a thread: a user's template that renders slowly (up to the sandbox's 2 s) must not stall typing
    found = await asyncio.to_thread(actions.code_actions, result.info, problems, only)
    # the whole buffer's safe fixes: when asked for (on save, the source action menu), or beside a safe fix under
    # the cursor; not on every other cursor move, since it judges the draft again, pass after pass
    if only and actions.wants(only, actions.FIX_ALL) or not only and any(p.fix and p.fix.safe for p in problems):
        fix_all = await asyncio.to_thread(actions.fix_all_action, result.info)
        found += [fix_all] if fix_all is not None else []
    return found or None


@server.feature(types.TEXT_DOCUMENT_CODE_LENS)
async def on_code_lens(ls: EmailLintServer, params: types.CodeLensParams) -> list[types.CodeLens] | None:
    if not ls.code_lens:
        return None
    result = await ls.current(params.text_document.uri)
    if result is None or result.info.report is None:
        return None
    title = convert.score_line(result.info.report)
    return [types.CodeLens(range=result.info.tm.line_range(0),
                           command=types.Command(title=title, command=SHOW_SCORE, arguments=[params.text_document.uri]))]


@server.command(SHOW_SCORE)
async def show_score(ls: EmailLintServer, uri: str) -> dict | None:
    """The report for a document (the score code lens runs this); also shown to the user."""
    result = await ls.current(uri)
    if result is None or result.info.report is None:
        return None
    ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info,
                                                   message=convert.score_plain(result.info.report)))
    return result.info.report.to_dict()


def _flush() -> None:
    """Flush what is written before ``os._exit``, which skips it (a stream may be closed already)."""
    for stream in (sys.stderr, sys.__stdout__):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass


def _interrupted(signum, frame) -> None:
    """SIGINT or SIGTERM (an editor stopping its servers, Ctrl-C in a terminal): leave at once, with 128 + the
    signal.

    Python's answer to SIGINT (and the command line's to SIGTERM) is a KeyboardInterrupt raised wherever the
    event loop happens to be; asyncio.run then cancels every task and waits for them, and a task the interrupt
    left half-stepped never finishes: the server hung there for good, an orphan once its editor had gone (found
    by the Neovim tests)."""
    _flush()
    os._exit(128 + signum)


def serve() -> None:
    """Run the server over stdin/stdout until the client exits."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="emaillint-lsp: %(levelname)s %(message)s")
    try:  # before asyncio.run, which would install its own for SIGINT
        signal.signal(signal.SIGINT, _interrupted)
        signal.signal(signal.SIGTERM, _interrupted)
    except ValueError:  # not the main thread (an embedding host): the host decides about signals
        pass
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print() must never corrupt the protocol stream
    for handler in logging.getLogger().handlers:
        handler.addFilter(_OneLine())
    from emaillint.lsp.frames import Frames  # a bad message header must not make the server deaf

    try:
        server.start_io(Frames(stdin), stdout)
    finally:
        server.executor.shutdown(wait=False, cancel_futures=True)
        server.slow_executor.shutdown(wait=False, cancel_futures=True)
    # The spec: exit code 0 after shutdown, 1 without. os._exit: a lint still running in a
    # worker thread must not keep the process alive after the client said exit.
    codecache.save()  # os._exit skips atexit
    code = 0 if getattr(server.protocol, "_shutdown", False) else 1
    _flush()
    os._exit(code)
