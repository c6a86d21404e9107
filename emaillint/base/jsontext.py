"""JSON text that is always valid UTF-8, whatever the strings in it hold.

A file name that is not UTF-8 reaches emaillint as text with lone surrogates (Python's
``surrogateescape``: byte 0xE9 is U+DCE9); written as is, it becomes the raw byte again and the
JSON is not UTF-8, which every reader refuses. Each lone surrogate is written as its ``\\udcXX``
escape instead: a valid JSON string that a reader decodes to the same text
(``os.fsencode(json.loads(out)["path"])`` gives the file's name back, byte for byte), while every
other character stays as it is (``ensure_ascii=False``: messages stay readable). Every JSON
emaillint prints or writes (reports, SARIF, batch lines, baselines, draft changes) goes through here.
"""
from __future__ import annotations

import json
import re

# in a str a surrogate is always lone: a pair read from UTF-8 or from a JSON escape is one character
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


_PLAIN = json.JSONEncoder(ensure_ascii=False)  # json.dumps builds an encoder per call for any non-default option


def dumps(value, **options) -> str:
    """``json.dumps(value, ensure_ascii=False, **options)``, lone surrogates written as ``\\uXXXX`` escapes."""
    text = json.dumps(value, ensure_ascii=False, **options) if options else _PLAIN.encode(value)
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _LONE_SURROGATE.search(text) else text
