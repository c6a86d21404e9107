"""The template catalog: load, list and render email templates.

Templates are Jinja2 files named ``<name>.txt.j2`` with YAML front matter::

    ---
    name: are-you
    description: One line saying what the email is for.
    kind: re-engagement            # cold, follow-up, reply or re-engagement
    answers: [follow-up-cliche]    # categories and/or rule codes it answers
    subject: "Are you?"            # may use Jinja
    variables:
      first_name:
        description: The prospect's first name.
        example: Dana
        required: true
      sender_name:
        description: Your name, for the sign-off.
        example: Sam
        default: ""
    notes: |
      Free text shown by ``emaillint templates show``.
    ---
    Hi {{ first_name }}, ...

The shipped templates live in :func:`emaillint.base.resources.templates_dir`; users
add folders through ``config.template_dirs``. A user template with the same
name as a shipped one replaces it (and ``overrides`` is set).

The checker does not import this module: its template hints
(:mod:`emaillint.templates.hints`) read a pre-built index of names, kinds and
answers. PyYAML and Jinja2 are imported only inside the functions that need them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from emaillint.read.rendering import Variable, VariablesError, example_values, read_variables
from emaillint.read.sandbox import TemplateError, bounded_render, environment

from emaillint.base.vocabulary import CATEGORIES
from emaillint.base.vocabulary import EMAIL_KINDS as KINDS
from emaillint.templates.hints import KIND_FITS, rank  # noqa: F401 - KIND_FITS is part of this module's face

#: The categories a template may answer.
KNOWN_CATEGORIES = frozenset(CATEGORIES)


SUFFIX = ".txt.j2"
_FENCE = "---"


@dataclass(frozen=True)
class Template:
    """One email template: its front matter, its Jinja body and where it came from."""

    name: str
    description: str
    kind: str
    answers: tuple[str, ...]
    subject: str
    variables: dict[str, Variable]
    body: str
    path: Path
    notes: str = ""
    origin: str = "shipped"  # "shipped" or "user"
    overrides: bool = False  # a user template that replaces a shipped one
    body_line: int = 1  # 1-based line of the file where the body starts
    meta: dict = field(default_factory=dict, compare=False, repr=False)
    text: str = field(default="", compare=False, repr=False)  # the file as read (front matter and body)

    @property
    def example_values(self) -> dict[str, Any]:
        """The template's own example value for every variable."""
        return {name: var.example for name, var in self.variables.items()}


# --------------------------------------------------------------------------
# Parsing


def _front_matter(text: str) -> tuple[dict, str, int]:
    """(front matter mapping, body, body's first file line), read by :mod:`emaillint.read.frontmatter` like every draft."""
    from emaillint.read.frontmatter import FrontMatterError, parse
    from emaillint.read.source import normalise_text

    text = normalise_text(text)
    try:
        fm = parse(text)
    except FrontMatterError as exc:
        raise TemplateError(f"front matter: {exc}") from None
    except RecursionError:
        raise TemplateError("front matter: nested too deeply") from None
    if fm is None:
        if text.split("\n", 1)[0].rstrip() == _FENCE:
            raise TemplateError("front matter starts with '---' but has no closing '---' line")
        return {}, text, 1
    return fm.data, text[fm.end:], text.count("\n", 0, fm.end) + 1


