"""The two-process derivation (derivation.export.parallel) on stand-in stages: the chain's order,
every stage once, an error in the second process raised, a dead second process made up for,
a result handed from one process to the other (or derived here when it does not come).

That the real chain gives the same records in two processes as in one is in test_cli
(``--jobs 2`` against ``jobs=1``)."""
import os
import time

import pytest

from derivation.export import parallel
from derivation.memo import stage

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")


class _Result:
    def __init__(self, eq, pid):
        self.eq, self.pid = eq, pid

    def record(self):
        from derivation.export.cache import FIELDS, SREPR
        return {**{f: "" for f in FIELDS}, "eq": self.eq, "note": str(self.pid), "steps": [],
                "srepr": dict.fromkeys(SREPR, "None")}


def _stages(n, fail=None, die=None):
    def stage(k):
        def run():
            time.sleep(0.1)  # long enough for the forked process to start and take stages
            if os.getpid() != parent and k == fail:
                raise ZeroDivisionError(f"stage {k}")
            if os.getpid() != parent and k == die:
                os._exit(3)
            return [_Result(f"{k}.{m}", os.getpid()) for m in range(k % 3)]
        return (f"stage {k}", run)
    parent = os.getpid()
    return tuple(stage(k) for k in range(n))


def test_records_come_in_the_chains_order_each_stage_once():
    records = parallel.rendered(_stages(9), (5, 6), render=_Result.record)
    assert [r["eq"] for r in records] == [f"{k}.{m}" for k in range(9) for m in range(k % 3)]
    # each process started its share: stage 1 here, stage 5 in the other
    mine = str(os.getpid())
    assert {r["note"] for r in records if r["eq"].startswith("1.")} == {mine}
    assert mine not in {r["note"] for r in records if r["eq"].startswith("5.")}


def test_an_error_in_the_second_process_is_raised_with_its_traceback():
    with pytest.raises(RuntimeError, match="ZeroDivisionError: stage 5"):
        parallel.rendered(_stages(9, fail=5), (5, 6), render=_Result.record)


def test_the_stages_of_a_second_process_that_died_are_derived_here():
    records = parallel.rendered(_stages(9, die=5), (5, 6), render=_Result.record)
    assert [r["eq"] for r in records] == [f"{k}.{m}" for k in range(9) for m in range(k % 3)]
    assert {r["note"] for r in records if r["eq"].startswith("5.")} == {str(os.getpid())}


_PRODUCER_FAILS = {"now": False}


@stage
def _handed(scale: int = 1) -> int:
    """A stand-in for a result one process hands the other: the pid of who derived it."""
    if _PRODUCER_FAILS["now"] and os.getpid() != _PARENT:
        raise ArithmeticError("the second process cannot derive it")
    return os.getpid() * scale


_PARENT = os.getpid()


def _using_handed():
    # stage 0 (this process's share) records who derived _handed(); the other three keep the
    # second process busy long enough that stage 0 is surely this one's
    def run():
        return [_Result("0.0", _handed())]
    return (("uses the handed result", run),) + tuple(
        (f"stage {k}", lambda: time.sleep(0.2) or []) for k in range(1, 4))


@pytest.mark.parametrize("fails", [False, True])
def test_a_handed_result_is_taken_from_the_other_process_else_derived_here(fails):
    _handed.cache_clear()
    _PRODUCER_FAILS["now"] = fails
    try:
        records = parallel.rendered(_using_handed(), (1, 2, 3), {True: ((_handed, ()),), False: ()},
                                   render=_Result.record)
    finally:
        _PRODUCER_FAILS["now"] = False
    (record,) = records
    # the second process derived it first and handed it over; when it could not, this one did
    assert (record["note"] == str(os.getpid())) == fails
    assert _handed.supplier is None  # nothing left waiting on the closed pipe
