"""Code actions for emaillint findings (pure: no client, no I/O but templates).

For every finding under the cursor the server can offer:

* **the rule's own fix** (``Problem.fix``), e.g. EL703 "I just wanted to" ->
  "I wanted to" or EL504 "AMAZING" -> "amazing"; safe fixes are *preferred*;
* **"Replace the draft with template '<name>'"** when a shipped (or user)
  template answers the finding's category or code. The template is rendered
  with its example values and replaces the draft: the whole buffer for
  ``.txt``; everything after the front matter for ``.md`` (when the front
  matter has a ``subject``, its value becomes the template's subject and the
  ``Subject:`` line is left out of the body); the ``Subject:`` header and the
  body of a plain ``.eml``; and for Jinja templates the template's own source
  (front matter and Jinja body, variables intact). Undo brings the draft back;
* **"Disable <code> for this line"**: a ``disable-next-line`` comment in the
  format's syntax on its own line above the finding (not offered inside front
  matter or e-mail headers, nor for ``.eml`` bodies, see docs/lsp.md);
* **"Disable <code> in this file"**: a ``disable-file`` comment at the top of
  the body.

For the whole buffer, as ruff's server does, a source action **"Fix all emaillint
problems"** (kind ``source.fixAll.emaillint``) applies every safe fix with the same
passes as ``emaillint check --fix``, as one edit; editors can run it on save.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lsprotocol import types

from emaillint.lsp import convert
from emaillint.lsp.convert import TextMap
from emaillint.base.problem import FileReport, Problem
from emaillint.read.suppress import comment_for

QUICKFIX = types.CodeActionKind.QuickFix
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.emaillint"  # source.fixAll.emaillint, as ruff-lsp names its own


@dataclass
class DocInfo:
    """One linted buffer: everything an action needs to know about it."""

    uri: str
    tm: TextMap
    fmt: str  # txt, md, eml, jinja
    path: str | None
    report: FileReport | None
    config: Any = None
    version: int | None = None


# --------------------------------------------------------------------------
# Where the body starts and which lines must not get a comment above them


def _front_matter_end(text: str) -> int | None:
    """Offset just after the front matter's closing fence line, or None."""
    if not text.startswith("---\n"):
        return None
    try:
        from emaillint.read import frontmatter

        fm = frontmatter.parse(text)
    except Exception:  # a broken front matter: treat as none
        return None
    if fm is None:
        return None
    end = fm.end
    if text[end:end + 1] == "\n":
        end += 1
    return end


def _front_matter_has_subject(text: str) -> bool:
    try:
        from emaillint.read import frontmatter

        fm = frontmatter.parse(text)
    except Exception:
        return False
    return fm is not None and "subject" in (fm.data or {})


def body_start(info: DocInfo) -> int | None:
    """Offset where the body starts (after front matter or e-mail headers); None: no body."""
    text = info.tm.text
    if info.fmt == "eml":
        blank = text.find("\n\n")
        return None if blank == -1 else blank + 2
    if info.fmt in ("md", "jinja"):
        end = _front_matter_end(text)
        return 0 if end is None else end
    return 0


def _line_start(tm: TextMap, line0: int) -> int:
    return tm.starts[max(0, min(line0, len(tm.starts) - 1))]


# --------------------------------------------------------------------------
# The actions


def _edit(info: DocInfo, start: int, end: int, new_text: str) -> types.TextEdit:
    if info.tm.eol != "\n":
        new_text = new_text.replace("\n", info.tm.eol)
    return types.TextEdit(range=info.tm.range(start, end), new_text=new_text)


def _workspace_edit(info: DocInfo, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={info.uri: edits})


def _source_edits(info: DocInfo, problem: Problem) -> list[tuple[int, int, str]]:
    """The fix's edits as offsets into the normalised buffer (the engine gives file offsets)."""
    return [(e.start, e.end, e.text) for e in problem.fix.edits]