def _name_from_path(path: Path) -> str:
    name = path.name
    for suffix in (SUFFIX, ".j2"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _parse_variables(raw: Any) -> dict[str, Variable]:
    try:
        return read_variables(raw, strict=True)
    except VariablesError as exc:
        raise TemplateError(str(exc)) from None


def parse_template(text: str, path: Path, origin: str = "shipped") -> Template:
    """Parse one template file's text; raises :class:`TemplateError`."""
    meta, body, body_line = _front_matter(text)
    answers = meta.get("answers") or ()
    if isinstance(answers, str):
        answers = [answers]
    if not isinstance(answers, (list, tuple)):
        raise TemplateError("'answers' must be a list of categories or rule codes")
    kind = str(meta.get("kind") or "").strip()
    if kind and kind not in KINDS:
        raise TemplateError(f"unknown kind '{kind}' (use one of: {', '.join(KINDS)})")
    return Template(
        name=str(meta.get("name") or _name_from_path(path)).strip(),
        description=" ".join(str(meta.get("description") or "").split()),
        kind=kind,
        answers=tuple(str(a).strip() for a in answers),
        subject=str(meta.get("subject") or "").strip(),
        variables=_parse_variables(meta.get("variables")),
        body=body,
        path=path,
        notes=str(meta.get("notes") or "").strip(),
        origin=origin,
        body_line=body_line,
        meta=dict(meta),
        text=text,
    )


def load_template(path: str | os.PathLike, origin: str = "user") -> Template:
    """Load one template file; errors name the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateError(f"{path}: cannot read template: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise TemplateError(f"{path}: template is not UTF-8 text") from None
    try:
        return parse_template(text, path, origin=origin)
    except TemplateError as exc:
        raise TemplateError(f"{path}: {exc}") from None


# --------------------------------------------------------------------------
# The catalog


def shipped_dir() -> Path:
    from emaillint.base.resources import templates_dir

    return templates_dir()


def user_dirs(config: Any = None) -> tuple[Path, ...]:
    """The user's template folders from ``config.template_dirs`` (if any)."""
    if config is None:
        return ()
    dirs = getattr(config, "template_dirs", None) or ()
    return tuple(Path(d).expanduser() for d in dirs)


def _template_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith(SUFFIX) and p.is_file())
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise TemplateError(f"{folder}: template folder is not a directory") from None


_CACHE: dict[tuple, tuple[Template, ...]] = {}


def _fingerprint(folders: Iterable[Path]) -> tuple:
    parts = []
    for folder in folders:
        files = _template_files(folder)
        parts.append((str(folder), tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)))
    return tuple(parts)


def load_templates(config: Any = None, extra_dirs: Iterable[str | os.PathLike] = ()) -> list[Template]:
    """All templates, shipped and user, sorted by name; user ones win on a name clash.

    ``extra_dirs`` are user folders added on top of ``config.template_dirs``
    (later folders win over earlier ones).
    """
    shipped = shipped_dir()
    users = user_dirs(config) + tuple(Path(d).expanduser() for d in extra_dirs)
    folders = (shipped, *users)
    key = _fingerprint(folders)
    cached = _CACHE.get(key)
    if cached is not None:
        return list(cached)

    by_name: dict[str, Template] = {}
    shipped_names: set[str] = set()
    for folder in folders:
        origin = "shipped" if folder == shipped else "user"
        for path in _template_files(folder):
            template = load_template(path, origin=origin)
            if origin == "shipped":
                shipped_names.add(template.name)
            elif template.name in shipped_names:
                template = _replace(template, overrides=True)
            by_name[template.name] = template
    result = tuple(sorted(by_name.values(), key=lambda t: t.name))
    _CACHE.clear()
    _CACHE[key] = result
    return list(result)


def _replace(template: Template, **changes: Any) -> Template:
    from dataclasses import replace

    return replace(template, **changes)


def get_template(name: str, config: Any = None, extra_dirs: Iterable[str | os.PathLike] = ()) -> Template:
    """The template called ``name``, or a :class:`TemplateError` naming close matches."""
    templates = load_templates(config, extra_dirs)
    for template in templates:
        if template.name == name:
            return template
    import difflib

    names = [t.name for t in templates]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "see 'emaillint templates list'"
    raise TemplateError(f"unknown template '{name}' ({hint})")


def templates_for(categories: Iterable[str], kind: str | None = None, config: Any = None) -> list[Template]:
    """Templates that answer any of ``categories`` (or rule codes) for a draft of ``kind``, best match first
    (see :func:`emaillint.templates.hints.rank`)."""
    categories = [c for c in categories if c]
    if not categories:
        return []
    try:
        templates = load_templates(config)
    except (TemplateError, FileNotFoundError):
        return []
    return rank(templates, categories, kind)


# --------------------------------------------------------------------------
# Rendering


def used_variables(template: Template) -> set[str]:
    """Every variable the subject and body read (and do not set themselves)."""
    from jinja2 import TemplateSyntaxError, meta

    env = environment()
    names: set[str] = set()
    for part, source in (("subject", template.subject), ("body", template.body)):
        try:
            names |= meta.find_undeclared_variables(env.parse(source))
        except RecursionError:
            raise TemplateError(f"{template.path}: the template is nested too deeply") from None
        except TemplateSyntaxError as exc:
            line = exc.lineno + (template.body_line - 1 if part == "body" else 0)
            where = f"line {line}" if part == "body" else "subject"
            raise TemplateError(f"{template.path}: Jinja syntax error ({where}): {exc.message}") from None
    return names


