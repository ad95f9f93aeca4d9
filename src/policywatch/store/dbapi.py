"""What the two backends share at the driver level: the exceptions a database call may raise. Code that catches
database errors catches `DatabaseError` (sqlite3's, and psycopg's when it is installed) so it works on both."""

from __future__ import annotations

import sqlite3

try:
    import psycopg
except ImportError:  # the PostgreSQL driver is a dependency, but a broken install should still run on SQLite
    DatabaseError: tuple[type[Exception], ...] = (sqlite3.Error,)
    IntegrityError: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)
else:
    DatabaseError = (sqlite3.Error, psycopg.Error)
    IntegrityError = (sqlite3.IntegrityError, psycopg.errors.IntegrityError)