def fix_action(info: DocInfo, problem: Problem, diagnostic: types.Diagnostic) -> types.CodeAction | None:
    if problem.fix is None or not problem.fix.edits:
        return None
    edits = _source_edits(info, problem)
    if not edits:
        return None
    title = f"{problem.fix.title} ({problem.code})"
    if not problem.fix.safe:
        title += " [review]"
    return types.CodeAction(
        title=title,
        kind=QUICKFIX,
        diagnostics=[diagnostic],
        is_preferred=bool(problem.fix.safe),
        edit=_workspace_edit(info, [_edit(info, s, e, t) for s, e, t in sorted(edits, reverse=True)]),
    )


def disable_line_action(info: DocInfo, problem: Problem, diagnostic: types.Diagnostic) -> types.CodeAction | None:
    if info.fmt == "eml":
        return None  # see the module docstring
    start = body_start(info)
    line0 = problem.line - 1
    offset = _line_start(info.tm, line0)
    if start is None or offset < start:
        return None  # inside front matter or headers: a comment line would break them
    comment = comment_for(info.fmt, "disable-next-line", problem.code)
    indent = info.tm.lines[line0][: len(info.tm.lines[line0]) - len(info.tm.lines[line0].lstrip(" \t"))]
    return types.CodeAction(
        title=f"Disable {problem.code} for this line",
        kind=QUICKFIX,
        diagnostics=[diagnostic],
        edit=_workspace_edit(info, [_edit(info, offset, offset, indent + comment + "\n")]),
    )


def disable_file_action(info: DocInfo, problem: Problem, diagnostic: types.Diagnostic) -> types.CodeAction | None:
    start = body_start(info)
    if start is None:
        return None
    comment = comment_for(info.fmt, "disable-file", problem.code)
    return types.CodeAction(
        title=f"Disable {problem.code} in this file",
        kind=QUICKFIX,
        diagnostics=[diagnostic],
        edit=_workspace_edit(info, [_edit(info, start, start, comment + "\n")]),
    )


def _eml_is_simple(text: str) -> bool:
    head = text.split("\n\n", 1)[0].lower()
    return "multipart/" not in head and "text/html" not in head and "base64" not in head and "quoted-printable" not in head


def _yaml_scalar(value: str) -> str:
    import json

    plain = value and value.strip() == value and not any(c in value for c in ":#'\"{}[],&*!|>%@`")
    return value if plain else json.dumps(value, ensure_ascii=False)


def _subject_edit(info: DocInfo, subject: str) -> tuple[int, int, str] | None:
    """An edit that puts the template's subject into front matter or the e-mail headers."""
    import re

    text = info.tm.text
    if info.fmt == "md":
        try:
            from emaillint.read import frontmatter

            fm = frontmatter.parse(text)
            span = frontmatter.key_span(text, fm, "subject") if fm is not None and "subject" in fm.data else None
        except Exception:
            return None
        if span is None:
            return None
        line_end = text.find("\n", span[0])
        line_end = len(text) if line_end == -1 else line_end
        value_start = text.rfind(":", 0, span[0]) + 1  # replace the whole value, quotes included
        return value_start, line_end, " " + _yaml_scalar(subject)
    if info.fmt == "eml":
        head_end = text.find("\n\n")
        match = re.search(r"(?im)^subject:[ \t]*(.*(?:\n[ \t].*)*)", text[: head_end if head_end != -1 else len(text)])
        if match is None:
            return None
        return match.start(1), match.end(1), subject
    return None


def _template_edits(info: DocInfo, template) -> list[tuple[int, int, str]] | None:
    """Edits (start, end, new text) that replace the draft with a template, or None."""
    from emaillint.templates import catalog

    text = info.tm.text
    if info.fmt == "jinja":
        try:
            return [(0, len(text), template.text.replace("\r\n", "\n"))]
        except OSError:
            return None
    try:
        rendered = catalog.render(template, example=True)
    except catalog.TemplateError:
        return None
    subject_line, _, body = rendered.partition("\n\n")
    subject = subject_line[len("Subject:"):].strip() if subject_line.startswith("Subject:") else ""
    if info.fmt == "eml":
        start = body_start(info)
        if start is None or not _eml_is_simple(text):
            return None
        subject_edit = _subject_edit(info, subject) if subject else None
        return ([subject_edit] if subject_edit else []) + [(start, len(text), body)]
    if info.fmt == "md":
        start = body_start(info) or 0
        if start and _front_matter_has_subject(text):
            subject_edit = _subject_edit(info, subject) if subject else None
            return ([subject_edit] if subject_edit else []) + [(start, len(text), body)]
        return [(start, len(text), rendered)]
    return [(0, len(text), rendered)]


