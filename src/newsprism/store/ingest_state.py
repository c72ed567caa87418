"""What ingest remembers between runs: inputs already read, and the lines of each site."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, insert, select

from newsprism.store.tables import articles, ingested_inputs, site_lines

_CHUNK = 500  # bound parameters per query, well under every engine's limit


def find_input(conn: Connection, digest: str) -> str | None:
    """The article an identical input became, if it is still stored."""
    row = conn.execute(
        select(ingested_inputs.c.article_id)
        .join(articles, articles.c.id == ingested_inputs.c.article_id)
        .where(ingested_inputs.c.digest == digest)
    ).first()
    return None if row is None else str(row[0])


def record_input(conn: Connection, digest: str, article_id: str) -> None:
    conn.execute(ingested_inputs.delete().where(ingested_inputs.c.digest == digest))
    conn.execute(insert(ingested_inputs).values(digest=digest, article_id=article_id))


def stored_site_lines(
    conn: Connection, site: str, hashes: Sequence[str]
) -> list[tuple[str, str, str]]:
    """(line hash, kind, article id) of the stored lines of ``site`` among ``hashes``."""
    found: list[tuple[str, str, str]] = []
    for start in range(0, len(hashes), _CHUNK):
        chunk = hashes[start : start + _CHUNK]
        query = select(site_lines.c.line_hash, site_lines.c.kind, site_lines.c.article_id).where(
            site_lines.c.site == site, site_lines.c.line_hash.in_(chunk)
        )
        found.extend((r[0], r[1], r[2]) for r in conn.execute(query))
    return found


def save_site_lines(
    conn: Connection, site: str, article_id: str, rows: Iterable[tuple[str, str]]
) -> None:
    values = [
        {"site": site, "line_hash": hashed, "kind": kind, "article_id": article_id}
        for hashed, kind in rows
    ]
    if values:
        conn.execute(insert(site_lines), values)
