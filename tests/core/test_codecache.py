"""Compiled code from the record (emaillint.base.codecache) behaves exactly like code compiled now.

Each case runs in its own interpreter: the record is per process, and the hooks must never leak
into the test process (importing emaillint as a library changes nothing)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(str(p) for p in (ROOT / "examples").glob("*.*"))

PROBE = r"""
import dataclasses, json, re, sys
from emaillint.base import codecache
on = codecache.enable("test", [dataclasses])
patterns = [(r"(?P<word>\bfollow(?:ing)?[ -]up\b)|(?i:CIRCLE) back", 0), (r"^\s*(re|fwd?)\s*:", re.I | re.M),
            (r"(?x) a  b # spaced", 0), (r"[\u00e9\u0130]+(?=x)", re.I), (r"(a)(?:b)(?P<c>c)?\1", re.S)]
texts = ["Following up on this", "circle BACK", "RE: Fwd: hi", "ab", "\u00e9\u0130x", "abca", "aba"]
out = []
for source, flags in patterns:
    p = re.compile(source, flags)
    out.append([p.pattern, p.flags, p.groups, dict(p.groupindex),
                [[m.span(), m.groups()] for t in texts for m in p.finditer(t)]])

@dataclasses.dataclass(frozen=True, order=True)
class Point:
    x: int
    y: int = 2
