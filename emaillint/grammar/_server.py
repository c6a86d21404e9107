"""Finding a LanguageTool server and talking to it.

Server selection: ``options.url``, else env ``EMAILLINT_LANGUAGETOOL_URL``,
else a local LanguageTool that language-tool-python downloads, starts on
127.0.0.1 and reuses for the rest of the process.

Checks are plain ``requests`` POSTs to ``/v2/check`` with the ``data``
(AnnotatedText) field, which language-tool-python cannot send. Proxy settings
from the environment are ignored (``trust_env = False``): requests go to the
configured URL and nowhere else.
"""

from __future__ import annotations

import json
import os
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from . import GrammarUnavailable

ENV_URL = "EMAILLINT_LANGUAGETOOL_URL"
HINT = "run `scripts/languagetool-server start` and pass its URL with --languagetool-url or EMAILLINT_LANGUAGETOOL_URL"
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 120.0
MAX_ANSWER = 20 * 1024 * 1024  # bytes; a larger answer is not LanguageTool's
RETRY_STATUSES = (429, 503)
RETRIES = 3

_local_lock = threading.Lock()
_local_tool: Any = None  # the language_tool_python.LanguageTool that owns the local server


def _requests() -> Any:
    try:
        import requests
    except ModuleNotFoundError:
        raise GrammarUnavailable(
            "grammar checks need the 'requests' package: pip install '.[grammar]' in a clone of emaillint"
        ) from None
    return requests


def normalise_url(url: str) -> str:
    """``http://host:port`` with no trailing slash or ``/v2``."""
    url = url.strip().rstrip("/")
    if url.endswith("/v2"):
        url = url[: -len("/v2")]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise GrammarUnavailable(f"LanguageTool URL {url!r} is not an http(s) URL; {HINT}")
    return url


def configured_url(option_url: str | None) -> str | None:
    url = option_url or os.environ.get(ENV_URL) or None
    return normalise_url(url) if url else None


def local_version() -> str:
    """The LT version language-tool-python would run, without starting it."""
    try:
        from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION
    except Exception:  # noqa: BLE001 - any import problem surfaces later, in start_local()
        return "local"
    return str(LTP_DOWNLOAD_VERSION)


def start_local(language: str) -> str:
    """Start (once per process) a LanguageTool through language-tool-python and
    return its base URL. Every failure becomes GrammarUnavailable."""
    global _local_tool
    with _local_lock:
        if _local_tool is not None:
            return normalise_url(_local_tool.url)
        try:
            import language_tool_python
        except ModuleNotFoundError:
            raise GrammarUnavailable(
                "no LanguageTool server configured and language-tool-python is not installed; "
                + HINT
            ) from None
        requests = _requests()
        try:
            tool = language_tool_python.LanguageTool(language)
        except requests.exceptions.RequestException:
            reason = "could not download LanguageTool for a local server (no network?)"
        except ModuleNotFoundError:  # language-tool-python: "No java install detected"
            reason = "no LanguageTool server configured and no Java found for a local one"
        except SystemError as exc:  # Java too old
            reason = f"cannot start a local LanguageTool ({_one_line(exc)})"
        except Exception as exc:  # noqa: BLE001 - ServerError, PathError, LanguageToolError, zip errors...
            reason = f"cannot start a local LanguageTool ({type(exc).__name__}: {_one_line(exc)})"
        else:
            _local_tool = tool
            return normalise_url(tool.url)
        raise GrammarUnavailable(f"{reason}; {HINT}")


def stop_local() -> None:
    """Stop the local LanguageTool this process started, if any: a long-lived process (the hook's daemon) must
    not keep a Java server running between the runs that asked for one."""
    global _local_tool
    with _local_lock:
        tool, _local_tool = _local_tool, None
    if tool is not None:
        try:
            tool.close()
        except Exception:  # noqa: BLE001 - already gone
            pass


