"""Opening the store: engine, SQLite pragmas, migrations to the newest schema."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from newsprism.errors import StoreError


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("newsprism.store") / "migrations")
    )
    return config


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


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


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is there already)."""
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_store(url: str, *, upgrade: bool = True) -> Engine:
    """Connect to the store at ``url``, migrating it unless ``upgrade`` is False."""
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
    return engine
