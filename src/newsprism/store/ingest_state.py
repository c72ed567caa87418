"""What ingest remembers between runs: inputs already read, and the lines of each site."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, bindparam, func, insert, select

from newsprism.store.tables import articles, ingested_inputs, site_lines

_CHUNK = 500  # bound parameters per query, well under every engine's limit

# Built once: ingest runs these for every article, and building a statement costs more
# than running it.
_FIND_INPUT = (
    select(ingested_inputs.c.article_id)
    .join(articles, articles.c.id == ingested_inputs.c.article_id)
    .where(ingested_inputs.c.digest == bindparam("digest"))
)
_FORGET_INPUT = ingested_inputs.delete().where(ingested_inputs.c.digest == bindparam("old"))
_RECORD_INPUT = insert(ingested_inputs)
_SITE_LINES = select(site_lines.c.line_hash, site_lines.c.kind, site_lines.c.article_id).where(
    site_lines.c.site == bindparam("site"),
    site_lines.c.line_hash.in_(bindparam("hashes", expanding=True)),
)
_SAVE_SITE_LINES = insert(site_lines)


def find_input(conn: Connection, digest: str) -> str | None:
    """The article an identical input became, if it is still stored."""
    row = conn.execute(_FIND_INPUT, {"digest": digest}).first()
    return None if row is None else str(row[0])


def record_input(conn: Connection, digest: str, article_id: str) -> None:
    conn.execute(_FORGET_INPUT, {"old": digest})
    conn.execute(_RECORD_INPUT, {"digest": digest, "article_id": article_id})


def stored_site_lines(
    conn: Connection, site: str, hashes: Sequence[str]
) -> list[tuple[str, str, str]]:
    """(line hash, kind, article id) of the stored lines of ``site`` among ``hashes``."""
    found: list[tuple[str, str, str]] = []
    for start in range(0, len(hashes), _CHUNK):
        chunk = list(hashes[start : start + _CHUNK])
        rows = conn.execute(_SITE_LINES, {"site": site, "hashes": chunk})
        found.extend((r[0], r[1], r[2]) for r in rows)
    return found


_FAMILY = (
    select(site_lines.c.article_id)
    .where(
        site_lines.c.site == bindparam("site"),
        site_lines.c.kind == "l",
        site_lines.c.line_hash.in_(bindparam("longs", expanding=True)),
    )
    .group_by(site_lines.c.article_id)
    .having(func.count() >= bindparam("least"))
)
_FAMILY_LINES = select(site_lines.c.line_hash, site_lines.c.kind, site_lines.c.article_id).where(
    site_lines.c.site == bindparam("site"),
    site_lines.c.article_id.in_(bindparam("family", expanding=True)),
    site_lines.c.line_hash.in_(bindparam("hashes", expanding=True)),
)
_ONE_HOLDER = (
    select(site_lines.c.line_hash, func.min(site_lines.c.article_id))
    .where(
        site_lines.c.site == bindparam("site"),
        site_lines.c.kind == "s",
        site_lines.c.line_hash.in_(bindparam("shorts", expanding=True)),
        site_lines.c.article_id.not_in(bindparam("family", expanding=True)),
    )
    .group_by(site_lines.c.line_hash)
)


def site_line_evidence(
    conn: Connection, site: str, shorts: Sequence[str], longs: Sequence[str], *, least: float
) -> list[tuple[str, str, str]]:
    """The rows of ``stored_site_lines`` that decide which short lines are chrome.

    A line every page of a site repeats is stored once per page, so all its rows grow
    with the store. What decides is smaller: every row of the articles sharing at least
    ``least`` of the long lines (the text's re-posts), and for each short line one other
    article that has it. ``repeated_lines`` gives the same answer on these rows as on all
    of them (the articles of no row here are gone, and none is deleted in between).
    """
    if len(shorts) + len(longs) > _CHUNK:
        return stored_site_lines(conn, site, [*shorts, *longs])
    family: list[str] = []
    if longs:
        params = {"site": site, "longs": list(longs), "least": least}
        family = [str(r[0]) for r in conn.execute(_FAMILY, params)]
    found: list[tuple[str, str, str]] = []
    if family:
        params = {"site": site, "family": family, "hashes": [*shorts, *longs]}
        found.extend((r[0], r[1], r[2]) for r in conn.execute(_FAMILY_LINES, params))
    if shorts:
        params = {"site": site, "shorts": list(shorts), "family": family}
        found.extend((r[0], "s", r[1]) for r in conn.execute(_ONE_HOLDER, params))
    return found


def save_site_lines(
    conn: Connection, site: str, article_id: str, rows: Iterable[tuple[str, str]]
) -> None:
    values = [
        {"site": site, "line_hash": hashed, "kind": kind, "article_id": article_id}
        for hashed, kind in rows
    ]
    if values:
        conn.execute(_SAVE_SITE_LINES, values)
