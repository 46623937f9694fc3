"""Per-request work budgets: a deadline and a cancel flag that long reads check as they go.

The API gives every read request a budget (api.main's RequestBudget); the stores and the long
algorithms call :func:`check` between steps (the embedded store also from SQLite's progress
handler), so work stops soon after the client goes away, the time runs out or the server shuts
down. Outside a request (CLI, imports) there is no budget and :func:`check` does nothing.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from graph.errors import BudgetExceeded


class Budget:
    """A deadline (monotonic clock) and a reason to stop early, shared by the threads of one request."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.deadline = None if seconds is None else time.monotonic() + seconds
        self.cancelled: str | None = None

    def cancel(self, reason: str) -> None:
        self.cancelled = self.cancelled or reason

    def problem(self) -> str | None:
        """Why the work must stop, or None while it may go on."""
        if self.cancelled:
            return self.cancelled
        if self.deadline is not None and time.monotonic() > self.deadline:
            return (f"the request ran out of its time budget of {self.seconds:g} s; ask for less "
                    "(a smaller depth, a topic, a page) or raise ARGMAP_REQUEST_BUDGET_S")
        return None

    def remaining(self) -> float | None:
        return None if self.deadline is None else max(0.0, self.deadline - time.monotonic())


_current: ContextVar[Budget | None] = ContextVar("argmap_budget", default=None)
_active: weakref.WeakSet[Budget] = weakref.WeakSet()
_active_lock = threading.Lock()


@contextmanager
def limited(seconds: float | None) -> Iterator[Budget]:
    """Run the enclosed work (and the threads it hands work to, which copy the context) under a budget."""
    budget = Budget(seconds)
    token = _current.set(budget)
    with _active_lock:
        _active.add(budget)
    try:
        yield budget
    finally:
        _current.reset(token)
        with _active_lock:
            _active.discard(budget)


def current() -> Budget | None:
    return _current.get()


def check() -> None:
    """Raise BudgetExceeded when the current request's budget is spent or cancelled."""
    budget = _current.get()
    if budget is not None and (problem := budget.problem()) is not None:
        raise BudgetExceeded(problem)


def remaining(default: float) -> float:
    """Seconds the current request may still spend, at most ``default`` (e.g. a query timeout), and
    never 0 (which a driver would read as "no timeout")."""
    budget = _current.get()
    left = budget.remaining() if budget is not None else None
    return default if left is None else max(0.001, min(default, left))


def cancel_all(reason: str) -> int:
    """Cancel every running request's budget (the server is shutting down); returns how many."""
    with _active_lock:
        running = list(_active)
    for budget in running:
        budget.cancel(reason)
    return len(running)