def template_actions(info: DocInfo, problems: list[Problem], diagnostics: list[types.Diagnostic],
                     limit: int = 2) -> list[types.CodeAction]:
    """"Replace the draft with template X" for the templates answering these findings."""
    if info.report is None or not problems:
        return []
    from emaillint.templates import catalog
    from emaillint.judge.registry import find_rule

    wanted = {p.category for p in problems} | {p.code for p in problems}
    try:
        found = catalog.templates_for(wanted, info.report.kind, info.config)
    except Exception:
        found = []
    names = [t.name for t in found]
    for p in problems:  # a rule's own suggested template comes first
        rule = find_rule(p.code)
        name = rule.spec.suggest_template if rule is not None else None
        if name and name not in names:
            try:
                found.insert(0, catalog.get_template(name, info.config))
                names.insert(0, name)
            except Exception:
                pass
    actions = []
    for template in found:  # a template that cannot render (a user's, hostile or broken) gives way to the next
        if len(actions) == limit:
            break
        edits = _template_edits(info, template)
        if not edits or all(info.tm.text[s:e] == t for s, e, t in edits):
            continue
        what = f" ({template.description})" if template.description else ""
        actions.append(types.CodeAction(
            title=f"Replace the draft with template '{template.name}'{what}",
            kind=QUICKFIX,
            diagnostics=list(diagnostics),
            edit=_workspace_edit(info, [_edit(info, s, e, t) for s, e, t in edits]),
        ))
    return actions


def code_actions(info: DocInfo, problems: list[Problem], only: list[str] | None = None) -> list[types.CodeAction]:
    """Every action for the findings under the cursor: fixes first, then templates, then disabling."""
    if only and not any(str(kind) in ("", QUICKFIX) or QUICKFIX.startswith(f"{kind}.") for kind in only):
        return []
    pairs = [(p, convert.to_diagnostic(p, info.tm)) for p in problems]
    fixes, disables = [], []
    seen_titles: set[str] = set()
    for problem, diagnostic in pairs:
        for make, bucket in ((fix_action, fixes), (disable_line_action, disables), (disable_file_action, disables)):
            action = make(info, problem, diagnostic)
            if action is not None and action.title not in seen_titles:
                seen_titles.add(action.title)
                bucket.append(action)
    templates = template_actions(info, [p for p, _ in pairs], [d for _, d in pairs])
    return fixes + templates + disables


def wants(only: list[str] | None, kind: str) -> bool:
    """Whether a request limited to ``only`` kinds asks for actions of ``kind`` (a kind covers its sub-kinds)."""
    return not only or any(k in ("", kind) or kind.startswith(f"{k}.") for k in only)


def fix_all_action(info: DocInfo) -> types.CodeAction | None:
    """Every safe fix of the buffer, applied by ``check --fix``'s own passes (``run.fixing``), as one edit that
    replaces only the stretch that changed; None when there is nothing to fix. LanguageTool is left out: its
    fixes are never safe, so the result is the same as ``check --fix`` on the saved draft."""
    from dataclasses import replace

    from emaillint.read.source import from_text
    from emaillint.run.fixing import fix_source

    if info.report is None or info.config is None or not any(
            p.fix is not None and p.fix.safe and p.fix.edits for p in info.report.problems):
        return None
    config = info.config
    if config.grammar.enabled:
        config = config.with_overrides(grammar=replace(config.grammar, enabled=False))
    result = fix_source(from_text(info.tm.text, info.path), config)
    if result.error or not result.changed:
        return None
    before, after = result.before, result.after
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < min(len(before), len(after)) - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    edit = _edit(info, head, len(before) - tail, after[head:len(after) - tail])
    n = result.fixed
    return types.CodeAction(title=f"Fix all emaillint problems ({n} safe fix{'es' if n != 1 else ''})", kind=FIX_ALL,
                            edit=_workspace_edit(info, [edit]))
