"""The derivation in two processes, each taking its own share of the stages first.

SymPy runs in one thread, and a cold derivation is seconds of it.  A forked second process
takes the stages of its share (:data:`derivation.chain.SECOND`) in order, this process the
others, each claiming the next free stage under a lock; the one done first goes on with
the other's stages from the end back.  Each renders the records of the stages it took.  A stage's dependencies are derived again in the process
that needs them (the stages share cached sub-results within a process only), so the CPU
time grows while the wall-clock time falls.  The records of the second process come back
as JSON through a pipe, are checked field by field as the disk cache's are
(:func:`derivation.export.cache.valid`), and are put in the chain's order: the result is
the list ``jobs=1`` gives (a test compares them).  If the second process fails, the error
is raised here; if it dies, the stages it took are derived here.
"""
from __future__ import annotations

import json
import sys
import time
import traceback

__all__ = ["rendered"]


def _order(count: int, share: tuple[int, ...], second: bool) -> list[int]:
    """The stages a process claims, in order: its share, then the other's from the end."""
    others = [n for n in range(count) if n not in share]
    return list(share) + others[::-1] if second else others + list(share)[::-1]


def _take(stages, share, taken, second: bool, progress: bool) -> dict[int, list[dict]]:
    """Claim and render free stages in this process's order until none is left."""
    out: dict[int, list[dict]] = {}
    for n in _order(len(stages), share, second):
        with taken.get_lock():
            if taken[n]:
                continue  # the other process has it
            taken[n] = 1
        name, stage = stages[n]
        start = time.perf_counter()
        out[n] = [v.record() for v in stage()]
        if progress:
            who = " (second process)" if second else ""
            print(f"[{n + 1}/{len(stages)}] {name}{who} ({time.perf_counter() - start:.1f} s)",
                  file=sys.stderr, flush=True)
    return out


def _second(stages, share, taken, send, progress: bool) -> None:
    try:
        message = {"records": {str(n): r for n, r in
                               _take(stages, share, taken, True, progress).items()}}
    except BaseException:  # reported in the first process, which raises it
        message = {"error": traceback.format_exc()}
    send.send_bytes(json.dumps(message, ensure_ascii=False).encode())
    send.close()


def rendered(stages, share: tuple[int, ...], progress: bool = False) -> tuple[dict, ...]:
    """The records of every stage, derived and rendered in this process and a forked one
    (the stages numbered in ``share`` first, counted from 0)."""
    import multiprocessing

    from .export.cache import valid
    start = time.perf_counter()
    context = multiprocessing.get_context("fork")
    taken = context.Array("b", len(stages))
    receive, send = context.Pipe(duplex=False)
    second = context.Process(target=_second, args=(stages, share, taken, send, progress), daemon=True)
    second.start()
    send.close()
    mine = _take(stages, share, taken, False, progress)
    try:
        message = json.loads(receive.recv_bytes().decode())
    except (EOFError, OSError, ValueError):
        message = {}  # it died: its stages are derived below
    second.join()
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
            out += [v.record() for v in stage()]
    if progress:
        print(f"derived in {time.perf_counter() - start:.1f} s (two processes, records rendered)",
              file=sys.stderr, flush=True)
    return tuple(out)