out.append([repr(Point(1)), Point(1) == Point(1, 2), Point(1) < Point(2), hash(Point(1)) == hash(Point(1))])
print(json.dumps({"on": on, "compile": re._compiler.compile.__module__, "out": out}))
"""


def _run(code: str, cache: Path, **env) -> subprocess.CompletedProcess:
    import os

    full = {k: v for k, v in os.environ.items() if k != "EMAILLINT_NO_CODE_CACHE"}
    full.update(EMAILLINT_CACHE_DIR=str(cache), **env)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=full)


def test_patterns_and_methods_from_the_record_behave_like_fresh_ones(tmp_path):
    first = json.loads(_run(PROBE, tmp_path).stdout)  # compiles, records
    [record] = (tmp_path / "codecache-v1").glob("test-*.marshal")
    second = json.loads(_run(PROBE, tmp_path).stdout)  # served from the record
    off = json.loads(_run(PROBE, tmp_path, EMAILLINT_NO_CODE_CACHE="1").stdout)
    assert first["on"] and second["on"] and not off["on"]
    assert first["compile"] == second["compile"] == "emaillint.base.codecache"  # the hook was really in place
    assert off["compile"] == "re._compiler"
    assert first["out"] == second["out"] == off["out"]
    assert record.stat().st_size > 0


def test_check_says_the_same_with_the_record_as_without(tmp_path):
    args = ["check", "--isolated", "--no-cache", "--format", "json", *EXAMPLES]
    code = f"import sys\nfrom emaillint.cli import main\nsys.argv = ['emaillint', *{args!r}]\nmain()\n"
    off = _run(code, tmp_path, EMAILLINT_NO_CODE_CACHE="1")
    recording = _run(code, tmp_path)
    served = _run(code, tmp_path)
    assert list((tmp_path / "codecache-v1").glob("check-*.marshal"))
    assert json.loads(off.stdout)["files"], off.stderr
    assert (recording.returncode, recording.stdout) == (served.returncode, served.stdout) == (off.returncode, off.stdout)


def test_a_damaged_record_is_ignored_and_written_again(tmp_path):
    _run(PROBE, tmp_path)
    [record] = (tmp_path / "codecache-v1").glob("test-*.marshal")
    record.write_bytes(b"\x00garbage")
    again = _run(PROBE, tmp_path)
    assert again.returncode == 0 and json.loads(again.stdout)["on"], again.stderr
    assert record.read_bytes() != b"\x00garbage"


def test_the_library_leaves_python_alone(tmp_path):
    code = ("import re, emaillint\nemaillint.lint_text('Hi Dana,\\n\\nJust following up.\\n', path='d.txt')\n"
            "print(re._compiler.compile.__module__)\n")
    assert _run(code, tmp_path).stdout.strip() == "re._compiler"


def test_only_start_up_is_recorded(tmp_path):
    """What is compiled after the first draft (patterns built from one draft's words, say) is not kept."""
    import marshal

    code = ("import re\nfrom emaillint.base import codecache\ncodecache.enable('test')\n"
            "re.compile('start-up pattern')\ncodecache.settle()\nre.compile('one draft only')\n")
    assert _run(code, tmp_path).returncode == 0
    [record] = (tmp_path / "codecache-v1").glob("test-*.marshal")
    patterns = {key[0] for key in marshal.loads(record.read_bytes())[0]}
    assert "start-up pattern" in patterns and "one draft only" not in patterns


def test_remembered_results_are_the_function_s(tmp_path):
    """codecache.memo: the pre-filter's pieces, worked out once, come back from the record unchanged."""
    code = ("import json, re\nfrom emaillint.base import codecache\non = codecache.enable('test')\n"
            "from emaillint.base.prefilter import required_pieces, _top_level_alternatives\n"
            "p = r'\\bfollow(?:ing)? up\\b|circl(?:e|ing) back|(?:quick|gentle) nudge'\n"
            "print(json.dumps([on, required_pieces(p, re.I), _top_level_alternatives(p, re.I)]))\n")
    off = json.loads(_run(code, tmp_path, EMAILLINT_NO_CODE_CACHE="1").stdout)
    first = json.loads(_run(code, tmp_path).stdout)
    second = json.loads(_run(code, tmp_path).stdout)
    assert off[1:] == first[1:] == second[1:] and off[1] and not off[0] and second[0]


def test_the_first_run_of_other_code_records_even_a_few_new_patterns(tmp_path):
    """After an upgrade, start-up compiles a handful of new patterns every run unless the record takes them: too
    few to pass the "worth a write" share, so the record says which code wrote it, and other code always writes."""
    import marshal

    def code(extra: str) -> str:
        return ("import re\nfrom emaillint.base import codecache\ncodecache.enable('test')\n"
                f"for i in range(100):\n    re.compile(f'start-up pattern {{i}}')\nre.compile({extra!r})\n")

    def patterns() -> set:
        [record] = (tmp_path / "codecache-v1").glob("test-*.marshal")
        return {key[0] for key in marshal.loads(record.read_bytes())[0]}

    assert _run(code("first"), tmp_path).returncode == 0
    assert {"first", "start-up pattern 99"} <= patterns()
    assert _run(code("one new pattern"), tmp_path).returncode == 0  # same code: one in 101 is not worth a write
    assert "one new pattern" not in patterns()
    [record] = (tmp_path / "codecache-v1").glob("test-*.marshal")
    regex, compiled, _ = marshal.loads(record.read_bytes())
    record.write_bytes(marshal.dumps((regex, compiled, "an older emaillint")))
    assert _run(code("one new pattern"), tmp_path).returncode == 0
    assert "one new pattern" in patterns()
    assert marshal.loads(record.read_bytes())[2] != "an older emaillint"


def test_a_batch_keeps_what_only_it_works_out_in_a_record_of_its_own(tmp_path):
    """A long batch's filters (codecache.switch('batch') in warm_up) are not pruned away by the one-draft runs in
    between, which keep their own record down to what they use; nor does the batch prune theirs to the part of it
    that it used before switching. The library never turns the cache on."""
    import marshal

    batch = ("import re\nfrom emaillint.base import codecache\ncodecache.enable('test')\n"
             "re.compile('what a batch compiles before its warm-up')\n"
             "codecache.switch('test-batch')\nre.compile('only a batch compiles this')\n")
    one = ("import re\nfrom emaillint.base import codecache\ncodecache.enable('test')\n"
           + "".join(f"re.compile('one-draft pattern {i}')\n" for i in range(5)))

    def patterns(use: str) -> set:
        [record] = (tmp_path / "codecache-v1").glob(f"{use}-{'?' * 24}.marshal")  # "test-batch-…" is not "test-…"
        return {key[0] for key in marshal.loads(record.read_bytes())[0]}

    assert _run(one, tmp_path).returncode == 0
    assert _run(batch, tmp_path).returncode == 0
    assert "one-draft pattern 4" in patterns("test")  # the batch left the one-draft record as it was
    for _ in range(3):
        assert _run(one, tmp_path).returncode == 0
    assert "only a batch compiles this" in patterns("test-batch")
    assert "only a batch compiles this" not in patterns("test")
    library = "import re\nfrom emaillint.base import codecache\ncodecache.switch('test-batch')\nprint(re._compiler.compile.__module__)\n"
    assert _run(library, tmp_path).stdout.strip() == "re._compiler"
