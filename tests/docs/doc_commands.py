"""Reading the commands out of README.md and docs/*.md: fenced shell blocks (``bash``, ``sh``,
``shell``, ``console``, and untagged blocks that hold ``$ `` prompts), their continuation lines and
shown output, and the ``emaillint …`` commands quoted inline in the prose."""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from tests.cli.support import REPO_ROOT

DOCS = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
SHELL_LANGS = {"bash", "sh", "shell", "console"}
_FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.S | re.M)
_INLINE = re.compile(r"(?<!`)`(emaillint [^`\n]+)`(?!`)")
_OPERATORS = {"|", "||", "&&", ";", "&"}
_REDIRECTS = {"<", ">", ">>", "2>", "2>&1", "&>"}


@dataclass
class Command:
    """One command line as a reader would type it, with the output the doc shows under it."""

    doc: Path
    line: int
    text: str
    output: list[str] = field(default_factory=list)

    def where(self) -> str:
        return f"{self.doc.relative_to(REPO_ROOT)}:{self.line}: {self.text}"


@dataclass
class Block:
    doc: Path
    line: int
    lang: str
    lines: list[str]


def fenced_blocks(doc: Path) -> list[Block]:
    text = doc.read_text(encoding="utf-8")
    out = []
    for m in _FENCE.finditer(text):
        indent = len(m.group("indent"))
        lines = [ln[indent:] if ln[:indent].strip() == "" else ln for ln in m.group("body").split("\n")]
        out.append(Block(doc, text.count("\n", 0, m.start()) + 2, m.group("lang").lower(), lines[:-1]))
    return out


def shell_blocks(doc: Path) -> list[Block]:
    return [b for b in fenced_blocks(doc)
            if b.lang in SHELL_LANGS or (b.lang == "" and any(ln.startswith("$ ") for ln in b.lines))]


def commands(block: Block) -> list[Command]:
    """A console block's ``$ `` lines (the rest is their output); every line of a script block.
    A line ending in a backslash continues on the next."""
    prompt = block.lang == "console" or any(ln.startswith("$ ") for ln in block.lines)
    out: list[Command] = []
    pending: Command | None = None
    for offset, raw in enumerate(block.lines):
        if pending is not None:  # a continuation line
            pending.text = pending.text[:-1] + " " + raw.strip()
        elif prompt and raw.startswith("$ "):
            pending = Command(block.doc, block.line + offset, raw[2:].strip())
        elif prompt:
            if out:
                out[-1].output.append(raw.rstrip())
            continue
        elif raw.strip() and not raw.lstrip().startswith("#"):
            pending = Command(block.doc, block.line + offset, raw.strip())
        else:
            continue
        if not pending.text.endswith("\\"):
            out.append(pending)
            pending = None
    return out


def inline_commands(doc: Path) -> list[Command]:
    """``emaillint …`` quoted in the prose (outside fenced blocks)."""
    text = doc.read_text(encoding="utf-8")
    prose = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return [Command(doc, prose.count("\n", 0, m.start()) + 1, m.group(1)) for m in _INLINE.finditer(prose)]


def segments(text: str) -> list[list[str]]:
    """The simple commands of a line (split at pipes, ``&&``, ``;``), each without its leading
    ``VAR=value`` words and its redirections."""
    lexer = shlex.shlex(text, posix=True, punctuation_chars="|&;<>")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    out, current = [], []
    for token in lexer:
        if token in _OPERATORS:
            out.append(current)
            current = []
        else:
            current.append(token)
    out.append(current)
    cleaned = []
    for words in out:
        words = list(words)
        while words and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
            words.pop(0)
        argv, skip = [], False
        for word in words:
            if skip:
                skip = False
            elif word in _REDIRECTS:
                skip = True
            else:
                argv.append(word)
        if argv:
            cleaned.append(argv)
    return cleaned


def output_matches(shown: list[str], actual: str) -> str | None:
    """None when every line the doc shows appears in the actual output, in order; a ``…`` in a
    shown line stands for any text, a line that is only ``…`` for any lines. Else what is missing."""
    actual_lines = [ln.rstrip() for ln in actual.splitlines()]
    pos = 0
    for line in (ln for ln in shown if ln.strip() and ln.strip() != "…"):
        pattern = re.compile(".*".join(re.escape(part) for part in line.split("…")) + r"\Z")
        while pos < len(actual_lines) and not pattern.match(actual_lines[pos]):
            pos += 1
        if pos == len(actual_lines):
            return f"shown line not in the output (in order): {line!r}"
        pos += 1
    return None
