"""The browser tests' database put back between tests by copying pages.

A browser test commits what it writes (the live server reads it from
another thread), so the database is emptied when the test ends and
Wagtail's initial rows (root page, site, groups, permissions) are put back
before the next one. Django does that by saving each serialised row again,
about a quarter of a second per test. On SQLite, the test database is
instead copied once into memory before any test runs, and copied back
with SQLite's backup API, which takes milliseconds and gives back exactly
that database. PostgreSQL keeps Django's way.
"""

from __future__ import annotations

import sqlite3


def take(connection) -> sqlite3.Connection | None:
    """A copy in memory of a SQLite database as it is now; None on others."""
    if connection.vendor != "sqlite":
        return None
    connection.ensure_connection()
    snapshot = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(snapshot)
    return snapshot


def restore_from(snapshot: sqlite3.Connection, connection) -> None:
    """Make ``connection`` put back ``snapshot`` where Django's serialised
    rollback would deserialise its rows (the test case's set-up)."""

    def put_back(_serialised: str) -> None:
        connection.ensure_connection()
        snapshot.backup(connection.connection)

    connection.creation.deserialize_db_from_string = put_back
