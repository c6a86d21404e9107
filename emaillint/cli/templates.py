"""``emaillint templates …`` and ``emaillint suggest``.

Both commands are importable on their own; the main CLI registers them with
``main.add_command(templates)`` and ``main.add_command(suggest)``. The catalog
(and through it Jinja2) is imported inside the command bodies so that
``emaillint check`` never pays for it.
"""
from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import click

from emaillint.base.vocabulary import EMAIL_KINDS, EXIT_ERROR

class Failure(click.ClickException):
    """A one-line error on stderr with exit status 2, like the rest of emaillint."""

    exit_code = EXIT_ERROR


# --------------------------------------------------------------------------
# Helpers


def _config(ctx: click.Context, path: str | None = None) -> Any:
    """The configuration the main CLI put in ``ctx.obj``, else the one found for ``path``.

    With no path, the configuration of the working folder (the same lookup
    ``emaillint check`` does: .emaillint.toml, pyproject.toml, user config).
    """
    node: click.Context | None = ctx
    while node is not None:
        obj = node.obj
        if obj is not None:
            if hasattr(obj, "template_dirs"):
                return obj
            for attr in ("config",):
                value = getattr(obj, attr, None)
                if value is None and isinstance(obj, dict):
                    value = obj.get(attr)
                if value is not None:
                    return value
        node = node.parent
    try:
        from emaillint.run.config import ConfigError, discover
    except ImportError:  # the checker's configuration is not there: shipped templates only
        return None
    try:
        return discover(path)
    except ConfigError as exc:
        raise Failure(str(exc)) from None


def _extra_dirs(ctx: click.Context) -> tuple[str, ...]:
    node: click.Context | None = ctx
    while node is not None:
        dirs = node.meta.get("emaillint.template_dirs")
        if dirs:
            return tuple(dirs)
        node = node.parent
    return ()


def _load(ctx: click.Context):
    from emaillint.templates import catalog

    try:
        return catalog.load_templates(_config(ctx), _extra_dirs(ctx))
    except (catalog.TemplateError, FileNotFoundError) as exc:
        raise Failure(str(exc)) from None


def _get(ctx: click.Context, name: str):
    from emaillint.templates import catalog

    try:
        return catalog.get_template(name, _config(ctx), _extra_dirs(ctx))
    except (catalog.TemplateError, FileNotFoundError) as exc:
        raise Failure(str(exc)) from None


def _origin_label(template) -> str:
    if template.overrides:
        return "user, overrides shipped"
    return template.origin


# --------------------------------------------------------------------------
# emaillint templates


