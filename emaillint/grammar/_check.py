"""check(): cache lookup, concurrent requests for the misses, offset mapping."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from . import GrammarMatch, GrammarOptions, GrammarUnavailable, Segment
from ._cache import ResultCache
from ._offsets import Utf16Map, annotation, utf16_len
from ._server import Client, configured_url, encode_annotation, local_version, start_local
from .rules import DEFAULT_DISABLED_RULES

MAX_CONCURRENCY = 8  # the LT server runs 10 check threads by default (maxCheckThreads)
MAX_REPLACEMENTS = 5

# The last Client used, for tests and benchmarks (requests_made).
last_client: Client | None = None


def effective_rules(options: GrammarOptions) -> tuple[list[str], list[str]]:
    enabled = sorted(set(options.enabled_rules))
    disabled = sorted((set(DEFAULT_DISABLED_RULES) | set(options.disabled_rules)) - set(enabled))
    return disabled, enabled


SEPARATOR = {"markup": "", "interpretAs": "\n\n"}  # between segments: a paragraph break
BATCH_UTF16 = 6000  # segments are packed into requests of about this size


@dataclass(frozen=True)
class _Batch:
    """Consecutive segments sent as one AnnotatedText, joined by SEPARATOR."""

    segments: tuple[Segment, ...]
    u16_starts: tuple[int, ...]  # where each segment starts in the batch's original text
    data: str  # the JSON `data` form field


def _batches(segments: Sequence[Segment]) -> list[_Batch]:
    """One request per email is much faster than one per paragraph (LanguageTool
    has a fixed cost per request), so pack segments up to BATCH_UTF16 units."""
    groups: list[list[Segment]] = [[]]
    size = 0
    for seg in segments:
        n = utf16_len(seg.text)
        if groups[-1] and size + n > BATCH_UTF16:
            groups.append([])
            size = 0
        groups[-1].append(seg)
        size += n
    batches = []
    for group in groups:
        parts: list[dict[str, str]] = []
        starts, pos = [], 0
        for i, seg in enumerate(group):
            if i:
                parts.append(SEPARATOR)
            parts.extend(annotation(seg.text, seg.markup))
            starts.append(pos)
            pos += utf16_len(seg.text)
        batches.append(_Batch(tuple(group), tuple(starts), encode_annotation(parts)))
    return batches


def run(segments: Sequence[Segment], options: GrammarOptions) -> list[GrammarMatch]:
    global last_client
    last_client = None
    segments = [s for s in segments if s.text.strip()]
    if not segments:
        return []
    cache = ResultCache(options.cache_dir)
    url = configured_url(options.url)
    disabled, enabled = effective_rules(options)
    batches = _batches(segments)
    distinct = list(dict.fromkeys(b.data for b in batches))

    # 1. cache lookup; the LT version is known without asking when possible
    version = local_version() if url is None else cache.server_version(url)

    def key_for(data: str, lt_version: str) -> str:
        return cache.key(
            {"lt": lt_version, "language": options.language, "disabled": disabled,
             "enabled": enabled, "data": data}
        )

    answers: dict[str, list[dict[str, Any]]] = {}
    if version is not None and cache.enabled:
        for data in distinct:
            hit = cache.get(key_for(data, version))
            if isinstance(hit, list) and all(_well_formed(m) for m in hit):  # a corrupt entry is a miss
                answers[data] = hit
    misses = [d for d in distinct if d not in answers]

    # 2. ask the server for the misses, `concurrency` requests at a time
    if misses:
        base_url = url if url is not None else start_local(options.language)
        client = last_client = Client(base_url)

        def ask(data: str) -> tuple[str, list[dict[str, Any]], str]:
            form = {"language": options.language, "data": data}
            if disabled:
                form["disabledRules"] = ",".join(disabled)
            if enabled:
                form["enabledRules"] = ",".join(enabled)
            answer = client.check(form)
            software = answer.get("software") if isinstance(answer.get("software"), dict) else {}
            lt_version = str(software.get("version", version or "unknown"))
            matches = answer["matches"] if isinstance(answer["matches"], list) else []
            return data, [m for m in map(_slim, matches) if m is not None], lt_version

        workers = max(1, min(options.concurrency, MAX_CONCURRENCY, len(misses)))
        if workers == 1:
            results = [ask(d) for d in misses]
        else:
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="emaillint-lt") as pool:
                futures = [pool.submit(ask, d) for d in misses]
                try:
                    results = [f.result() for f in futures]
                except GrammarUnavailable:
                    for f in futures:
                        f.cancel()
                    raise
        for data, matches, lt_version in results:
            answers[data] = matches
            cache.put(key_for(data, lt_version), matches)
        if url is not None:
            cache.remember_server_version(url, results[-1][2])

    # 3. map back to source offsets, drop what lands on markup or on house words
    words = {_word_key(w) for w in options.words if w.strip()}
    found: list[GrammarMatch] = []
    for batch in batches:
        for m in answers[batch.data]:
            match = _place(batch, m, words)
            if match is not None:
                found.append(match)
    found.sort(key=lambda g: (g.start, g.end, g.rule_id))
    return _dedupe(found)


def _place(batch: _Batch, m: dict[str, Any], words: set[str]) -> GrammarMatch | None:
    """Find the segment a batch-relative match falls in; drop it if it spans two."""
    u_start = m["offset"]
    i = bisect_right(batch.u16_starts, u_start) - 1
    if i < 0:
        return None
    local = dict(m, offset=u_start - batch.u16_starts[i])
    return _to_match(batch.segments[i], local, words)


def _slim(m: Any) -> dict[str, Any] | None:
    """Only what we use, so the cache stays small; None for a match of the wrong shape."""
    if not isinstance(m, dict):
        return None
    rule = m.get("rule") if isinstance(m.get("rule"), dict) else {}
    category = rule.get("category") if isinstance(rule.get("category"), dict) else {}
    offset, length = m.get("offset", 0), m.get("length", 0)
    if isinstance(offset, bool) or isinstance(length, bool) or not isinstance(offset, int) or not isinstance(length, int):
        return None
    replacements = m.get("replacements") if isinstance(m.get("replacements"), list) else []
    return {
        "offset": offset,
        "length": length,
        "rule_id": str(rule.get("id", "UNKNOWN")),
        "issue_type": str(rule.get("issueType", "")),
        "category_id": str(category.get("id", "")),
        "message": str(m.get("message", "")),
        "replacements": [str(r.get("value", "")) for r in replacements if isinstance(r, dict)][:MAX_REPLACEMENTS],
    }


_SLIM_TYPES = {"offset": int, "length": int, "rule_id": str, "issue_type": str, "category_id": str, "message": str,
               "replacements": list}


def _well_formed(m: Any) -> bool:
    return isinstance(m, dict) and all(isinstance(m.get(k), t) for k, t in _SLIM_TYPES.items())


def is_spelling(m: dict[str, Any]) -> bool:
    return m["issue_type"] == "misspelling" or m["rule_id"].startswith(("MORFOLOGIK_RULE", "HUNSPELL"))


_SUGGESTION = re.compile(r"</?suggestion>")
_POSSESSIVE = re.compile(r"['’]s$")


def tidy(message: str) -> str:
    text = _SUGGESTION.sub(lambda t: "”" if t.group().startswith("</") else "“", message)
    return " ".join(text.split())


def _word_key(word: str) -> str:
    return _POSSESSIVE.sub("", word.strip()).casefold()


def _to_match(seg: Segment, m: dict[str, Any], words: set[str]) -> GrammarMatch | None:
    umap = Utf16Map(seg.text)
    u_start, u_end = m["offset"], m["offset"] + m["length"]
    if u_start < 0 or u_end > umap.length_u16 or u_end < u_start:
        return None
    start, end = umap.to_index(u_start), umap.to_index(u_end)
    for m_start, m_end, _ in seg.markup:
        if start < m_end and m_start < end or start == end == m_start:
            return None  # lands on template syntax
    spelling = is_spelling(m)
    if spelling and words and _word_key(seg.text[start:end]) in words:
        return None
    return GrammarMatch(
        start=seg.offset + start,
        end=seg.offset + end,
        rule_id=m["rule_id"],
        category="spelling" if spelling else "grammar",
        message=tidy(m["message"]),
        replacements=tuple(dict.fromkeys(m["replacements"])),
    )


def _dedupe(matches: list[GrammarMatch]) -> list[GrammarMatch]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for g in matches:
        k = (g.start, g.end, g.rule_id)
        if k not in seen:
            seen.add(k)
            out.append(g)
    return out
