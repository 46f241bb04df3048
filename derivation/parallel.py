"""The derivation in two processes: stages taken from both ends of the chain.

SymPy runs in one thread, and a cold derivation is seconds of it.  A forked second
process takes stages from the last one back while this one takes them from the first
on, each claiming the next free stage under a lock, until they meet; each renders the
records of the stages it took.  A stage's dependencies are derived again in the process
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


def _take(stages, taken, from_end: bool, progress: bool) -> dict[int, list[dict]]:
    """Claim and render free stages, from the first on (or the last back), until none is left."""
    out: dict[int, list[dict]] = {}
    order = range(len(stages) - 1, -1, -1) if from_end else range(len(stages))
    for n in order:
        with taken.get_lock():
            if taken[n]:
                break  # the other process got here first: everything beyond is its
            taken[n] = 1
        name, stage = stages[n]
        start = time.perf_counter()
        out[n] = [v.record() for v in stage()]
        if progress:
            who = " (second process)" if from_end else ""
            print(f"[{n + 1}/{len(stages)}] {name}{who} ({time.perf_counter() - start:.1f} s)",
                  file=sys.stderr, flush=True)
    return out


def _second(stages, taken, send, progress: bool) -> None:
    try:
        message = {"records": {str(n): r for n, r in _take(stages, taken, True, progress).items()}}
    except BaseException:  # reported in the first process, which raises it
        message = {"error": traceback.format_exc()}
    send.send_bytes(json.dumps(message, ensure_ascii=False).encode())
    send.close()


def rendered(stages, progress: bool = False) -> tuple[dict, ...]:
    """The records of every stage, derived and rendered in this process and a forked one."""
    import multiprocessing

    from .export.cache import valid
    start = time.perf_counter()
    context = multiprocessing.get_context("fork")
    taken = context.Array("b", len(stages))
    receive, send = context.Pipe(duplex=False)
    second = context.Process(target=_second, args=(stages, taken, send, progress), daemon=True)
    second.start()
    send.close()
    mine = _take(stages, taken, False, progress)
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