def _one_line(exc: BaseException, limit: int = 160) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Client:
    """POSTs /v2/check to one server; one requests.Session per thread."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._requests = _requests()
        self._local = threading.local()
        self.requests_made = 0
        self._count_lock = threading.Lock()

    def _session(self) -> Any:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._requests.Session()
            session.trust_env = False  # no proxies: talk to the configured URL only
            self._local.session = session
        return session

    def check(self, form: dict[str, str]) -> dict[str, Any]:
        url = f"{self.base_url}/v2/check"
        requests = self._requests
        for attempt in range(RETRIES + 1):
            with self._count_lock:
                self.requests_made += 1
            try:
                # never follow a redirect: it could send the draft to another host
                response, body_bytes = self._post(url, form)
            except requests.exceptions.ConnectionError as exc:
                refused = "refused" in str(exc).lower()
                why = "connection refused" if refused else "cannot connect"
                raise GrammarUnavailable(
                    f"LanguageTool server {self.base_url} is not reachable ({why}); {HINT}"
                ) from None
            except requests.exceptions.Timeout:
                raise GrammarUnavailable(
                    f"LanguageTool server {self.base_url} did not answer within {READ_TIMEOUT:.0f}s"
                ) from None
            except requests.exceptions.RequestException as exc:
                raise GrammarUnavailable(
                    f"LanguageTool request to {self.base_url} failed: {_one_line(exc)}"
                ) from None
            if response.status_code in RETRY_STATUSES and attempt < RETRIES:
                time.sleep(0.5 * 2**attempt)  # server busy: back off, then retry
                continue
            if 300 <= response.status_code < 400:
                where = _one_line(Exception(response.headers.get("Location", "?")), 120)
                raise GrammarUnavailable(
                    f"LanguageTool server {self.base_url} answered with a redirect (HTTP {response.status_code} to "
                    f"{where}); emaillint does not follow redirects: configure the final URL"
                )
            if response.status_code != 200:
                body = _one_line(Exception(body_bytes.decode("utf-8", "replace")), 120)
                raise GrammarUnavailable(
                    f"LanguageTool server {self.base_url} answered HTTP {response.status_code}: {body}"
                )
            try:
                answer = json.loads(body_bytes)
                answer["matches"]
            except (ValueError, KeyError, TypeError):
                raise GrammarUnavailable(
                    f"{self.base_url} did not answer like a LanguageTool server; {HINT}"
                ) from None
            return answer
        raise AssertionError("unreachable")

    def _post(self, url: str, form: dict[str, str]) -> tuple[Any, bytes]:
        """POST and read the whole answer within one overall deadline and size limit.

        The read timeout alone never trips on a server that trickles a byte every few
        seconds, so the request runs in a daemon thread that is given up on (it dies
        with the process) when the deadline passes.
        """
        session = self._session()
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                response = session.post(url, data=form, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
                                        allow_redirects=False, stream=True)
                chunks, size = [], 0
                if not hasattr(response, "iter_content"):  # a duck-typed answer (tests): take it whole
                    body = getattr(response, "content", None) or str(getattr(response, "text", "")).encode()
                    outcome["value"] = (response, body[:MAX_ANSWER + 1])
                    return
                try:
                    for chunk in response.iter_content(65536):
                        chunks.append(chunk)
                        size += len(chunk)
                        if size > MAX_ANSWER:
                            raise GrammarUnavailable(f"LanguageTool server {self.base_url} answered with more "
                                                     f"than {MAX_ANSWER // (1024 * 1024)} MB")
                finally:
                    response.close()
                outcome["value"] = (response, b"".join(chunks))
            except BaseException as exc:  # handed to the caller's thread
                outcome["error"] = exc

        worker = threading.Thread(target=work, name="emaillint-lt-request", daemon=True)
        worker.start()
        worker.join(CONNECT_TIMEOUT + READ_TIMEOUT)
        if worker.is_alive():
            self._local.session = None  # the stuck connection stays with the abandoned thread
            raise GrammarUnavailable(f"LanguageTool server {self.base_url} did not finish its answer "
                                     f"within {CONNECT_TIMEOUT + READ_TIMEOUT:.0f}s")
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    def version(self, language: str) -> str:
        """Ask the server its LT version with a one-character check."""
        answer = self.check({"language": language, "text": "."})
        return str(answer.get("software", {}).get("version", "unknown"))


def encode_annotation(parts: list[dict[str, str]]) -> str:
    return json.dumps({"annotation": parts}, ensure_ascii=False)
