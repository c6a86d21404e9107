"""Configuration: where it is found, what it may say, and which rules it turns on.

Precedence, lowest first: rule defaults < ``~/.config/emaillint/config.toml``
< the nearest ``.emaillint.toml`` or ``pyproject.toml`` with
``[tool.emaillint]``, found by walking up from each file (``--config FILE``
replaces the search) < command-line flags < front matter ``kind:`` < inline
suppression comments. Unknown keys and ill-typed options are errors that name
the file and the key.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from emaillint.grammar import GrammarOptions
from emaillint.base.problem import Level
from emaillint.read.source import MAX_SIZE
from emaillint.read.suppress import matches


class ConfigError(ValueError):
    """A configuration problem; the message is one line naming file and key."""


DEFAULT_INCLUDE = ("*.txt", "*.md", "*.eml", "*.j2", "*.jinja", "*.jinja2")
_LIST_KEYS = ("select", "ignore", "include", "exclude", "extra-rules", "templates")
_KNOWN = set(_LIST_KEYS) | {"per-file-ignores", "kind", "fail-level", "fail-under", "rules", "phrases", "grammar",
                            "max-size"}
_GRAMMAR_KEYS = {"enabled": bool, "url": str, "language": str, "disabled-rules": list, "enabled-rules": list,
                 "words": list, "cache-dir": str, "concurrency": int}


@dataclass(frozen=True)
class GrammarConfig(GrammarOptions):
    """The grammar backend's options plus whether grammar checks run at all."""

    enabled: bool = False


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    kind: str | None = None
    fail_level: str = "warning"
    fail_under: int | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    phrases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    extra_rules: tuple[Path, ...] = ()
    template_dirs: tuple[Path, ...] = ()
    grammar: GrammarConfig = field(default_factory=GrammarConfig)
    max_size: int = MAX_SIZE  # bytes; larger drafts are refused with one line
    root: Path | None = None
    path: Path | None = None

    def with_overrides(self, **changes) -> "Config":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def rules_for(self, path: str | None):
        """(rule, options, level) for every rule enabled for ``path``."""
        return _resolve(self, self._file_ignores(path))

    def _file_ignores(self, path: str | None) -> tuple[str, ...]:
        if not path or not self.per_file_ignores:
            return ()
        rel = _relative(path, self.root)
        out: list[str] = []
        for pattern, selectors in self.per_file_ignores:
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(rel).name, pattern):
                out.extend(selectors)
        return tuple(out)


def _relative(path: str, root: Path | None) -> str:
    try:
        return _resolve_path(Path(path)).relative_to(root).as_posix() if root else Path(path).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _specificity(selectors: tuple[str, ...], rule) -> int:
    """Length of the most specific selector that covers the rule (-1: none)."""
    spec = rule.spec
    hits = [len(s) for s in selectors if matches(s, spec.code, spec.name, spec.category)]
    return max(hits, default=-1)


@cache
def _resolve(config: Config, extra_ignores: tuple[str, ...]):
    from emaillint.judge.registry import load_rules

    rules = load_rules(config.extra_rules, config.phrases)
    options = dict(config.rule_options)
    selected = []
    for rule in rules:
        sel = _specificity(config.select, rule) if config.select else 0
        ign = _specificity(config.ignore + extra_ignores, rule)
        if sel < 0 or ign > sel or (ign >= 0 and ign == sel and config.select):
            continue
        opts = dict(rule.spec.options)
        level = rule.spec.level
        for key in (rule.code, rule.name):
            for name, value in dict(options.get(key, ())).items():
                if name == "level":
                    level = Level.parse(str(value))
                else:
                    opts[name] = value
        selected.append((rule, opts, level))
    return tuple(selected)


