"""Faceted full-text search over the stored articles: hits with snippets, and facet counts.

FTS5 (bm25) on SQLite, ``to_tsvector``/``plainto_tsquery`` text search on PostgreSQL.
Facets (outlet, language, story, publication date in day/week/month buckets) count every
matching article, not a page of them, so there is no cap on what they describe.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from newsprism.errors import InputError
from newsprism.store.articles import _quoted_fts_query

BUCKETS = ("day", "week", "month")
FACETS = ("outlet", "language", "story", "date")


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    name: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class Hit:
    article_id: str
    title: str | None
    outlet: str | None
    language: str | None
    published: str | None
    story_id: str | None
    snippet: str
    """The matching passage; the matched words are between ``[`` and ``]``."""
    rank: float


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    hits: tuple[Hit, ...]
    facets: tuple[Facet, ...]
    filters: Mapping[str, str] = field(default_factory=dict)
    bucket: str = "day"
    offset: int = 0

    def to_pandas(self) -> object:
        from newsprism.tables import to_pandas

        return to_pandas(self.hits)


UNDATED = "undated"
"""The date facet's value for a hit whose publication date is unknown or too coarse for the
bucket, so those hits stay countable and selectable instead of dropping out of the facet."""


def date_bucket(published: str | None, bucket: str) -> str | None:
    """The day (2022-01-05), ISO week (2022-W01) or month (2022-01) of a date."""
    if not published or len(published) < 7:
        return None
    if bucket == "month":
        return published[:7]
    if len(published) < 10:
        return None
    if bucket == "day":
        return published[:10]
    try:
        year, week, _ = dt.date.fromisoformat(published[:10]).isocalendar()
    except ValueError:
        return None
    return f"{year}-W{week:02d}"


_MATCH_SQLITE = (
    "SELECT a.id, a.title, a.outlet, a.language, a.published, a.story_id, "
    "bm25(articles_fts) AS rank "
    "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
    "WHERE articles_fts MATCH :q ORDER BY rank, a.id"
)
_SNIPPET_SQLITE = (
    "SELECT a.id, snippet(articles_fts, 1, '[', ']', ' … ', 16) "
    "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
    "WHERE articles_fts MATCH :q AND a.id IN ({ids})"
)
_VECTOR = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"
_MATCH_POSTGRES = (
    "SELECT id, title, outlet, language, published, story_id, "
    f"-ts_rank({_VECTOR}, q) AS rank "
    "FROM articles, plainto_tsquery('simple', :q) AS q "
    f"WHERE {_VECTOR} @@ q ORDER BY rank, id"
)
_SNIPPET_POSTGRES = (
    "SELECT id, ts_headline('simple', text, q, 'StartSel=[,StopSel=],MaxWords=30,MinWords=12') "
    "FROM articles, plainto_tsquery('simple', :q) AS q WHERE id IN ({ids})"
)


def _matches(conn: Connection, query: str) -> tuple[str, list[tuple[object, ...]]]:
    """(the query as run, every matching row) — a query FTS5 cannot parse is run as words."""
    if conn.dialect.name != "sqlite":
        try:
            return query, [tuple(r) for r in conn.execute(text(_MATCH_POSTGRES), {"q": query})]
        except ProgrammingError:
            return query, []
    try:
        return query, [tuple(r) for r in conn.execute(text(_MATCH_SQLITE), {"q": query})]
    except OperationalError:
        quoted = _quoted_fts_query(query)
        if not quoted:
            return query, []
        return quoted, [tuple(r) for r in conn.execute(text(_MATCH_SQLITE), {"q": quoted})]


def _snippets(conn: Connection, query: str, ids: Sequence[str]) -> dict[str, str]:
    if not ids:
        return {}
    names = ", ".join(f":id{n}" for n in range(len(ids)))
    sql = _SNIPPET_SQLITE if conn.dialect.name == "sqlite" else _SNIPPET_POSTGRES
    params: dict[str, object] = {f"id{n}": value for n, value in enumerate(ids)}
    params["q"] = query
    return {str(r[0]): str(r[1] or "") for r in conn.execute(text(sql.format(ids=names)), params)}


def search(
    conn: Connection,
    query: str,
    *,
    filters: Mapping[str, str] | None = None,
    bucket: str = "day",
    offset: int = 0,
    limit: int | None = 20,
) -> SearchResults:
    """Articles matching ``query``, narrowed by facet ``filters`` (outlet, language, story, date).

    ``limit=None`` returns every hit; facet counts always cover every match.
    """
    chosen = {k: v for k, v in (filters or {}).items() if v}
    unknown = set(chosen) - set(FACETS)
    if unknown:
        raise InputError(
            f"unknown facet {sorted(unknown)[0]!r}; choose from {', '.join(FACETS)}",
            where="search",
        )
    if bucket not in BUCKETS:
        raise InputError(
            f"unknown date bucket {bucket!r}; choose from {', '.join(BUCKETS)}", where="search"
        )
    if offset < 0 or (limit is not None and limit < 0):
        raise InputError("offset and limit must not be negative", where="search")
    if not query.strip():
        return SearchResults(query, 0, (), (), chosen, bucket, offset)
    run_query, rows = _matches(conn, query)

    def values(row: tuple[object, ...]) -> dict[str, str | None]:
        published = row[4] if isinstance(row[4], str) else None
        return {
            "outlet": row[2] if isinstance(row[2], str) else None,
            "language": row[3] if isinstance(row[3], str) else None,
            "story": row[5] if isinstance(row[5], str) else None,
            "date": date_bucket(published, bucket) or UNDATED,
        }

    described = [(row, values(row)) for row in rows]
    kept = [(row, v) for row, v in described if all(v[k] == want for k, want in chosen.items())]
    facets = []
    for name in FACETS:
        # Each facet counts the matches narrowed by the other facets, so its own values
        # stay visible as alternatives once one is chosen.
        others = {k: w for k, w in chosen.items() if k != name}
        counts = Counter(
            v[name]
            for _, v in described
            if v[name] is not None and all(v[k] == w for k, w in others.items())
        )
        ordered = sorted(
            counts.items(),
            key=lambda kv: (kv[0] == UNDATED, kv[0]) if name == "date" else (-kv[1], kv[0]),
        )
        facets.append(
            Facet(
                name,
                tuple(FacetValue(str(value), n, chosen.get(name) == value) for value, n in ordered),
            )
        )
    page = kept[offset : None if limit is None else offset + limit]
    snippets = _snippets(conn, run_query, [str(row[0]) for row, _ in page])
    hits = tuple(
        Hit(
            article_id=str(row[0]),
            title=row[1] if isinstance(row[1], str) else None,
            outlet=v["outlet"],
            language=v["language"],
            published=row[4] if isinstance(row[4], str) else None,
            story_id=v["story"],
            snippet=snippets.get(str(row[0]), ""),
            rank=float(row[6]),  # type: ignore[arg-type]
        )
        for row, v in page
    )
    return SearchResults(query, len(kept), hits, tuple(facets), chosen, bucket, offset)
