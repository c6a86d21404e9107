"""--jobs: worker processes only when they pay, rules loaded once before the fork, output order never changes."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from emaillint.run import parallel

BAD = "Subject: Re: demo\n\nHi Dana,\n\nJust following up on my last email. Let me know your thoughts.\n\nKevin\n"
GOOD = ("Subject: month-end close\n\nHi Dana,\n\nHow have you handled approvals during close so far?\n\n"
        "I suggest a 20-minute call on Tuesday at 10am.\n\nKevin\n")


def run(*args, env=None):
    proc = subprocess.run([sys.executable, "-m", "emaillint", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})})
    return proc.returncode, proc.stdout, proc.stderr


def test_jobs_give_the_same_output_in_the_same_order(tmp_path):
    for i in range(40):
        (tmp_path / f"d{i:03}.txt").write_text((BAD if i % 3 else GOOD).replace("Dana", f"Dana{i}"))
    outputs = [run("check", "--isolated", "--no-cache", "--format", "json", "--jobs", jobs, str(tmp_path))
               for jobs in ("1", "2", "3")]
    assert {o[0] for o in outputs} == {1} and outputs[0][1] == outputs[1][1] == outputs[2][1]
    names = [f["path"].rsplit("/", 1)[1] for f in json.loads(outputs[1][1])["files"]]
    assert names == sorted(names) and len(names) == 40


def test_what_pays_no_pool_for_small_batches():
    assert parallel.auto_jobs(1) == parallel.auto_jobs(99) == 1
    assert 1 <= parallel.auto_jobs(100_000) <= min(8, parallel.available_cores())


def test_ordered_map_keeps_order_and_bounds_what_is_in_flight():
    seen = []

    def items():
        for i in range(200):
            seen.append(i)
            yield i

    out = parallel.ordered_map(abs, items(), 2, chunk=5, window=3)
    assert next(out) == 0 and len(seen) <= 5 * 3 + 5  # the input is read only a few chunks ahead
    assert [0, *out] == list(range(200))


def test_rules_are_loaded_once_before_the_workers_start(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(30):
        (drafts / f"d{i:03}.txt").write_text(BAD.replace("Dana", f"Dana{i}"))
    script = textwrap.dedent(f"""
        import os, sys
        from emaillint.judge import registry
        real = registry.rule_from
        def counted(*args, **kwargs):
            with open({str(tmp_path / "loads")!r}, "a") as fh:
                fh.write(f"{{os.getpid()}}\\n")
            return real(*args, **kwargs)
        registry.rule_from = counted
        from emaillint.cli import main
        sys.argv = ["emaillint", "check", "--isolated", "--no-cache", "--jobs", "2", "--format", "json",
                    {str(drafts)!r}]
        try:
            main()
        except SystemExit as exc:
            print("exit", exc.code, os.getpid(), file=sys.stderr)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    parent = proc.stderr.strip().splitlines()[-1].split()
    assert parent[:2] == ["exit", "1"], proc.stderr
    assert len(json.loads(proc.stdout)["files"]) == 30
    loaders = set((tmp_path / "loads").read_text().split())
    assert loaders == {parent[2]}  # only the parent made the data rules; the forked workers reused them


def test_a_warm_cache_needs_no_worker(tmp_path):
    for i in range(120):
        (tmp_path / f"d{i:03}.txt").write_text(BAD.replace("Dana", f"Dana{i}"))
    first = run("check", "--isolated", "--format", "json", "--jobs", "2", str(tmp_path))
    script = ("import sys, concurrent.futures.process as p\n"
              "p.ProcessPoolExecutor.__init__ = lambda *a, **k: (_ for _ in ()).throw(AssertionError('pool started'))\n"
              "from emaillint.cli import main\n"
              f"sys.argv = ['emaillint', 'check', '--isolated', '--format', 'json', '--jobs', '2', {str(tmp_path)!r}]\n"
              "main()\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (proc.returncode, proc.stdout) == (first[0], first[1]), proc.stderr[-800:]


def test_jobs_garbage_env_is_a_warning(tmp_path):
    (tmp_path / "a.txt").write_text(BAD)
    code, _, err = run("check", "--isolated", str(tmp_path), env={"EMAILLINT_JOBS": "many"})
    assert code == 1 and "EMAILLINT_JOBS" in err and "Traceback" not in err


def test_live_ordered_map_answers_each_item_before_the_next_arrives():
    import threading

    gate = threading.Event()
    order = []

    def items():
        for i in range(5):
            order.append(("in", i))
            yield i
            if i == 2:  # the producer waits for the answer to item 2 before it sends item 3
                assert gate.wait(20), "item 2 was not answered while the producer waited"
    out = []
    for result in parallel.ordered_map(abs, items(), 2, chunk=32, window=4, live=True):
        out.append(result)
        order.append(("out", result))
        if result == 2:
            gate.set()
    assert out == [0, 1, 2, 3, 4]
    assert order.index(("out", 2)) < order.index(("in", 3))


def test_live_ordered_map_passes_on_an_input_error():
    def items():
        yield 1
        raise OSError("input went away")

    import pytest

    with pytest.raises(OSError, match="went away"):
        list(parallel.ordered_map(abs, items(), 2, live=True))


def _signal_dispositions(_item):
    import signal

    return signal.getsignal(signal.SIGINT) is signal.SIG_IGN, signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_workers_leave_signals_to_the_parent():
    """A worker ignores Ctrl-C and dies at SIGTERM: handled there, either signal became an exception the pool's
    worker code answers with one more result write, which could block forever once the parent stopped reading
    (a CI run hung so: the exiting parent joining a worker blocked in that write)."""
    import signal

    previous = signal.signal(signal.SIGTERM, lambda *_: None)  # what the CLI installs before it forks workers
    try:
        seen = list(parallel.ordered_map(_signal_dispositions, range(4), 2, chunk=1))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert seen == [(True, True)] * 4
