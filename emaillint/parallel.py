"""Worker processes for large batches: ordered results, bounded memory, rules loaded once before the fork.

``ordered_map(func, items, workers)`` applies ``func`` (a module-level function)
to every item of an iterable, in worker processes when ``workers > 1``, and
yields the results in input order as soon as the head of the line is done.
Only ``window`` chunks are in flight at a time, so neither the input nor the
results are ever held whole: memory is constant in the number of items.

Workers are forked after the caller has warmed up the process (rules parsed,
patterns compiled), so each worker starts with them instead of loading them
again. Where fork is not available, or for one worker, it runs in-process.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

POOL_FROM = 100  # items; below this, starting worker processes costs more than it saves


class WorkerDied(RuntimeError):
    """A worker process was killed (the OOM killer, a signal): the run cannot finish."""


def available_cores() -> int:
    """Cores this process may use (the affinity mask, else the CPU count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def auto_jobs(count: int | None) -> int:
    """The number of workers that pays for ``count`` items (None: unknown, a stream).

    One process for small batches (a pool's start-up costs more than it saves);
    otherwise one per core left idle by the machine's load (a busy machine gains
    nothing from more processes than it has free cores), at most 8.
    """
    if count is not None and count < POOL_FROM:
        return 1
    cores = available_cores()
    try:
        busy = int(os.getloadavg()[0])  # whole cores other work keeps busy (a fraction leaves the core mostly free)
    except (AttributeError, OSError):
        busy = 0
    return max(1, min(8, cores - busy, cores))


def can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


_FUNC: list = []


def _run_chunk(chunk: list) -> list:
    func = _FUNC[0]
    return [func(item) for item in chunk]


def ordered_map(func: Callable, items: Iterable, workers: int, *, chunk: int = 16,
                window: int | None = None) -> Iterator:
    """``map(func, items)`` over ``workers`` forked processes, in order, at most ``window`` chunks in flight."""
    if workers <= 1 or not can_fork():
        for item in items:
            yield func(item)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    _FUNC[:] = [func]  # inherited by the forked workers; nothing is pickled but the items and results
    window = window or workers * 4
    source = iter(items)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    pending: deque = deque()
    try:
        while True:
            while len(pending) < window:
                part = list(islice(source, chunk))
                if not part:
                    break
                pending.append(pool.submit(_run_chunk, part))
            if not pending:
                break
            yield from pending.popleft().result()
        pool.shutdown()
    except BrokenProcessPool:
        pool.shutdown(wait=False, cancel_futures=True)
        raise WorkerDied("a worker process died (out of memory or killed)") from None
    except BaseException:  # Ctrl-C, SIGTERM, the consumer stopped: leave no worker behind
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
