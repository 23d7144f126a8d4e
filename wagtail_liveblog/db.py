"""Write transactions that concurrent writers on SQLite wait for.

SQLite allows one writer at a time. A transaction that starts by reading
and then writes (Django's default ``BEGIN``, which is ``DEFERRED``) cannot
wait for another writer: SQLite answers "database is locked" at once,
whatever the busy timeout, because waiting could deadlock. A transaction
that takes the write lock when it begins (``BEGIN IMMEDIATE``) simply waits
its turn. :func:`write_transaction` is ``transaction.atomic()`` that does
so on SQLite, so two reporters posting at the same moment on a site with
Django's default SQLite settings both succeed; on other databases, and
inside a transaction already open, it is plain ``atomic()``.

:func:`retry_when_locked` is the second line of defence, for work that
could not begin its own transaction that way.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import OperationalError, transaction

T = TypeVar("T")


class write_transaction:
    def __init__(self, using: str | None = None):
        self.using = using

    def __enter__(self) -> None:
        connection = transaction.get_connection(self.using)
        self.atomic = transaction.atomic(using=self.using)
        immediate = (
            connection.vendor == "sqlite"
            and not connection.in_atomic_block
            and getattr(connection, "transaction_mode", None) is None
        )
        if not immediate:
            self.atomic.__enter__()
            return
        # Django (5.1+) begins SQLite transactions with
        # ``BEGIN <transaction_mode>``; the mode is read when the
        # connection opens, so open it first and switch the mode only for
        # this BEGIN.
        connection.ensure_connection()
        connection.transaction_mode = "IMMEDIATE"
        try:
            self.atomic.__enter__()
        finally:
            connection.transaction_mode = None

    def __exit__(self, *exc_info: Any) -> bool | None:
        return self.atomic.__exit__(*exc_info)


def is_locked_error(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and "locked" in str(error).lower()


def retry_when_locked(
    work: Callable[[], T], *, using: str | None = None, attempts: int = 5
) -> T:
    """Run ``work`` (which opens its own transaction); on SQLite's "database
    is locked", wait a moment and run it again, up to ``attempts`` times.

    Inside a transaction already open nothing can be retried (the lock
    error has spoilt it), so the error is raised at once.
    """
    connection = transaction.get_connection(using)
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except OperationalError as error:
            if (
                not is_locked_error(error)
                or connection.in_atomic_block
                or attempt == attempts
            ):
                raise
            time.sleep(0.05 * attempt + random.random() * 0.05)  # noqa: S311
    raise AssertionError("unreachable")  # pragma: no cover