@click.group("templates")
@click.option(
    "-T",
    "--template-dir",
    "template_dirs",
    multiple=True,
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Another folder of <name>.txt.j2 templates (besides the config's `templates` folders).",
)
@click.pass_context
def templates(ctx: click.Context, template_dirs: tuple[Path, ...]) -> None:
    """List, show and render email templates that follow the coaching principles."""
    ctx.meta["emaillint.template_dirs"] = template_dirs


@templates.command("list")
@click.pass_context
def list_templates(ctx: click.Context) -> None:
    """List the templates: name, kind and description."""
    items = _load(ctx)
    if not items:
        click.echo("No templates found.")
        return
    name_width = max(len(t.name) for t in items)
    kind_width = max(len(t.kind) for t in items)
    for template in items:
        line = f"{template.name:<{name_width}}  {template.kind:<{kind_width}}  {template.description}"
        if template.origin != "shipped":
            line += f"  [{_origin_label(template)}]"
        click.echo(line)


@templates.command("show")
@click.argument("name")
@click.pass_context
def show_template(ctx: click.Context, name: str) -> None:
    """Show a template with its notes and variables."""
    template = _get(ctx, name)
    out = [
        f"{template.name} ({template.kind}, {_origin_label(template)}: {template.path})",
        template.description,
        "",
        f"Answers: {', '.join(template.answers) or '-'}",
        f"Subject: {template.subject}",
        "",
        "Variables:",
    ]
    if not template.variables:
        out.append("  (none)")
    width = max((len(v) for v in template.variables), default=0)
    for var in template.variables.values():
        need = "required" if var.required else f"default {var.default!r}"
        out.append(f"  {var.name:<{width}}  {need}; example: {var.example}")
        if var.description:
            out.extend(textwrap.wrap(var.description, 76, initial_indent=" " * 4, subsequent_indent=" " * 4))
    if template.notes:
        out += ["", "Notes:"]
        for para in template.notes.split("\n\n"):
            out.extend(textwrap.wrap(" ".join(para.split()), 76, initial_indent="  ", subsequent_indent="  "))
            out.append("")
        out.pop()
    out += ["", "Template:", ""]
    out.append(template.body.strip("\n"))
    out += ["", f"Render it: emaillint templates render {template.name} --example"]
    click.echo("\n".join(out))


def _parse_var(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    name = name.strip()
    if not sep or not name:
        raise click.UsageError(f"--var expects NAME=VALUE, got '{item}'")
    return name, value


def _read_vars_file(path: Path) -> dict:
    from emaillint.read.frontmatter import FrontMatterError, load_yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise Failure(f"{path}: cannot read variables file: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise Failure(f"{path}: variables file is not UTF-8 text") from None
    try:
        data = load_yaml(text)
    except FrontMatterError as exc:
        raise Failure(f"{path}: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise Failure(f"{path}: variables file must be a YAML mapping of name: value")
    return {str(k): v for k, v in data.items()}


@templates.command("render")
@click.argument("name")
@click.option("--var", "var_items", multiple=True, metavar="NAME=VALUE", help="Set a variable (repeatable).")
@click.option(
    "--vars",
    "vars_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A YAML (or JSON) file of variable values.",
)
@click.option("--example", is_flag=True, help="Fill variables with the template's own example values.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the draft to this file instead of standard output.",
)
@click.option("--force", is_flag=True, help="Overwrite the --output file if it exists.")
@click.option("--plain", is_flag=True,
              help="Only a Subject line and the body, for pasting (emaillint then infers the kind).")
@click.pass_context
def render_template(
    ctx: click.Context,
    name: str,
    var_items: tuple[str, ...],
    vars_file: Path | None,
    example: bool,
    output: Path | None,
    force: bool,
    plain: bool,
) -> None:
    """Render a template as a draft: front matter with its subject and kind, then the body.

    The front matter is how `emaillint check` knows the draft's kind (a re-engagement
    template's draft is judged as re-engagement). Values are layered: --example, then
    --vars FILE, then each --var.
    """
    from emaillint.templates import catalog

    template = _get(ctx, name)
    values: dict[str, Any] = {}
    if vars_file is not None:
        values.update(_read_vars_file(vars_file))
    explicit = dict(_parse_var(item) for item in var_items)
    unknown = sorted(set(explicit) - set(template.variables))
    if unknown:
        known = ", ".join(template.variables) or "none"
        plural = "s" if len(unknown) > 1 else ""
        raise click.UsageError(
            f"unknown variable{plural} {', '.join(unknown)} for template '{template.name}' (it takes: {known})"
        )
    values.update(explicit)
    try:
        draft = catalog.render(template, values, example=example)
    except catalog.TemplateError as exc:
        raise Failure(str(exc)) from None
    if not plain:
        draft = _declare_kind(draft, template)

    if output is None:
        click.echo(draft, nl=False)
        return
    if (output.exists() or output.is_symlink()) and not force:
        raise Failure(f"{output} already exists; use --force to overwrite it")
    if output.is_symlink():
        raise Failure(f"{output} is a symbolic link; not overwritten (write to the file it points to)")
    try:
        from emaillint.base.fileio import write_atomic

        write_atomic(output, draft, overwrite=force)
    except FileExistsError:
        raise Failure(f"{output} already exists; use --force to overwrite it") from None
    except OSError as exc:
        raise Failure(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"Wrote {output}; check it with: emaillint check {output}", err=True)


def _declare_kind(draft: str, template) -> str:
    """The rendered draft (``Subject: …``, blank line, body) with its subject and kind in YAML front matter.

    Front matter is the one place a draft of any format declares its kind (``.md``, and ``.txt``
    that starts with ``---``), so the draft is judged as the kind of its template, not as a guess
    from its wording (a "close the file" note reads like a cold email). ``template`` says where it
    came from.
    """
    import yaml

    head, _, body = draft.partition("\n\n")
    subject = head.removeprefix("Subject:").strip()
    data = {"subject": subject} if subject else {}
    data.update(kind=template.kind, template=template.name)
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10**6)
    return f"---\n{front}---\n{body}"


# --------------------------------------------------------------------------
# emaillint suggest


@click.command("suggest")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--kind", type=click.Choice(EMAIL_KINDS), help="Judge the draft as this kind.")
@click.pass_context
def suggest(ctx: click.Context, path: Path, kind: str | None) -> None:
    """Say which templates answer a draft's findings, and why."""
    from emaillint.templates import catalog
    from emaillint.api import lint_source
    from emaillint.read.source import MAX_SIZE, InputError, from_text, read_path, read_stdin

    stdin = str(path) == "-"
    config = _config(ctx, None if stdin else str(path))
    try:  # read and decoded the way check reads drafts (cp1252, UTF-16, size limit…)
        limit = getattr(config, "max_size", MAX_SIZE)
        source = from_text(read_stdin(limit)[0], "draft.txt") if stdin else read_path(path, limit)
    except InputError as exc:
        raise Failure(str(exc)) from None
    shown = "<stdin>" if stdin else str(path)
    report = lint_source(source, config)
    if getattr(report, "error", None):
        raise Failure(f"{shown}: {report.error}")
    draft_kind = kind or report.kind
    problems = list(report.problems)
    header = f"{shown}: score {report.score}, {draft_kind or 'unknown kind'}"
    if not problems:
        click.echo(f"{header}, no findings; no template needed.")
        return
    click.echo(f"{header}, {len(problems)} finding{'s' if len(problems) != 1 else ''}.")

    keys = {p.category for p in problems} | {p.code for p in problems}
    try:
        catalog.load_templates(config, _extra_dirs(ctx))  # surface a broken user template clearly
    except catalog.TemplateError as exc:
        raise Failure(str(exc)) from None
    matches = catalog.templates_for(keys, draft_kind, config=config)
    if not matches:
        click.echo("No template answers these findings for this kind of email.")
        return
    click.echo("")
    for template in matches:
        click.echo(f"{template.name} ({template.kind}): {template.description}")
        click.echo(f"  answers: {_answered(template, problems)}")
        click.echo(f"  try: emaillint templates render {template.name} --example")
        click.echo("")


def _answered(template, problems) -> str:
    """'follow-up-cliche (EL301) on lines 1, 5; no-next-step (EL401) on line 7'."""
    groups: dict[tuple[str, str], list[int]] = {}
    for problem in problems:
        if problem.category in template.answers or problem.code in template.answers:
            lines = groups.setdefault((problem.category, problem.code), [])
            if problem.line not in lines:
                lines.append(problem.line)
    parts = []
    for (category, code), lines in groups.items():
        where = f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(map(str, sorted(lines)))}"
        parts.append(f"{category} ({code}) on {where}")
    return "; ".join(parts)
