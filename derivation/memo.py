"""Each stage computed once per process, whatever way it is called.

``functools.cache`` keys on the call as written: ``f()``, ``f(2)`` and
``f(order=2)`` are three entries, and a derivation stage behind them runs three
times.  :func:`stage` binds the call to the signature first (defaults applied),
so that every equivalent call shares one entry.

A stage can also be given its value from elsewhere: with ``--jobs 2`` the other
process may have derived it (:mod:`derivation.export.parallel`).  ``wrapper.supplier``,
when set, is asked first for a value not yet computed here; it returns the value,
or raises :class:`LookupError` and the stage is derived here as usual.
"""
from __future__ import annotations

import functools
import inspect
from collections import namedtuple
from typing import Callable, TypeVar

__all__ = ["stage", "key"]

F = TypeVar("F", bound=Callable)
_MISSING = object()
CacheInfo = namedtuple("CacheInfo", "hits misses maxsize currsize")  # as functools reports it


def _bind(signature: inspect.Signature, args: tuple, kwargs: dict) -> inspect.BoundArguments:
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    return bound


def _entry(bound: inspect.BoundArguments) -> tuple:
    return bound.args + tuple(sorted(bound.kwargs.items()))


def key(func: Callable, *args, **kwargs) -> tuple:
    """The entry a call of the stage ``func`` is kept under (arguments bound, defaults in)."""
    return _entry(_bind(inspect.signature(getattr(func, "__wrapped__", func)), args, kwargs))


def stage(func: F) -> F:
    """``func`` cached on the arguments bound to its signature."""
    signature = inspect.signature(func)
    results: dict[tuple, object] = {}
    info = {"hits": 0, "misses": 0}

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        bound = _bind(signature, args, kwargs)
        entry = _entry(bound)
        if entry in results:
            info["hits"] += 1
            return results[entry]
        info["misses"] += 1
        value = _MISSING
        if wrapper.supplier is not None:
            try:
                value = wrapper.supplier(entry)
            except LookupError:
                pass
        if value is _MISSING:
            value = func(*bound.args, **bound.kwargs)
        results[entry] = value
        return value

    def cache_clear():
        results.clear()
        info.update(hits=0, misses=0)

    wrapper.supplier = None  # type: ignore[attr-defined]
    wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
    wrapper.cache_info = lambda: CacheInfo(info["hits"], info["misses"], None, len(results))  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
