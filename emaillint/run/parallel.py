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
import signal
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


_END = object()


class _Failed:
    def __init__(self, exc: BaseException):
        self.exc = exc


def _read_ahead(source: Iterator, ahead, stop) -> None:
    """Move items from ``source`` into the bounded queue ``ahead`` (a thread: reading may block on a pipe)."""
    import queue

    def put(item) -> bool:
        while not stop.is_set():
            try:
                ahead.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    try:
        for item in source:
            if not put(item):
                return
    except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
        put(_Failed(exc))
        return
    put(_END)


def _live_chunks(items: Iterable, chunk: int, window: int):
    """Chunks of what the input has ready now, never waiting for more input while work is in flight.

    A producer that writes one record and waits for its result (a platform
    talking to ``emaillint batch`` over a pipe) gets it: a chunk is cut short
    when no more input is ready. Yields lists; yields None when there is no input
    ready but work is pending (the caller then checks on its results)."""
    import queue
    import threading

    ahead: queue.Queue = queue.Queue(maxsize=chunk * window)
    stop = threading.Event()
    reader = threading.Thread(target=_read_ahead, args=(iter(items), ahead, stop), daemon=True)
    reader.start()
    try:
        while True:
            idle = yield
            part: list = []
            while len(part) < chunk:
                try:
                    item = ahead.get(block=idle and not part, timeout=None if idle and not part else 0)
                except queue.Empty:
                    break
                if item is _END:
                    if part:
                        yield part
                    return
                if isinstance(item, _Failed):
                    raise item.exc
                part.append(item)
            yield part or None
    finally:
        stop.set()


def _worker_signals() -> None:
    """A worker leaves the signals to its parent: Ctrl-C (sent to the whole terminal group) is ignored, and SIGTERM
    (the parent ending it) ends it at once. With the CLI's handlers a worker turned either into an exception that
    the pool's worker code catches and answers with one more result write, and that write could block forever on
    a pipe the exiting parent no longer read (a hang seen in CI: parent joining the worker, worker writing)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _end_workers(pool, kill: bool = False) -> None:
    """Stop every worker process of ``pool`` now and shut it down without waiting for them.

    Nothing here may wait on what a stopped worker or an interrupted main thread could have left behind: the
    thread that feeds chunks to the workers may be blocked writing one no worker will read (the interpreter's exit
    would join it forever), and a signal that arrived inside ``submit`` may have left the pool's lock taken."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        try:
            process.kill() if kill else process.terminate()
        except (OSError, ValueError):
            pass
    call_queue = getattr(pool, "_call_queue", None)
    if call_queue is not None:
        call_queue.cancel_join_thread()
    lock = getattr(pool, "_shutdown_lock", None)
    if lock is None or lock.acquire(timeout=2):
        if lock is not None:
            lock.release()
        pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.join(5)
        except (OSError, ValueError, AssertionError):
            pass


def ordered_map(func: Callable, items: Iterable, workers: int, *, chunk: int = 16,
                window: int | None = None, live: bool = False) -> Iterator:
    """``map(func, items)`` over ``workers`` forked processes, in order, at most ``window`` chunks in flight.

    ``live``: the input is a stream someone may be feeding one item at a time
    (stdin); results are then yielded as soon as they are ready, never held
    back waiting for enough input to fill a chunk."""
    if workers <= 1 or not can_fork():
        for item in items:
            yield func(item)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    _FUNC[:] = [func]  # inherited by the forked workers; nothing is pickled but the items and results
    window = window or workers * 4
    source = iter(items)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_worker_signals)
    pending: deque = deque()
    if live:  # fork every worker before the reading thread exists: a child closes stdin at start, and would wait
        pool.submit(int).result()  # forever for the lock the reading thread holds while it waits for a line
    chunks = _live_chunks(source, chunk, window) if live else None
    try:
        if chunks is not None:
            next(chunks)
        ended = False
        while True:
            while not ended and len(pending) < window:
                if chunks is None:
                    part = list(islice(source, chunk))
                else:
                    try:
                        part = chunks.send(not pending)  # wait for input only when nothing is in flight
                    except StopIteration:
                        part, ended = None, True
                    else:
                        try:
                            next(chunks)
                        except StopIteration:  # that was the last part
                            ended = True
                if chunks is None and not part:
                    ended = True
                if not part:
                    break
                pending.append(pool.submit(_run_chunk, part))
            if not pending:
                if ended:
                    break
                continue
            if chunks is not None and not ended and len(pending) < window and not pending[0].done():
                wait([pending[0]], timeout=0.02)  # a result, or more input, whichever comes first
                if not pending[0].done():
                    continue
            yield from pending.popleft().result()
        pool.shutdown()
    except BrokenProcessPool:
        # the survivors may wait forever on a queue lock the dead worker held: end them first, or the
        # interpreter's exit (which joins the pool) would hang
        _end_workers(pool, kill=True)
        raise WorkerDied("a worker process died (out of memory or killed)") from None
    except BaseException:  # Ctrl-C, SIGTERM, the consumer stopped: leave no worker behind
        _end_workers(pool)
        raise
    finally:
        if chunks is not None:
            chunks.close()