def undeclared_variables(template: Template) -> set[str]:
    """Variables the template uses but does not declare in its front matter."""
    return used_variables(template) - set(template.variables)


def resolve_values(template: Template, values: Mapping[str, Any] | None = None, example: bool = False) -> dict[str, Any]:
    """Merge example values (if asked), the given values and the defaults."""
    merged = example_values(template.variables, examples=example)
    merged.update(values or {})
    return merged


def missing_variables(template: Template, values: Mapping[str, Any]) -> list[str]:
    """Every name the template needs that ``values`` lacks, sorted."""
    needed = used_variables(template) | {n for n, v in template.variables.items() if v.required}
    return sorted(name for name in needed if name not in values)


def render(template: Template, values: Mapping[str, Any] | None = None, example: bool = False) -> str:
    """Render a plain draft: ``Subject: …``, a blank line, then the body.

    Raises :class:`TemplateError` with one line listing every missing variable.
    """
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateSyntaxError

    context = resolve_values(template, values, example=example)
    missing = missing_variables(template, context)
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise TemplateError(
            f"template '{template.name}' is missing variable{plural}: {', '.join(missing)} "
            f"(pass --var NAME=VALUE, --vars FILE or --example)"
        )
    env = environment()
    try:
        subject = bounded_render(env.from_string(template.subject), context) if template.subject else ""
        body = bounded_render(env.from_string(template.body), context)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"{template.path}: Jinja syntax error: {exc.message}") from None
    except RecursionError:
        raise TemplateError(f"{template.path}: the template is nested too deeply") from None
    except JinjaError as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TemplateError(f"template '{template.name}' cannot be rendered: {message}") from None
    subject = " ".join(subject.split())
    body = body.strip("\n").rstrip() + "\n"
    # Collapse runs of blank lines left by optional blocks.
    lines: list[str] = []
    for line in body.splitlines():
        if not line.strip() and lines and not lines[-1].strip():
            continue
        lines.append(line.rstrip())
    return f"Subject: {subject}\n\n" + "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Checks on template data (used by the tests, and useful for user folders)


def known_answers(config: Any = None) -> frozenset[str]:
    """Every category and rule code (and rule name) a template's ``answers`` may name."""
    known = set(KNOWN_CATEGORIES)
    from emaillint.judge.registry import load_rules

    extra = tuple(getattr(config, "extra_rules", ()) or ())
    try:
        rules = load_rules(extra) if extra else load_rules()
    except Exception:  # a broken rule file is reported by `emaillint check`
        return frozenset(known)
    for rule in rules:
        known |= {rule.code, rule.name}
    return frozenset(known)


def validate(template: Template, known: Iterable[str] | None = None) -> list[str]:
    """Problems with a template's front matter, one message each (empty if fine).

    ``known``: the categories and rule codes ``answers`` may name (default:
    :func:`known_answers`).
    """
    problems: list[str] = []
    known = frozenset(known) if known is not None else known_answers()
    if not template.name:
        problems.append("front matter has no 'name'")
    if not template.description:
        problems.append("front matter has no 'description'")
    elif "\n" in template.description:
        problems.append("'description' must be one line")
    if template.kind not in KINDS:
        problems.append(f"'kind' must be one of: {', '.join(KINDS)}")
    if not template.answers:
        problems.append("'answers' is empty")
    for answer in template.answers:
        if answer not in known:
            problems.append(f"'answers' names unknown category or rule '{answer}'")
    if not template.subject:
        problems.append("front matter has no 'subject'")
    for var in template.variables.values():
        if not var.description:
            problems.append(f"variable '{var.name}' has no description")
        if not var.has_example:
            problems.append(f"variable '{var.name}' has no example value")
        if not var.stated:
            problems.append(f"variable '{var.name}' says neither 'required' nor 'default'")
    try:
        undeclared = undeclared_variables(template)
    except TemplateError as exc:
        problems.append(str(exc))
    else:
        for name in sorted(undeclared):
            problems.append(f"variable '{name}' is used but not declared")
        unused = set(template.variables) - used_variables(template)
        for name in sorted(unused):
            problems.append(f"variable '{name}' is declared but never used")
    return problems

