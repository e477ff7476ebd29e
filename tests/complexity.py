"""Complexity checks for tests: how a function's time grows with its input, not how fast it is.

`check_linear(run, make, what)` times `run(make(n))` at n = 2,000 and n = 16,000 (8 times
more): a linear function's time grows by about 8, a quadratic one's by 64, a cubic one's by
512. The check fails when the growth is over 30 (a generous bound, so that a loaded machine
does not fail it) once the larger run takes more than 50 ms; a run still going after its
budget (SIGALRM, which interrupts even the regex engine) fails outright.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from typing import Any

SMALL, LARGE = 2_000, 16_000
MAX_RATIO = 30.0
FLOOR = 0.05
BUDGET = 10.0
INF = float("inf")


class _Timeout(Exception):
    pass


def timed(run: Callable[[Any], object], data: Any, budget: float = BUDGET) -> float:
    """Seconds `run(data)` took, or infinity when it was stopped after `budget` seconds."""

    def stop(_signum: int, _frame: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        start = time.perf_counter()
        run(data)
        return time.perf_counter() - start
    except _Timeout:
        return INF
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def growth(
    run: Callable[[Any], object],
    make: Callable[[int], Any],
    small: int = SMALL,
    large: int = LARGE,
) -> tuple[float, float]:
    """(seconds at `small`, seconds at `large`); a bad-looking pair is measured again (best of
    three for each size) so that one slow moment of a shared machine is not taken for growth."""
    small_data, large_data = make(small), make(large)
    t_small = timed(run, small_data, BUDGET / 4)
    if t_small == INF:
        return INF, INF
    t_large = timed(run, large_data)
    for _ in range(2):
        if t_large <= FLOOR or t_large <= MAX_RATIO * t_small:
            break
        t_small = min(t_small, timed(run, small_data, BUDGET / 4))
        t_large = min(t_large, timed(run, large_data))
    return t_small, t_large


def check_linear(
    run: Callable[[Any], object],
    make: Callable[[int], Any],
    what: str,
    small: int = SMALL,
    large: int = LARGE,
) -> None:
    """Fail when `run`'s time grows super-linearly from `make(small)` to `make(large)`."""
    t_small, t_large = growth(run, make, small, large)
    assert t_large != INF, f"{what}: not done after {BUDGET:.0f} s (n={small} or {large})"
    ratio = t_large / max(t_small, 1e-9)
    assert t_large <= FLOOR or ratio <= MAX_RATIO, (
        f"{what}: {t_small:.3f} s at n={small}, {t_large:.3f} s at n={large} "
        f"(grew {ratio:.0f}×; linear is {large / small:.0f}×)"
    )
