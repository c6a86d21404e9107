"""Point each finding at the shipped (or the user's) template that shows the better way.

A coach doesn't only say what is wrong; they hand over a better draft. For a
problem whose category a template answers, for the email's kind, the
suggestion gains "Or start from the '<name>' template: …". Templates are read
only when a report has such problems, once per process, and only their name,
kind and ``answers``, kept pre-built (``emaillint.base.prebuilt``): a one-draft
run neither parses their YAML front matter nor imports Jinja2.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, TypeVar

from emaillint.base.problem import Problem

_SKIP = frozenset({"template", "suppression", "grammar", "spelling", "placeholder", "length", "readability", "subject"})

#: Which template kinds fit a draft of a given kind. A follow-up to silence
#: and a re-engagement email answer the same situation: a prospect who went quiet.
KIND_FITS: dict[str, tuple[str, ...]] = {
    "cold": ("cold",),
    "follow-up": ("follow-up", "re-engagement"),
    "re-engagement": ("re-engagement", "follow-up"),
    "reply": ("reply",),
}

T = TypeVar("T")


def rank(templates: Iterable[T], categories: Iterable[str], kind: str | None) -> list[T]:
    """The templates (anything with ``name``, ``kind`` and ``answers``) that answer any of ``categories``
    (or rule codes) for a draft of ``kind``, best match first: a template whose ``answers`` list names a
    category earlier (its main purpose) ranks higher; between equally good matches the more focused
    template (fewer ``answers``) comes first, then the one answering more of the categories. Templates
    whose kind does not fit the draft's kind are left out; an unknown or empty kind fits every template."""
    wanted = {c for c in categories if c}
    if not wanted:
        return []
    fits = KIND_FITS.get(kind or "")
    ranked = []
    for template in templates:
        if fits is not None and template.kind not in fits:
            continue
        positions = [i for i, answer in enumerate(template.answers) if answer in wanted]
        if not positions:
            continue
        kind_rank = fits.index(template.kind) if fits is not None else 0
        key = (min(positions), len(template.answers), -len(positions), kind_rank, template.name)
        ranked.append((key, template))
    ranked.sort(key=lambda item: item[0])
    return [template for _, template in ranked]


class Answers(NamedTuple):
    """What the hints need of a template."""

    name: str
    kind: str
    answers: tuple[str, ...]


def _answers(template_dirs: tuple) -> list[Answers]:
    """Name, kind and answers of every template (shipped and the user's folders), pre-built; [] when a
    template cannot be read (``emaillint templates`` reports that)."""
    from emaillint.base.resources import templates_dir

    try:
        folders = (templates_dir(), *(Path(d).expanduser() for d in template_dirs))
    except FileNotFoundError:
        return []
    return _answers_as_of(template_dirs, folders, _stamp(folders))


def _stamp(folders) -> tuple:
    """Each template file's name, size and modification time: while none changes, the answers read before
    in this process still hold (a long run, or the language server, asks for every finding)."""
    out = []
    for folder in folders:
        try:
            out += [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(folder.iterdir())]
        except OSError:
            out.append((str(folder), None, None))
    return tuple(out)


@lru_cache(maxsize=8)
def _answers_as_of(template_dirs: tuple, folders: tuple, stamp: tuple) -> list[Answers]:
    from emaillint.base import prebuilt

    def build() -> list:
        from types import SimpleNamespace

        from emaillint.templates.catalog import TemplateError, load_templates

        try:
            return [[t.name, t.kind, list(t.answers)] for t in load_templates(SimpleNamespace(template_dirs=template_dirs))]
        except (TemplateError, FileNotFoundError):
            return []

    return [Answers(name, kind, tuple(answers)) for name, kind, answers in prebuilt.load("template-answers", folders, build)]


@lru_cache(maxsize=256)
def _best_template(category: str, kind: str, template_dirs: tuple) -> str | None:
    found = rank(_answers(template_dirs), {category}, kind)
    return found[0].name if found else None


def attach(problems: list[Problem], kind: str, template_dirs: tuple = ()) -> list[Problem]:
    """The problems, with a template hint added where one fits (each template named once per email)."""
    out, named = [], set()
    for p in problems:
        name = None if p.category in _SKIP else _best_template(p.category, kind, tuple(template_dirs))
        if name and name not in named:
            named.add(name)
            hint = f"Or start from the '{name}' template: emaillint templates render {name} --example"
            p = replace(p, suggestion=f"{p.suggestion} {hint}" if p.suggestion else hint)
        out.append(p)
    return out
