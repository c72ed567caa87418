"""Opening the store: engine, SQLite pragmas, migrations to the newest schema.

Write commands open the store with :func:`open_store` (creating and migrating it, one
process at a time: concurrent first starts wait for each other). Read commands use
``open_store(url, readonly=True)``: nothing is created, migrated or written, so a database
on read-only media, or a file without write permission, can still be exported and searched.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from newsprism.errors import StoreError


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("newsprism.store") / "migrations")
    )
    return config


BUSY_TIMEOUT_MS = 120_000
"""How long a writer waits for another (a concurrent ingest's batch) before SQLite gives up:
under load a batch can hold the write lock for many seconds, and giving up loses its inputs."""


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _on_sqlite_connect_readonly(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None (not SQLite, or in memory)."""
    if not url.startswith("sqlite") or "///" not in url:
        return None
    path = url.split("///", 1)[1].split("?", 1)[0]
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return Path(path).expanduser()


def _readonly_sqlite_engine(path: Path, *, immutable: bool) -> Engine:
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    engine = create_engine(f"sqlite:///file:{path.resolve()}?{flags}&uri=true")
    event.listen(engine, "connect", _on_sqlite_connect_readonly)
    return engine


def create_store_engine(url: str) -> Engine:
    """An engine for ``url`` with SQLite tuned for one writer and many readers."""
    try:
        if url.startswith("sqlite"):
            path = url.split("///", 1)[1] if "///" in url else ""
            if path and path != ":memory:":
                try:
                    Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(
                        f"cannot create the database folder: {exc}", where=url
                    ) from exc
            engine = create_engine(url)
            event.listen(engine, "connect", _on_sqlite_connect)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"unusable database URL: {exc}", where=url) from exc
    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on the database file itself while it is created or migrated.

    ``flock`` locks do not interact with SQLite's own (POSIX record) locks on Linux, so this
    only orders newsprism processes starting together on one new database.
    """
    with path.open("ab") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is there already).

    Safe when several processes start together: SQLite files are locked for the duration,
    PostgreSQL takes a transaction-level advisory lock.
    """
    config = _alembic_config()
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is not None:
        with _file_lock(path):
            _upgrade(engine, config)
    else:
        _upgrade(engine, config)


_MIGRATION_LOCK = 0x6E657773  # "news": one number every newsprism process agrees on


def _upgrade(engine: Engine, config: Config) -> None:
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        if MigrationContext.configure(conn).get_current_revision() == head_revision():
            return
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_store(url: str, *, upgrade: bool = True, readonly: bool = False) -> Engine:
    """Connect to the store at ``url``, migrating it unless ``upgrade`` is False.

    ``readonly`` opens an existing database for reading only: a missing SQLite file is an
    error (nothing is created), nothing is migrated, no journal mode is changed.
    """
    if readonly:
        return _open_readonly(url)
    engine = create_store_engine(url)
    safe_url = engine.url.render_as_string(hide_password=True)
    try:
        if upgrade:
            migrate(engine)
        elif current_revision(engine) != head_revision():
            raise StoreError(
                "the database needs a migration: run any write command", where=safe_url
            )
    except OperationalError as exc:
        raise StoreError(f"cannot open database: {exc.orig}", where=safe_url) from exc
    except SQLAlchemyError as exc:
        raise StoreError(f"database error: {exc}", where=safe_url) from exc
    except OSError as exc:
        raise StoreError(f"cannot open database: {exc.strerror or exc}", where=safe_url) from exc
    return engine


def _log_is_merged(path: Path) -> bool:
    """Whether the database file alone holds every commit (no write-ahead log, or an empty one)."""
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size == 0
    except FileNotFoundError:
        return True


def _open_readonly(url: str) -> Engine:
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise StoreError("no database here: ingest articles first (or pass --db)", where=str(path))
    last: StoreError | None = None
    for immutable in (False, True) if path is not None else (False,):
        if immutable and path is not None and not _log_is_merged(path):
            # Immutable reading skips the write-ahead log: with committed changes still
            # in it, that would show an older database as if it were the current one.
            assert last is not None
            raise StoreError(
                f"{last.message}; its write-ahead log holds changes not yet merged: "
                "run any write command on it (or open it where it can be written) first",
                where=str(path),
            )
        engine = (
            _readonly_sqlite_engine(path, immutable=immutable)
            if path is not None
            else create_store_engine(url)
        )
        safe_url = (
            str(path) if path is not None else engine.url.render_as_string(hide_password=True)
        )
        try:
            revision = current_revision(engine)
        except SQLAlchemyError as exc:
            # A WAL database in a folder we cannot write has no shared-memory file to
            # open; read it as immutable (nobody may be writing to it then).
            engine.dispose()
            last = StoreError(f"cannot open database: {getattr(exc, 'orig', exc)}", where=safe_url)
            continue
        if revision is None:
            engine.dispose()
            raise StoreError("not a newsprism database (no schema)", where=safe_url)
        if revision != head_revision():
            engine.dispose()
            raise StoreError(
                "the database needs a migration: run any write command", where=safe_url
            )
        return engine
    assert last is not None
    raise last
