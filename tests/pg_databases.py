"""Fresh PostgreSQL databases for tests (POLICYWATCH_TEST_POSTGRES names the server; `.ci/run` starts one).

The first call migrates a template database; each test then gets `CREATE DATABASE … TEMPLATE` of it, a file
copy on the server that takes a few milliseconds, and the database is dropped when the test session ends.
"""

from __future__ import annotations

import atexit
import itertools
import os

import psycopg
from psycopg import sql

from policywatch.store import open_store

TEMPLATE = f"pw_template_{os.getpid()}"
_counter = itertools.count()
_created: list[str] = []


def _admin(server: str) -> psycopg.Connection:
    return psycopg.connect(server, autocommit=True)


def _with_database(server: str, name: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(server)
    info["dbname"] = name
    return psycopg.conninfo.make_conninfo(**info)


def _url(server: str, name: str) -> str:
    info = psycopg.conninfo.conninfo_to_dict(server)
    user = info.get("user", "postgres")
    password = f":{info['password']}" if info.get("password") else ""
    return f"postgresql://{user}{password}@{info.get('host', '127.0.0.1')}:{info.get('port', 5432)}/{name}"


def _ensure_template(server: str) -> None:
    if TEMPLATE in _created:
        return
    with _admin(server) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(TEMPLATE)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(TEMPLATE)))
    _created.append(TEMPLATE)
    open_store(_url(server, TEMPLATE)).close()


def fresh_database(server: str) -> str:
    """The URL of a new, migrated, empty database on `server`."""
    _ensure_template(server)
    name = f"pw_test_{os.getpid()}_{next(_counter)}"
    with _admin(server) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name),
                                                                     sql.Identifier(TEMPLATE)))
    _created.append(name)
    return _url(server, name)


def _drop_all() -> None:
    server = os.environ.get("POLICYWATCH_TEST_POSTGRES")
    if not server or not _created:
        return
    try:
        with _admin(server) as conn:
            for name in reversed(_created):
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    except psycopg.Error:
        pass  # the server may already be stopped; its folder is temporary


atexit.register(_drop_all)
