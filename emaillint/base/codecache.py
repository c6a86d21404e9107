"""Compiled code kept between runs: regular expressions and generated methods, for a fast start.

A one-draft ``emaillint check`` compiles ~150 regular expressions and the methods of ~40
dataclasses before it judges a word: ~35 ms of a ~130 ms run, as much as starting Python. The
language server's libraries (attrs, cattrs) generate and compile ~800 more methods (~0.2 s).
For one Python version the result of each compilation is fixed by its input, so the first
run records what it compiled and later runs take it from the record:

- a regular expression: the program ``re``'s compiler hands to ``_sre.compile``, keyed by the
  pattern and its flags (``re._compiler.compile`` is wrapped; ``re``'s own cache still works);
- a generated method: the code object ``compile`` / ``exec`` makes of its source, keyed by the
  source, the file name, the mode and the future flags it is compiled with (the ``compile`` or
  ``exec`` of the given modules, e.g. ``dataclasses``, is shadowed by a caching one);
- the result of a pure function of plain data marked :func:`memo` (the literal pieces the
  pre-filter works out from a parsed pattern, say).

The record is one ``marshal`` file per use ("check", "batch", "lsp") in emaillint's cache folder,
named by the Python version (the whole ``sys.version``) and ``_sre.MAGIC``, so one interpreter never
reads another's. It holds what start-up needs: what a run compiled until its first draft was judged
(:func:`settle`), so patterns built from one draft's words and code that changed since are not kept
for ever. It also names the emaillint code that last wrote it, so the first run after an upgrade
records what the new code compiles even when that is only a few patterns. What was not recorded is
compiled as usual. Anything
unexpected (another Python implementation, moved internals, a damaged file) leaves Python
compiling as it always does; ``EMAILLINT_NO_CODE_CACHE=1`` turns it off. Only the command line
and the language server turn it on: importing emaillint as a library changes nothing.
"""
from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path

FORMAT = "codecache-v1"

_state: dict = {}


def _path(use: str) -> Path | None:
    try:
        import _sre

        from emaillint.base.prebuilt import _hash
        from emaillint.base.resources import cache_dir
    except ImportError:
        return None
    tag = _hash(f"{FORMAT}\0{sys.implementation.name}\0{sys.version}\0{_sre.MAGIC}\0{use}".encode()).hexdigest()[:24]
    return cache_dir() / FORMAT / f"{use}-{tag}.marshal"


def enable(use: str, modules=()) -> bool:
    """Serve compilations from the record of ``use`` (and record new ones): every regular expression, plus
    the ``compile``/``exec`` calls of ``modules`` (imported modules whose generated code to cache).
    Returns whether it is on. Call :func:`save` before a hard exit; a normal exit saves by itself.
    Enabled again for another use (``emaillint lsp`` after the command line's "check"), the record
    switches to that use's, keeping what is already in memory."""
    if os.environ.get("EMAILLINT_NO_CODE_CACHE", "").strip() not in ("", "0") or sys.implementation.name != "cpython":
        return False
    if _state.get("use") != use:
        path = _path(use)
        if path is None or not (_state or _hook_regex()):
            return False
        own_regex, own_code, written_by = _read(path)
        regex, code = own_regex, own_code
        if _state:  # switching: keep what this process has, counted as new to the other record
            save()
            regex, code = {**_state["regex"], **own_regex}, {**_state["code"], **own_code}
        else:
            import atexit

            atexit.register(save)
        _state.update(use=use, path=path, regex=regex, code=code, used=_state.get("used", set()), recording=True,
                      new=len(regex) + len(code) - len(own_regex) - len(own_code), written_by=written_by)
    for module in modules:
        _hook_module(module)
    return True


def switch(use: str) -> None:
    """From now on, read and record the record of ``use`` too, when the code cache is on (the library stays as it
    is). A long batch works out every pattern's filter at its start (see prefilter.Prefiltered.prepare); kept in
    a record of its own, that survives the one-draft runs in between, which keep their record to what they use."""
    if _state and _state.get("use") != use:
        # what this run compiled so far goes to the new record, not to the old one: a batch uses only a part of
        # what a one-draft run does, and saved now, the old record would be pruned to that part
        _state["new"] = 0
        enable(use)


def _read(path: Path) -> tuple[dict, dict, str | None]:
    """(regexes, code, the fingerprint of the emaillint code that wrote the record; None: unknown)."""
    try:
        regex, code, *written_by = marshal.loads(path.read_bytes())
        if isinstance(regex, dict) and isinstance(code, dict):
            return regex, code, (written_by[0] if written_by and isinstance(written_by[0], str) else None)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    return {}, {}, None


_PLAIN = (str, int, float, bytes, bool, type(None))


def _code() -> str:
    from emaillint.base.prebuilt import code_fingerprint

    return code_fingerprint()


def memo(function):
    """Keep ``function``'s results in the record, like compiled code: for a pure function of plain arguments
    (strings, numbers) whose results are plain data (tuples, lists, strings, numbers, None) and cost time
    at start-up. Without the cache (the library, another Python) it is the function itself."""
    import functools

    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def remembered(*args, **kwargs):
        if kwargs or not _state or not all(type(a) in _PLAIN or isinstance(a, int) for a in args):
            return function(*args, **kwargs)
        # a RegexFlag is stored as its int; the code's fingerprint is in the key, since a result belongs to the code
        # that computed it (what is no longer asked for leaves the record, see save())
        key = (name, _code(), tuple(a if type(a) in _PLAIN else int(a) for a in args))
        table = _state["code"]
        try:
            return _use(("c", key), table[key])
        except KeyError:
            value = function(*args)
        if _state["recording"]:
            try:
                marshal.dumps(value)
            except ValueError:  # not plain data: not kept
                return value
            table[key] = value
            _state["new"] += 1
            _state["used"].add(("c", key))
        return value

    return remembered


