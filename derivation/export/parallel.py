"""The derivation in two processes, each taking its own share of the stages first.

SymPy runs in one thread, and a cold derivation is seconds of it.  A forked second process
takes the stages of its share (:data:`derivation.chain.SECOND`) in order, this process the
others, each claiming the next free stage under a lock; the one done first goes on with
the other's stages from the end back.  Each renders the records of the stages it took.

The two shares need some of the same intermediate results (the solution of (12a)-(12b),
T⊥ of the electron model).  Each process first derives the ones it hands over
(:data:`derivation.chain.HANDED`) and sends them through a private pipe (pickled: between
this process and its own fork, never through a shared place); the other process takes
them instead of deriving them (:attr:`derivation.memo.stage` ``supplier``), or derives
them itself if they do not come (an error there, a process gone, or no answer in
:data:`WAIT` seconds).  Everything else a stage needs is derived in the process that
runs it.

Each record is rendered where its verdict was derived (``render``, by default
:func:`derivation.export.records.record`).  The records of the second process come back as
JSON through a pipe, are checked field by field as the disk cache's are
(:func:`derivation.export.cache.valid`), and are put in the chain's order: the result is the list ``jobs=1`` gives (a test compares them).  If the
second process fails, the error is raised here; if it dies, the stages it took are
derived here.
"""
from __future__ import annotations

import json
import pickle
import sys
import time
import traceback

from .. import memo
from .cache import valid
from .records import record

__all__ = ["rendered", "WAIT"]

WAIT = 120.0  # seconds to wait for a handed result before deriving it here instead (a cycle)


def _order(count: int, share: tuple[int, ...], second: bool) -> list[int]:
    """The stages a process claims, in order: its share, then the other's from the end."""
    others = [n for n in range(count) if n not in share]
    return list(share) + others[::-1] if second else others + list(share)[::-1]


def _take(stages, share, taken, second: bool, progress: bool, render) -> dict[int, list[dict]]:
    """Claim and render free stages in this process's order until none is left."""
    out: dict[int, list[dict]] = {}
    for n in _order(len(stages), share, second):
        with taken.get_lock():
            if taken[n]:
                continue  # the other process has it
            taken[n] = 1
            started = sum(taken)  # this stage's place in the order the two processes start them
            name, stage = stages[n]
            if progress:  # the stage that runs now, numbered as started: the lines stay in order
                who = " (second process)" if second else ""
                print(f"[{started}/{len(stages)}] {name}{who}", file=sys.stderr, flush=True)
        out[n] = [render(v) for v in stage()]
    return out


class _Exchange:
    """The results this process hands over (derived first, then sent) and those it takes."""

    def __init__(self, connection, gives, takes):
        self.connection, self.gives, self.takes = connection, gives, takes
        self.received: dict[int, tuple[bool, object]] = {}
        self.closed = False

    def install(self) -> None:
        wanted: dict = {}
        for n, (func, args) in enumerate(self.takes):
            wanted.setdefault(func, {})[memo.key(func, *args)] = n

        for func, entries in wanted.items():
            def supplier(entry, entries=entries):
                if entry not in entries:
                    raise LookupError(entry)
                return self._value(entries[entry])
            func.supplier = supplier

    def uninstall(self) -> None:
        for func, _ in self.takes:
            func.supplier = None

    def give(self) -> None:
        for n, (func, args) in enumerate(self.gives):
            try:
                message = (n, True, func(*args))
            except Exception:  # the stage that needs it raises it, in either process
                message = (n, False, None)
            try:
                self.connection.send(message)
            except (pickle.PicklingError, TypeError, AttributeError):  # not picklable
                self.connection.send((n, False, None))
            except OSError:
                return  # the other process is gone

    def _value(self, n: int):
        while n not in self.received and not self.closed:
            try:
                if not self.connection.poll(WAIT):
                    raise TimeoutError
                index, ok, value = self.connection.recv()
                self.received[index] = (ok, value)
            except (EOFError, OSError, TimeoutError, ValueError):
                self.closed = True
        ok, value = self.received.get(n, (False, None))
        if not ok:
            raise LookupError(n)  # derived here instead
        return value


def _second(stages, share, taken, send, values, handed, progress: bool, render) -> None:
    import signal
    # Ctrl-C at a terminal reaches both processes: the first one ends this one (terminate)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        exchange = _Exchange(values, handed[True], handed[False])
        exchange.install()
        exchange.give()
        message = {"records": {str(n): r for n, r in
                               _take(stages, share, taken, True, progress, render).items()}}
    except BaseException:  # reported in the first process, which raises it
        message = {"error": traceback.format_exc()}
    send.send_bytes(json.dumps(message, ensure_ascii=False).encode())
    send.close()


def rendered(stages, share: tuple[int, ...], handed: dict | None = None,
             progress: bool = False, render=None) -> tuple[dict, ...]:
    """The records of every stage, derived and rendered in this process and a forked one
    (the stages numbered in ``share`` first, counted from 0).  ``handed[True]`` lists the
    (stage function, arguments) the second process derives first and hands over,
    ``handed[False]`` those this one does; ``render`` makes a verdict's record."""
    import multiprocessing

    render = render or record
    handed = handed or {True: (), False: ()}
    start = time.perf_counter()
    context = multiprocessing.get_context("fork")
    taken = context.Array("b", len(stages))
    receive, send = context.Pipe(duplex=False)
    here, there = context.Pipe()
    second = context.Process(target=_second, daemon=True,
                             args=(stages, share, taken, send, there, handed, progress, render))
    second.start()
    send.close()
    there.close()
    exchange = _Exchange(here, handed[False], handed[True])
    exchange.install()
    try:
        exchange.give()
        mine = _take(stages, share, taken, False, progress, render)
        try:
            message = json.loads(receive.recv_bytes().decode())
        except (EOFError, OSError, ValueError):
            message = {}  # it died: its stages are derived below
        second.join()
    except BaseException:  # Ctrl-C, or an error here: the second process ends with this one
        if second.is_alive():
            second.terminate()
            second.join()
        raise
    finally:
        exchange.uninstall()
        here.close()
    if "error" in message:
        raise RuntimeError(f"the derivation's second process failed:\n{message['error']}")
    theirs = message.get("records", {})
    out: list[dict] = []
    for n, (_, stage) in enumerate(stages):
        if n in mine:
            out += mine[n]
        elif str(n) in theirs and valid(theirs[str(n)], empty=True):
            out += theirs[str(n)]
        else:
            out += [render(v) for v in stage()]
    if progress:
        print(f"derived in {time.perf_counter() - start:.1f} s (two processes, records rendered)",
              file=sys.stderr, flush=True)
    return tuple(out)