def _as_list(value, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(s.strip() for s in value.split(",") if s.strip())
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _check_rule_options(table: dict, where: str) -> tuple:
    from emaillint.judge.registry import find_rule, load_rules

    out = []
    for key, values in table.items():
        rule = find_rule(key, load_rules())
        if rule is None:
            raise ConfigError(f"{where}: rules.{key}: no such rule")
        if not isinstance(values, dict):
            raise ConfigError(f"{where}: rules.{key} must be a table of options")
        for name, value in values.items():
            if name == "level":
                try:
                    Level.parse(str(value))
                except ValueError as exc:
                    raise ConfigError(f"{where}: rules.{key}.level: {exc}") from None
                continue
            if name not in rule.spec.options:
                known = ", ".join(sorted(rule.spec.options)) or "none"
                raise ConfigError(f"{where}: rules.{key}.{name}: unknown option (known: {known}, level)")
            default = rule.spec.options[name]
            if type(value) is not type(default) and not (isinstance(default, float) and isinstance(value, int)
                                                        and not isinstance(value, bool)):
                raise ConfigError(f"{where}: rules.{key}.{name}: expected {type(default).__name__}, got {type(value).__name__}")
            if isinstance(default, (int, float)) and not isinstance(default, bool) and value < 0:
                raise ConfigError(f"{where}: rules.{key}.{name}: must not be negative")
        out.append((key, tuple(values.items())))
    return tuple(out)


def _grammar(value, where: str) -> GrammarConfig:
    if isinstance(value, bool):
        return GrammarConfig(enabled=value)
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'grammar' must be true/false or a table")
    for key, val in value.items():
        if key not in _GRAMMAR_KEYS:
            raise ConfigError(f"{where}: grammar.{key}: unknown key (known: {', '.join(sorted(_GRAMMAR_KEYS))})")
        if not isinstance(val, _GRAMMAR_KEYS[key]) or (_GRAMMAR_KEYS[key] is int and isinstance(val, bool)):
            raise ConfigError(f"{where}: grammar.{key}: expected {_GRAMMAR_KEYS[key].__name__}")
        if isinstance(val, list) and not all(isinstance(v, str) for v in val):
            raise ConfigError(f"{where}: grammar.{key}: must be a list of strings")
        if key == "concurrency" and not 1 <= val <= 64:
            raise ConfigError(f"{where}: grammar.concurrency: must be from 1 to 64")
    return GrammarConfig(
        enabled=value.get("enabled", True), url=value.get("url"), language=value.get("language", "en-US"),
        disabled_rules=tuple(value.get("disabled-rules", ())), enabled_rules=tuple(value.get("enabled-rules", ())),
        words=tuple(value.get("words", ())), cache_dir=value.get("cache-dir"), concurrency=value.get("concurrency", 2))


def _kind(value, where: str) -> str:
    from emaillint.anatomy.kind import normalise

    if not normalise(str(value)):
        raise ConfigError(f"{where}: kind: '{value}' is not one of cold, follow-up, reply, re-engagement")
    return normalise(str(value))


def _fail_level(value, where: str) -> str:
    try:
        Level.parse(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: fail-level: {exc}") from None
    return str(value).lower()


def _fail_under(value, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        raise ConfigError(f"{where}: fail-under must be a whole number from 0 to 100")
    return value


def _max_size(value, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 1 << 30:
        raise ConfigError(f"{where}: max-size must be a whole number of bytes from 1 to {1 << 30}")
    return value


def _table_of_lists(value, key: str, where: str, shape: str) -> tuple:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {key} must be a table of {shape}")
    return tuple((k, _as_list(v, f"{key}.{k}", where)) for k, v in value.items())


def _rules_table(value, where: str) -> tuple:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: rules must be a table of rule tables")
    return _check_rule_options(value, where)


# key in the file -> (Config attribute, parser(value, where))
_PARSERS = {
    "kind": ("kind", _kind),
    "fail-level": ("fail_level", _fail_level),
    "fail-under": ("fail_under", _fail_under),
    "max-size": ("max_size", _max_size),
    "per-file-ignores": ("per_file_ignores", lambda v, w: _table_of_lists(v, "per-file-ignores", w, "glob = [rules]")),
    "phrases": ("phrases", lambda v, w: _table_of_lists(v, "phrases", w, "rule = [phrases]")),
    "grammar": ("grammar", _grammar),
    "rules": ("rule_options", _rules_table),
}


def from_table(table: dict, path: Path | None = None, base: Config | None = None) -> Config:
    """Validate a [tool.emaillint] table and layer it over ``base``."""
    where = str(path) if path else "config"
    unknown = sorted(set(table) - _KNOWN)
    if unknown:
        raise ConfigError(f"{where}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
    root = path.parent.resolve() if path else None
    changes: dict[str, Any] = {"root": root, "path": path}
    for key in ("select", "ignore"):
        if key in table:
            changes[key] = _as_list(table[key], key, where)
    for key in ("include", "exclude"):
        if key in table:
            changes[key] = tuple(_anchored(p, root) for p in _as_list(table[key], key, where))
    for key, attr in (("extra-rules", "extra_rules"), ("templates", "template_dirs")):
        if key in table:
            changes[attr] = tuple(_in_folder(p, root) for p in _as_list(table[key], key, where))
    for key, (attr, parse) in _PARSERS.items():
        if key in table:
            changes[attr] = parse(table[key], where)
    if root and changes.get("grammar") and changes["grammar"].cache_dir:  # "": no cache
        changes["grammar"] = replace(changes["grammar"], cache_dir=str(_in_folder(changes["grammar"].cache_dir, root)))
    cfg = replace(base or Config(), **changes)
    _check_selectors(cfg, where)
    return cfg


def _in_folder(path: str, root: Path | None) -> Path:
    """A path a config file names: relative to the file's folder, as ruff does (``~`` is the home folder), so a
    run from a sub-folder or another folder finds the same rules, templates and cache."""
    return (root or Path.cwd()) / Path(path).expanduser()


def _anchored(pattern: str, root: Path | None) -> str:
    """An include/exclude glob of a config file: one with a folder in it (``drafts/private/*``) is relative to the
    file's folder, made absolute here (``discovery`` matches it against the file's real path); a bare name or
    extension (``*.bak``) matches anywhere, and a pattern that starts with ``*`` or ``/`` is left as written."""
    if root is None or "/" not in pattern.rstrip("/") or pattern.startswith(("*", "/", "~")):
        return pattern
    import glob

    return f"{glob.escape(root.as_posix())}/{pattern.removeprefix('./')}"


def _check_selectors(cfg: Config, where: str) -> None:
    """Every selector must name a rule, and the config's own rule files and phrase lists must load (an error in
    them is the config's error, one line and exit 2). A config with neither loads no rule to find that out."""
    selectors = cfg.select + cfg.ignore + tuple(s for _, sels in cfg.per_file_ignores for s in sels)
    if all(sel.upper() == "ALL" for sel in selectors) and not cfg.extra_rules and not cfg.phrases:
        return
    from emaillint.judge.registry import load_rules

    rules = load_rules(cfg.extra_rules, cfg.phrases)
    for sel in selectors:
        if sel.upper() != "ALL" and not any(matches(sel, r.code, r.name, r.spec.category) for r in rules):
            raise ConfigError(f"{where}: '{sel}' matches no rule code, name or category")


def read_toml(path: Path) -> dict:
    import tomllib  # only where a configuration file is read (~1 ms of a one-draft run otherwise)

    try:
        with path.open("rb") as fh:
            data = fh.read(1 << 20)
        return tomllib.loads(data.decode("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML (nested too deeply)") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _table_in(path: Path) -> dict | None:
    data = read_toml(path)
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        if path.name == "pyproject.toml":
            return None  # another tool's business; there is no [tool.emaillint] here
        raise ConfigError(f"{path}: 'tool' must be a table")
    table = tool.get("emaillint") if path.name == "pyproject.toml" else tool.get("emaillint", data)
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.emaillint] must be a table of settings, not {type(table).__name__}")
    return table


def load_file(path: Path, base: Config | None = None) -> Config:
    """Load an explicit config file (--config)."""
    table = _table_in(path)
    if table is None:
        raise ConfigError(f"{path}: no [tool.emaillint] table")
    return from_table(table, path, base)


@cache
def user_config() -> Config:
    home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    path = home / "emaillint" / "config.toml"
    return load_file(path) if path.is_file() else Config()


@cache
def _config_for_dir(directory: Path) -> Config:
    for folder in (directory, *directory.parents):
        for name in (".emaillint.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file():
                table = _table_in(candidate)
                if table is not None:
                    return from_table(table, candidate, user_config())
    return user_config()


def clear_cache() -> None:
    """Forget discovered config files (an editor calls this when a config file changes)."""
    _config_for_dir.cache_clear()
    user_config.cache_clear()
    _folder_of.cache_clear()


def discover(path: str | None) -> Config:
    """The config that applies to a file, or to a folder named on the command line (its own config, not its
    parent's), or to the working folder for stdin."""
    if not path or path == "-":
        return _config_for_dir(_resolve_path(Path.cwd()))
    try:
        cwd = None if os.path.isabs(path) else os.getcwd()
    except (OSError, ValueError):  # the working folder is gone; a NUL in the name: resolved now, not kept
        return _config_for_dir(_folder_of.__wrapped__(path, None))
    return _config_for_dir(_folder_of(path, cwd))


@lru_cache(maxsize=4096)
def _folder_of(path: str, cwd: str | None) -> Path:
    """The resolved folder whose config applies to ``path`` (relative to ``cwd``): a library that lints
    emails one by one under a few names would otherwise resolve the same path (a system call per folder
    in it) for every email, a fifth of the time a short one takes. Like the configs, kept until clear_cache."""
    resolved = _resolve_path(Path(path))
    return resolved if resolved.is_dir() else resolved.parent


def _resolve_path(path: Path) -> Path:
    """path.resolve(), or the absolute path when it cannot be resolved (a symlink loop, a NUL in a name
    handed to the API)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.abspath(path))