def _use(tag, value):
    if _state["recording"]:
        _state["used"].add(tag)
    return value


def save() -> None:
    """Add what this run compiled to the record, when it is enough to be worth a write (a twentieth of what the
    run used: a few one-off entries, like attrs' per-process hash seeds, are not), or when other emaillint code
    wrote the record (after an upgrade, what the new code compiles at start-up is the same every run, however
    little it is); atomically, and quietly skipped when the cache folder cannot be written. The record stays
    within 1.5 times what one run uses."""
    if not _state or not _state["recording"] or not _state["new"]:
        return
    if _state["new"] * 20 < len(_state["used"]) and _state.get("written_by") == _code():
        return
    used = set(_state["used"])  # copies first: the language server saves from a thread while others compile
    regex, code = dict(list(_state["regex"].items())), dict(list(_state["code"].items()))
    if len(regex) + len(code) > 1.5 * len(used):  # runs needing other things share the record up to a point;
        regex = {k: v for k, v in regex.items() if ("r", k) in used}  # past it (code changed since, say),
        code = {k: v for k, v in code.items() if ("c", k) in used}  # only what this run used is kept
    path = _state["path"]
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(marshal.dumps((regex, code, _code())))
        os.replace(temp, path)
        _state["new"], _state["written_by"] = 0, _code()
    except (OSError, ValueError):
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass


def settle() -> None:
    """Start-up is over (the first draft is judged): save the record and stop recording. What is compiled
    from now on (other drafts' words, patterns only some drafts need) is compiled as usual, not kept."""
    if _state:
        save()
        _state["recording"] = False


# -- regular expressions -------------------------------------------------------------------------------

def _hook_regex() -> bool:
    """Wrap ``re._compiler.compile`` (what ``re.compile`` calls on a miss of its own cache)."""
    try:
        import _sre
        from array import array
        from re import _compiler, _parser

        real = _compiler.compile
        probe = _program(r"(?P<a>x)|y+", 0, _compiler, _parser)
        if array("I").itemsize != _sre.CODESIZE or _sre.compile(r"(?P<a>x)|y+", *probe).groupindex != {"a": 1}:
            return False
    except Exception:  # noqa: BLE001 - internals not as expected: leave re alone
        return False

    def compile(p, flags=0):
        if not isinstance(p, str) or flags & 128:  # bytes patterns and re.DEBUG: as usual
            return real(p, flags)
        key = (p, int(flags))
        entry = _state["regex"].get(key)
        if entry is None:
            if not _state["recording"]:
                return real(p, flags)
            final, code, groups, groupindex, indexgroup = _program(p, flags, _compiler, _parser)
            entry = (final, array("I", code).tobytes(), groups, groupindex, indexgroup)
            _state["regex"][key] = entry
            _state["new"] += 1
        if _state["recording"]:
            _state["used"].add(("r", key))
        final, code, groups, groupindex, indexgroup = entry
        return _sre.compile(p, final, array("I", code).tolist(), groups, dict(groupindex), tuple(indexgroup))

    _compiler.compile = compile
    return True


def _program(pattern: str, flags: int, _compiler, _parser) -> tuple:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` after the pattern: flags, code, groups, names."""
    parsed = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


# -- generated code ------------------------------------------------------------------------------------

def _future_mask() -> int:
    import __future__

    mask = 0
    for name in __future__.all_feature_names:
        mask |= getattr(__future__, name).compiler_flag
    return mask


def _hook_module(module) -> None:
    """Give ``module`` a caching ``compile`` and ``exec`` (module globals shadow the builtins)."""
    import builtins

    if getattr(module, "_emaillint_codecache", False):
        return
    mask = _future_mask()
    real_compile, real_exec = builtins.compile, builtins.exec

    def code_of(source: str, filename: str, mode: str, flags: int):
        key = (source, filename, mode, flags)
        code = _state["code"].get(key)
        if code is None:
            code = real_compile(source, filename, mode, flags, True)
            if not _state["recording"]:
                return code
            _state["code"][key] = code
            _state["new"] += 1
        if _state["recording"]:
            _state["used"].add(("c", key))
        return code

    def compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, **kwargs):
        if not isinstance(source, str) or kwargs or optimize != -1 or flags & ~mask:  # ASTs, ONLY_AST…: as usual
            return real_compile(source, filename, mode, flags, dont_inherit, optimize, **kwargs)
        if not dont_inherit:  # what compile() inherits: the future imports of the module calling it
            flags |= sys._getframe(1).f_code.co_flags & mask
        return code_of(source, filename, mode, flags)

    def exec(source, globals=None, locals=None, /, **kwargs):
        if not isinstance(source, str) or globals is None or kwargs:
            return real_exec(source, globals, locals, **kwargs)
        code = code_of(source, "<string>", "exec", sys._getframe(1).f_code.co_flags & mask)
        return real_exec(code, globals, locals)

    module.compile, module.exec = compile, exec
    module._emaillint_codecache = True
