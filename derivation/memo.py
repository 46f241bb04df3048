"""Each stage computed once per process, whatever way it is called.

``functools.cache`` keys on the call as written: ``f()``, ``f(2)`` and
``f(order=2)`` are three entries, and a derivation stage behind them runs three
times.  :func:`stage` binds the call to the signature first (defaults applied),
so that every equivalent call shares one entry.
"""
from __future__ import annotations

import functools
import inspect
from typing import Callable, TypeVar

__all__ = ["stage"]

F = TypeVar("F", bound=Callable)


def stage(func: F) -> F:
    """``functools.cache`` keyed on the arguments bound to ``func``'s signature."""
    signature = inspect.signature(func)
    cached = functools.cache(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return cached(*bound.args, **bound.kwargs)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    wrapper.cache_info = cached.cache_info  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
