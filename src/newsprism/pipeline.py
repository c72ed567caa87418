"""The order of the stages, and nothing else.

ingest:  inputs -> read -> clean + metadata -> dedupe -> store
analyze: stored articles -> spaCy + newsprism components (batches, optional process pool) -> store
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, fields, replace
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from newsprism.actors import link_mentions, link_speakers, merge_actors
from newsprism.anchoring import anchor_story
from newsprism.compare.corpus import Corpus, StoryComparison, compare_story, load_corpus
from newsprism.errors import InputError, StoreError
from newsprism.ingest.assemble import IngestOverrides, assemble_article
from newsprism.ingest.chrome import (
    LONG,
    LineKeys,
    family_threshold,
    line_keys,
    repeated_lines,
    site_key,
)
from newsprism.ingest.dedupe import (
    DuplicateIndex,
    make_minhash,
    minhash_from_bytes,
    signature_bytes,
)
from newsprism.ingest.metadata import load_language_profiles
from newsprism.ingest.readers import read_item
from newsprism.ingest.sources import expand_inputs, source_label
from newsprism.models import (
    Actor,
    AnchoredDate,
    Article,
    ArticleAnalysis,
    IngestFailure,
    IngestReport,
    Place,
    RawDocument,
    Story,
)
from newsprism.report import build_briefing
from newsprism.settings import Settings
from newsprism.store.analysis import (
    PROVISIONAL_ANCHOR_BASIS,
    analyzed_versions,
    load_actors,
    load_analyses,
    load_fact_rows,
    load_facts,
    provisional_anchors,
    save_actors,
    save_analysis,
    set_fact_column,
)
from newsprism.store.analysis import (
    analysis_anchors as stored_anchors,
)
from newsprism.store.articles import (
    article_exists,
    find_by_content_hash,
    ids_from_source,
    load_articles,
    load_outlet_sources,
    load_signatures,
    save_article,
)
from newsprism.store.ingest_state import (
    find_input,
    record_input,
    save_site_lines,
    site_line_evidence,
)
from newsprism.store.stories import (
    ANCHOR_METHOD_PREFIX,
    clear_story_anchors,
    load_stories,
    save_anchored_dates,
    save_stories,
    update_stories,
)
from newsprism.stories import group_stories, story_period

if TYPE_CHECKING:
    from newsprism.nlp.analysis import AnalysisInput

# The NLP stage (and spaCy with it) is imported when analysis runs, not with this module.

ProgressCallback = Callable[[int, int], None]
"""Called with (done, total) as articles are processed."""


_ITEM_DONE = IngestFailure("", "item read")
"""Marker after the last document of an input, so progress moves per input."""


def iter_inputs(
    inputs: Sequence[str], *, settings: Settings, stdin: IO[bytes] | None = None
) -> Iterator[tuple[int, int, RawDocument | IngestFailure]]:
    """Every document (or failure) of ``inputs``, one at a time, with (items done, items).

    Nothing is held but the document at hand, so memory does not grow with the inputs.
    """
    items, failures = expand_inputs(inputs)
    for failure in failures:
        yield 0, len(items), failure
    for done, item in enumerate(items, start=1):
        for found in read_item(item, max_bytes=settings.max_file_bytes, stdin=stdin):
            yield done - 1, len(items), found
        yield done, len(items), _ITEM_DONE


def read_inputs(
    inputs: Sequence[str], *, settings: Settings, stdin: IO[bytes] | None = None
) -> tuple[list[RawDocument], list[IngestFailure]]:
    """Every document of ``inputs`` in memory (for callers that want a list)."""
    documents: list[RawDocument] = []
    failures: list[IngestFailure] = []
    for _, _, found in iter_inputs(inputs, settings=settings, stdin=stdin):
        if found is _ITEM_DONE:
            continue
        if isinstance(found, RawDocument):
            documents.append(found)
        else:
            failures.append(found)
    return documents, failures


def _fields(record: RawDocument | IngestOverrides) -> dict[str, Any]:
    """``asdict`` for flat records (strings, None, tuples of strings), without its deep copy."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def input_digest(document: RawDocument, overrides: IngestOverrides | None) -> str:
    """One input as read (source, bytes, stated metadata, overrides): same digest, same article."""
    payload = json.dumps(
        [_fields(document), _fields(overrides) if overrides else None],
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def _store_name(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _stopped(engine: Engine, exc: SQLAlchemyError, stored: int) -> StoreError:
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    if "full" in reason.lower() or "no space" in reason.lower():
        reason = f"the disk is full ({reason})"
    return StoreError(
        f"cannot write to the database: {reason}; ingest stopped, {stored} articles of "
        "this run were stored before it (run it again to go on)",
        where=_store_name(engine),
    )


class _Batch:
    """One transaction over up to ``size`` articles: ingest commits in batches."""

    def __init__(self, engine: Engine, size: int) -> None:
        self.conn = engine.connect()
        self.size = max(1, size)
        self.pending = 0
        self.committed = 0
        self.changes = _Changes()  # what this run wrote, so earlier lookups can catch up
        self.transaction = self.conn.begin()

    def wrote(self) -> None:
        self.pending += 1
        if self.pending >= self.size:
            self.commit()
            self.transaction = self.conn.begin()

    def commit(self) -> None:
        self.transaction.commit()
        self.committed += self.pending
        self.pending = 0

    def close(self) -> None:
        if self.transaction.is_active:
            self.transaction.rollback()
        self.conn.close()


SiteLine = tuple[str, str, str]
"""(line hash, kind, article id): one stored line of a site."""


class _Changes:
    """Every write of this run that a lookup can see, in order, from a position on.

    A lookup made before some writes is brought up to date from here instead of asking the
    store again: inputs recorded, site lines saved, and articles deleted (their inputs and
    lines go with them, the foreign keys cascade). Events before the oldest lookup still
    waiting are dropped, so memory stays bounded by what is in flight.
    """

    def __init__(self) -> None:
        self._events: list[tuple[str, Any, Any]] = []
        self._dropped = 0  # events forgotten: position p is self._events[p - self._dropped]

    def now(self) -> int:
        return self._dropped + len(self._events)

    def _since(self, position: int) -> Iterator[tuple[str, Any, Any]]:
        for number in range(position - self._dropped, len(self._events)):
            yield self._events[number]

    def forget_before(self, position: int) -> None:
        drop = min(position - self._dropped, len(self._events))
        if drop > 256:  # in slices, not one by one
            del self._events[:drop]
            self._dropped += drop

    def recorded(self, digest: str, article_id: str) -> None:
        self._events.append(("input", digest, article_id))

    def deleted(self, article_ids: Collection[str]) -> None:
        if article_ids:
            self._events.append(("deleted", frozenset(article_ids), None))

    def saved_lines(self, site: str, article_id: str, rows: list[tuple[str, str]]) -> None:
        self._events.append(("lines", (site, article_id), rows))

    def known_input(self, position: int, digest: str, known: str | None) -> str | None:
        """``find_input`` now, given what it answered at ``position``."""
        for kind, first, second in self._since(position):
            if kind == "input" and first == digest:
                known = second
            elif kind == "deleted" and known in first:
                known = None
        return known

    def site_lines(
        self, position: int, site: str, hashes: Collection[str], rows: Iterable[SiteLine]
    ) -> list[SiteLine] | None:
        """The site's line evidence now, given the ``rows`` it was at ``position``.

        None when an article was deleted since: the evidence holds one article per short
        line, and if that one is gone another may still hold it; only the store knows.
        """
        current = list(rows)
        for kind, first, second in self._since(position):
            if kind == "deleted":
                return None
            if kind == "lines" and first[0] == site:
                current.extend((h, k, first[1]) for h, k in second if h in hashes)
        return current


@dataclass(frozen=True)
class _Pending:
    """One document on its way: what was looked up before cleaning it, and the store's age."""

    document: RawDocument
    digest: str
    site: str
    keys: LineKeys | None
    repeated: frozenset[str]
    known: str | None  # the article an identical input became, when it was looked up
    position: int  # the run's changes when the lookups ran
    stored: tuple[SiteLine, ...] | None  # the site's stored lines then (None: not looked up)
    flight: str | None = None  # its name among the documents in flight, if it is one


_Prepared = tuple[Article | IngestFailure, bytes | None]
"""A document cleaned and signed: the article (or why not) and its MinHash signature."""

_Entry = tuple[int, int, IngestFailure] | _Pending
"""In input order: a reading failure or item marker (with progress), or a document."""

_WORKER_STATE: dict[str, Any] = {}
_CHUNK_DOCUMENTS = 16  # documents per task sent to a worker
_CHUNKS_AHEAD = 4  # tasks in flight per worker: bounded memory, no idle worker


def _prepare(
    document: RawDocument,
    repeated: frozenset[str],
    *,
    settings: Settings,
    overrides: IngestOverrides | None,
) -> _Prepared:
    """Clean one document and sign it for near-duplicate search (pure: no store)."""
    try:
        article = assemble_article(
            document, settings=settings, repeated_lines=repeated, overrides=overrides
        )
    except InputError as exc:
        return IngestFailure(exc.where or document.source, exc.message), None
    minhash = make_minhash(
        article.text,
        num_perm=settings.dedupe_num_perm,
        shingle_words=settings.dedupe_shingle_words,
    )
    return article, signature_bytes(minhash)


def _init_ingest_worker(settings: Settings, overrides: IngestOverrides | None) -> None:
    _WORKER_STATE["settings"] = settings
    _WORKER_STATE["overrides"] = overrides


def _prepare_in_worker(jobs: list[tuple[RawDocument, frozenset[str]]]) -> list[_Prepared]:
    settings, overrides = _WORKER_STATE["settings"], _WORKER_STATE["overrides"]
    return [
        _prepare(document, repeated, settings=settings, overrides=overrides)
        for document, repeated in jobs
    ]


def ingest(
    inputs: Sequence[str],
    *,
    engine: Engine,
    settings: Settings,
    overrides: IngestOverrides | None = None,
    stdin: IO[bytes] | None = None,
    progress: ProgressCallback | None = None,
    workers: int = 1,
) -> IngestReport:
    """Read, clean, deduplicate and store every article found in ``inputs``.

    Inputs stream one at a time. An article's cleaned text depends only on it and on what
    is stored (site chrome is learned from stored articles of its site), so the order and
    company of inputs never change it; an input read before is recognised by its digest
    and left alone. Articles are written in batched transactions; a database error stops
    the run with what was stored named, and rerunning goes on from there.

    With ``workers`` > 1, cleaning and signing run in a process pool while this process
    reads and writes in input order. A document is cleaned against the site lines stored
    when it was sent; if the store gained lines of its site that matter before it is
    written, it is cleaned again here, so the result is the one-process result exactly.
    """
    index = DuplicateIndex(threshold=settings.dedupe_threshold, num_perm=settings.dedupe_num_perm)
    with engine.connect() as conn:
        index.add_stored(load_signatures(conn))
        outlets = load_outlet_sources(conn)
    report = _IngestTally()
    batch = _Batch(engine, settings.ingest_batch_size)

    def write(entry: _Entry, prepared: _Prepared | None) -> None:
        if isinstance(entry, _Pending):
            if in_flight is not None and entry.flight is not None and entry.keys is not None:
                in_flight.remove(entry.site, entry.keys, entry.flight)
            _write_one(
                entry,
                prepared,
                batch=batch,
                index=index,
                settings=settings,
                overrides=overrides,
                outlets=outlets,
                report=report,
            )
        elif entry[2] is _ITEM_DONE:
            if progress:
                progress(entry[0], entry[1])
        else:
            report.failures.append(entry[2])

    try:
        in_flight = _InFlight() if workers > 1 else None
        entries = _look_up(
            iter_inputs(inputs, settings=settings, stdin=stdin),
            batch=batch,
            overrides=overrides,
            in_flight=in_flight,
        )
        if workers <= 1:
            for entry in entries:
                write(entry, None)
        else:
            _write_in_parallel(entries, write, workers=workers, init=(settings, overrides))
        batch.commit()
    except SQLAlchemyError as exc:
        raise _stopped(engine, exc, batch.committed) from exc
    finally:
        batch.close()
    return IngestReport(
        stored=tuple(report.stored),
        duplicates=tuple(report.duplicates),
        unchanged=tuple(report.unchanged),
        failed=tuple(report.failures),
        warnings=tuple(report.warnings),
    )


@dataclass
class _IngestTally:
    stored: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failures: list[IngestFailure] = field(default_factory=list)
    warnings: list[IngestFailure] = field(default_factory=list)


class _InFlight:
    """Site lines of documents sent to the pool but not yet written, as if already stored.

    A document sent while an earlier one of its site is still being cleaned is cleaned
    against the lines that earlier one will most likely store, so few are cleaned again.
    """

    def __init__(self) -> None:
        self._lines: dict[str, dict[str, dict[str, str]]] = {}
        self._count = 0

    def rows(self, site: str, hashes: Iterable[str]) -> list[tuple[str, str, str]]:
        lines = self._lines.get(site, {})
        return [(h, kind, who) for h in hashes for who, kind in lines.get(h, {}).items()]

    def add(self, site: str, keys: LineKeys) -> str:
        self._count += 1
        who = f"in flight {self._count}"
        lines = self._lines.setdefault(site, {})
        for hashed, kind in keys.rows():
            lines.setdefault(hashed, {})[who] = kind
        return who

    def remove(self, site: str, keys: LineKeys, who: str) -> None:
        lines = self._lines.get(site, {})
        for hashed, _ in keys.rows():
            lines.get(hashed, {}).pop(who, None)


def _site_evidence(conn: Connection, site: str, keys: LineKeys) -> list[SiteLine]:
    least = family_threshold(len(keys.longs))
    return site_line_evidence(conn, site, list(keys.shorts), list(keys.longs), least=least)


def _likely_copy(keys: LineKeys, stored: Iterable[tuple[str, str, str]]) -> bool:
    """Most of the text's long lines are another article's: it will most likely be a re-post."""
    shared = Counter(who for hashed, kind, who in stored if kind == LONG and hashed in keys.longs)
    return bool(shared) and max(shared.values()) >= max(3, len(keys.longs) / 2)


def _look_up(
    found: Iterator[tuple[int, int, RawDocument | IngestFailure]],
    *,
    batch: _Batch,
    overrides: IngestOverrides | None,
    in_flight: _InFlight | None = None,
) -> Iterator[_Entry]:
    """Each document with what the store says of it now (input digest, its site's lines)."""
    for done, total, item in found:
        if isinstance(item, IngestFailure):
            yield done, total, item
        else:
            yield _pending(item, batch=batch, overrides=overrides, in_flight=in_flight)


def _pending(
    document: RawDocument,
    *,
    batch: _Batch,
    overrides: IngestOverrides | None,
    in_flight: _InFlight | None,
) -> _Pending:
    conn = batch.conn
    digest = input_digest(document, overrides)
    known = find_input(conn, digest)
    site = site_key(document)
    keys = line_keys(document.text) if document.text is not None else None
    repeated: frozenset[str] = frozenset()
    flight = stored = None
    if keys is not None and known is None:
        hashes = [*keys.shorts, *keys.longs]
        stored = tuple(_site_evidence(conn, site, keys))
        expected = list(stored)
        if in_flight is not None:
            expected.extend(in_flight.rows(site, hashes))
            if not _likely_copy(keys, expected):  # a re-post stores no lines
                flight = in_flight.add(site, keys)
        repeated = repeated_lines(keys, expected)
    position = batch.changes.now()
    return _Pending(document, digest, site, keys, repeated, known, position, stored, flight)


def _write_in_parallel(
    entries: Iterator[_Entry],
    write: Callable[[_Entry, _Prepared | None], None],
    *,
    workers: int,
    init: tuple[Settings, IngestOverrides | None],
) -> None:
    """Clean documents in a pool, ``_CHUNK_DOCUMENTS`` a task, and write them in input order."""
    in_flight: deque[tuple[list[_Entry], Future[list[_Prepared]] | None]] = deque()
    load_language_profiles()  # before the workers fork, so they share one copy

    def drain(keep: int) -> None:
        while len(in_flight) > keep:
            chunk, future = in_flight.popleft()
            prepared = iter(future.result() if future is not None else ())
            for entry in chunk:
                write(entry, next(prepared) if _sent(entry) else None)

    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_ingest_worker, initargs=init
    ) as pool:
        chunk: list[_Entry] = []
        for entry in entries:
            chunk.append(entry)
            if sum(map(_sent, chunk)) >= _CHUNK_DOCUMENTS:
                in_flight.append((chunk, _submit(pool, chunk)))
                chunk = []
                drain(workers * _CHUNKS_AHEAD)
        in_flight.append((chunk, _submit(pool, chunk)))
        drain(0)


def _sent(entry: _Entry) -> bool:
    """Whether the entry is a document a worker cleans (not one whose input is known)."""
    return isinstance(entry, _Pending) and entry.known is None


def _submit(pool: ProcessPoolExecutor, chunk: list[_Entry]) -> Future[list[_Prepared]] | None:
    jobs = [(e.document, e.repeated) for e in chunk if isinstance(e, _Pending) and _sent(e)]
    return pool.submit(_prepare_in_worker, jobs) if jobs else None


def _distinct_label(outlets: dict[str, set[str]], label: str, source: str) -> str:
    """``label``, or ``label (2)``, ``(3)`` ...: the first no other source is filed under.

    A source stands for its unknown outlet by its file name; two files of one name in
    different folders are still two outlets.
    """
    candidate, number = label, 1
    while outlets.get(candidate, set()) - {source}:
        number += 1
        candidate = f"{label} ({number})"
    return candidate


def _write_one(
    pending: _Pending,
    prepared: _Prepared | None,
    *,
    batch: _Batch,
    index: DuplicateIndex,
    settings: Settings,
    overrides: IngestOverrides | None,
    outlets: dict[str, set[str]],
    report: _IngestTally,
) -> None:
    outcome = _store_one(
        pending,
        prepared,
        batch=batch,
        index=index,
        settings=settings,
        overrides=overrides,
        outlets=outlets,
    )
    if isinstance(outcome, IngestFailure):
        report.failures.append(outcome)
    elif outcome[0] == "unchanged":
        report.unchanged.append(outcome[1])
    else:
        (report.duplicates if outcome[0] == "duplicate" else report.stored).append(outcome[1])
        report.warnings.extend(
            IngestFailure(pending.document.source, n) for n in pending.document.notes
        )
        batch.wrote()


def _store_one(
    pending: _Pending,
    prepared: _Prepared | None,
    *,
    batch: _Batch,
    index: DuplicateIndex,
    settings: Settings,
    overrides: IngestOverrides | None,
    outlets: dict[str, set[str]],
) -> tuple[str, str] | IngestFailure:
    """("stored" | "duplicate" | "unchanged", article id), or why the document was skipped.

    ``pending`` was looked up at ``pending.position`` of the run's changes; what was
    written since brings its lookups up to date, and a document cleaned against site lines
    that have changed is cleaned again.
    """
    conn = batch.conn
    changes = batch.changes
    document, keys, site = pending.document, pending.keys, pending.site
    changes.forget_before(pending.position)  # later documents were looked up later still
    known = changes.known_input(pending.position, pending.digest, pending.known)
    if known is not None:
        return "unchanged", known
    repeated = pending.repeated
    if keys is not None:
        hashes = [*keys.shorts, *keys.longs]
        if pending.stored is None:  # the input was known then, and is gone now
            repeated = repeated_lines(keys, _site_evidence(conn, site, keys))
        elif changes.now() != pending.position:
            caught_up = changes.site_lines(pending.position, site, set(hashes), pending.stored)
            if caught_up is None:  # an article was replaced since: ask the store again
                caught_up = _site_evidence(conn, site, keys)
            repeated = repeated_lines(keys, caught_up)
    if prepared is None or repeated != pending.repeated:
        prepared = _prepare(document, repeated, settings=settings, overrides=overrides)
    article, signature = prepared
    if isinstance(article, IngestFailure):
        return article
    assert signature is not None
    if article_exists(conn, article.id):
        record_input(conn, pending.digest, article.id)
        changes.recorded(pending.digest, article.id)
        return "unchanged", article.id
    if article.outlet == source_label(article.source) and not (overrides and overrides.outlet):
        article = replace(article, outlet=_distinct_label(outlets, article.outlet, article.source))
    if article.outlet:
        outlets.setdefault(article.outlet, set()).add(article.source)
    from_source = ids_from_source(conn, article.source)
    for older in from_source:
        index.remove(older)
    minhash = minhash_from_bytes(signature, num_perm=settings.dedupe_num_perm)
    exact = find_by_content_hash(conn, article.content_hash)
    near = None if exact else index.find(minhash)
    if exact is not None:
        article = replace(article, duplicate_of=exact.id, duplicate_kind="exact")
    elif near is not None:
        article = replace(article, duplicate_of=near.original_id, duplicate_kind="near")
    else:
        index.add(article.id, minhash)
    replaced = save_article(
        conn,
        article,
        signature=signature,
        num_perm=settings.dedupe_num_perm,
        from_source=from_source,
    )
    changes.deleted(replaced)
    record_input(conn, pending.digest, article.id)
    changes.recorded(pending.digest, article.id)
    if keys is not None and article.duplicate_of is None:
        rows = list(keys.rows())
        save_site_lines(conn, site, article.id, rows)
        changes.saved_lines(site, article.id, rows)
    return ("duplicate" if article.duplicate_of else "stored"), article.id


@dataclass(frozen=True)
class AnalyzeReport:
    analyzed: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    failed: tuple[IngestFailure, ...] = ()


PROVISIONAL_BASIS = PROVISIONAL_ANCHOR_BASIS


def analysis_anchors(
    articles: Sequence[Article],
    stories: Sequence[Story],
    provisional: Mapping[str, str] | None = None,
) -> dict[str, tuple[str | None, str | None]]:
    """The date each article's relative dates resolve against, and how it is known.

    An article's own publication date; for an undated article in a story, the story's
    latest publication date as a provisional anchor ("on Thursday" in an undated report
    of a story published up to a Friday is that week's Thursday), said as such. An
    undated article keeps the provisional anchor it was analysed against
    (``provisional``: article id -> that date): a story that grows later does not move
    what its earlier reports meant, and adding articles analyses only those.
    """
    kept = provisional or {}
    latest = {
        article_id: story.last_date
        for story in stories
        if story.last_date
        for article_id in story.article_ids
    }
    anchors: dict[str, tuple[str | None, str | None]] = {}
    for article in articles:
        if article.published.value:
            anchors[article.id] = (article.published.value, None)
        elif article.id in latest:
            anchors[article.id] = (kept.get(article.id, latest[article.id]), PROVISIONAL_BASIS)
        else:
            anchors[article.id] = (None, None)
    return anchors


def _analysis_inputs(
    articles: Sequence[Article], anchors: dict[str, tuple[str | None, str | None]]
) -> list[AnalysisInput]:
    from newsprism.nlp.analysis import AnalysisInput

    return [
        AnalysisInput(
            article_id=a.id,
            text=a.text,
            published=anchors[a.id][0],
            outlet=a.outlet,
            anchor_basis=anchors[a.id][1],
            language=a.language,
        )
        for a in articles
    ]


def analyze(
    *,
    engine: Engine,
    settings: Settings,
    workers: int = 1,
    force: bool = False,
    only: Collection[str] | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    progress: ProgressCallback | None = None,
) -> AnalyzeReport:
    """Run the NLP pipeline over stored articles not yet analysed by this pipeline version.

    Results are saved article by article, so an interrupted run resumes where it stopped.
    """
    from newsprism.nlp.runner import expected_pipeline_version, run_analysis

    with engine.connect() as conn:
        articles = load_articles(conn)
        done_versions = analyzed_versions(conn)
        done_anchors = stored_anchors(conn)
        anchors = analysis_anchors(articles, load_stories(conn), provisional_anchors(conn))
    version = expected_pipeline_version(settings)
    if only is not None:
        articles = [a for a in articles if a.id in only]
    todo = [
        a
        for a in articles
        if force or done_versions.get(a.id) != version or done_anchors.get(a.id) != anchors[a.id][0]
    ]
    skipped = tuple(a.id for a in articles if a not in todo)
    # Articles analysed before by this pipeline whose anchor alone moved (re-dated by their
    # story): their names and places come out as before, so they keep their actor links
    # and the corpus-wide merge need not run again for them.
    redated = [] if force else [a.id for a in todo if done_versions.get(a.id) == version]
    with engine.connect() as conn:
        previous = load_analyses(conn, article_ids=redated, kinds=LINK_FACTS) if redated else {}
        actors = load_actors(conn) if redated else []
    analyzed: list[str] = []
    failed: list[IngestFailure] = []
    merge_again = False
    inputs = _analysis_inputs(todo, anchors)
    for count, outcome in enumerate(
        run_analysis(
            inputs, settings=settings, workers=workers, executor=executor, scheduler=scheduler
        ),
        start=1,
    ):
        if isinstance(outcome, IngestFailure):
            failed.append(outcome)
        else:
            kept = keep_actor_links(outcome, previous.get(outcome.article_id), actors)
            merge_again = merge_again or kept is None
            with engine.begin() as conn:
                save_analysis(conn, kept or outcome)
            analyzed.append(outcome.article_id)
        if progress:
            progress(count, len(inputs))
    if merge_again:
        resolve_actors(engine=engine)
    return AnalyzeReport(analyzed=tuple(analyzed), skipped=skipped, failed=tuple(failed))


LINK_FACTS = ("mentions", "places", "quotes")
"""The kinds of facts the corpus-wide actor merge reads or links."""


def _by_start(facts: Sequence[Any]) -> list[Any]:
    """Facts in stored order (offset, then the order they were found in)."""
    return sorted(facts, key=lambda fact: fact.start)


def keep_actor_links(
    analysis: ArticleAnalysis, previous: ArticleAnalysis | None, actors: Sequence[Actor]
) -> ArticleAnalysis | None:
    """``analysis`` with the actor links of the article's ``previous`` analysis, when its
    mentions and places are the same as then (only dates moved), else None.

    The merge into actors reads only mentions (and places, for the corpus's country), so
    with both unchanged it would give every mention the actor it has now; quote speakers
    are linked to the stored actors as the merge's last step would link them.
    """
    if previous is None:
        return None
    mentions = [replace(mention, actor_id=None) for mention in _by_start(analysis.mentions)]
    unlinked = [replace(mention, actor_id=None) for mention in previous.mentions]
    if mentions != unlinked or _by_start(analysis.places) != list(previous.places):
        return None
    quotes = link_speakers(_by_start(analysis.quotes), actors)
    return replace(analysis, mentions=previous.mentions, quotes=tuple(quotes))


def focus_country(places: Sequence[Place]) -> str | None:
    """The country a corpus (or story) is mostly about: its most mentioned country code."""
    counts = Counter(place.country_code for place in places if place.country_code)
    return counts.most_common(1)[0][0] if counts else None


def resolve_actors(*, engine: Engine) -> list[Actor]:
    """Merge every mention of the corpus into actors and link mentions and quote speakers.

    Only the links that changed are written: on a large corpus most mentions keep their
    actor, and rewriting every row cost more than the merge itself.
    """
    with engine.connect() as conn:
        mention_rows = load_fact_rows(conn, "mentions")
        quote_rows = load_fact_rows(conn, "quotes")
        places = load_facts(conn, "places")
    mentions = [mention for _, mention in mention_rows]
    actors, assignment = merge_actors(mentions, focus_country=focus_country(places))
    linked = link_mentions(mentions, assignment)
    linked_quotes = link_speakers([quote for _, quote in quote_rows], actors)
    actor_ids = {
        row_id: new.actor_id
        for (row_id, old), new in zip(mention_rows, linked, strict=True)
        if new.actor_id != old.actor_id
    }
    speaker_ids = {
        row_id: new.speaker_id
        for (row_id, old), new in zip(quote_rows, linked_quotes, strict=True)
        if new.speaker_id != old.speaker_id
    }
    with engine.begin() as conn:
        save_actors(conn, actors)
        set_fact_column(conn, "mentions", "actor_id", actor_ids)
        set_fact_column(conn, "quotes", "speaker_id", speaker_ids)
    return actors


@dataclass(frozen=True)
class StoriesReport:
    stories: tuple[Story, ...] = ()
    anchored: tuple[AnchoredDate, ...] = ()
    reanalyzed: tuple[str, ...] = ()


def _with_period(
    story: Story, dated: Mapping[str, str], analyses: Mapping[str, ArticleAnalysis]
) -> Story:
    first, last = story_period(story.article_ids, dated, analyses)
    if first is None:
        return story
    return replace(story, first_date=first, last_date=last)


def redate_stories(
    *, engine: Engine, article_ids: Collection[str] | None = None
) -> tuple[Story, ...]:
    """Set the period of each stored story (or of those holding ``article_ids``) again
    from its articles' current dates and analyses."""
    with engine.connect() as conn:
        stories = load_stories(conn)
        wanted = None if article_ids is None else set(article_ids)
        chosen = [
            story for story in stories if wanted is None or not wanted.isdisjoint(story.article_ids)
        ]
        members = [article_id for story in chosen for article_id in story.article_ids]
        articles = load_articles(conn)
        analyses = load_analyses(conn, article_ids=None if article_ids is None else members)
    dated = {a.id: a.published.value for a in articles if a.published.value}
    redated = {story.id: _with_period(story, dated, analyses) for story in chosen}
    before = {story.id: story for story in stories}
    moved = [story for story in redated.values() if story != before[story.id]]
    if moved:
        with engine.begin() as conn:
            update_stories(conn, moved)
    return tuple(redated.get(story.id, story) for story in stories)


def build_stories(*, engine: Engine, settings: Settings, workers: int = 1) -> StoriesReport:
    """Group articles into stories, anchor undated ones, and re-resolve their relative dates."""
    report = run(engine=engine, settings=settings, stages=("stories",), workers=workers).stories
    assert report is not None
    return report


GROUPING_STAGE = "stories: grouping"
ANCHORING_STAGE = "stories: anchoring dates"
REANALYSIS_STAGE = "stories: re-analysing"
"""The stories stage reports progress under these names (each a part of "stories")."""


GROUPING_FACTS = ("places", "mentions", "claims")
"""The kinds of facts grouping reads (the similarity's places, actors and figures)."""


def _without_story_anchor(article: Article) -> Article:
    """The article as if no grouping had fixed its date (as ``clear_story_anchors`` leaves it)."""
    if not article.published.method.startswith(ANCHOR_METHOD_PREFIX):
        return article
    method = "text_partial" if article.published.hints else "none"
    cleared = replace(article.published, value=None, method=method, confidence=0.0, evidence=None)
    return replace(article, published=cleared)


def group_into_stories(
    *,
    engine: Engine,
    progress: StageProgress | None = None,
    changed: Collection[str] | None = None,
) -> StoriesReport:
    """Group articles into stories and anchor undated ones (no analysis: see ``run``).

    New articles are placed into the stored stories (or new ones). With ``changed`` (ids
    of the articles analysed since the last grouping), only stories that gain an article
    or hold a changed one are described, anchored and written again, so the work follows
    what was added; without it every story is (``newsprism stories`` on its own).
    ``progress`` hears (GROUPING_STAGE, 0, 0) while articles are grouped, then
    (ANCHORING_STAGE, done, stories) after each story's dates are anchored.
    """
    if progress:
        progress(GROUPING_STAGE, 0, 0)
    with engine.connect() as conn:
        existing = load_stories(conn)
        articles = [_without_story_anchor(a) for a in load_articles(conn)]
        features = load_analyses(conn, kinds=GROUPING_FACTS)
    grouped = group_stories(articles, features, existing=existing, changed=changed)
    before = {story.id: story for story in existing}
    touched = [story for story in grouped if before.get(story.id) != story]
    if changed is None:
        touched = grouped
    members = [article_id for story in touched for article_id in story.article_ids]
    with engine.connect() as conn:
        analyses = load_analyses(conn, article_ids=members)
    if progress:
        progress(GROUPING_STAGE, 1, 1)
    by_id = {article.id: article for article in articles}
    anchored: list[AnchoredDate] = []
    for done, story in enumerate(touched, start=1):
        story_articles = [by_id[i] for i in story.article_ids if i in by_id]
        anchored.extend(anchor_story(story, story_articles, analyses))
        if progress:
            progress(ANCHORING_STAGE, done, len(touched))
    dated = {a.id: a.published.value for a in articles if a.published.value}
    dated |= {anchor.article_id: anchor.value for anchor in anchored}
    renewed = {story.id: _with_period(story, dated, analyses) for story in touched}
    with engine.begin() as conn:
        if changed is None:
            clear_story_anchors(conn)
            save_stories(conn, list(renewed.values()))
        else:
            clear_story_anchors(conn, members)
            update_stories(conn, list(renewed.values()))
        save_anchored_dates(conn, anchored)
    stories = [renewed.get(story.id, story) for story in grouped]
    return StoriesReport(stories=tuple(stories), anchored=tuple(anchored))


STAGES = ("ingest", "analyze", "stories")
"""Every stage, in the one order the command line, the web app and the Python API use."""

StageProgress = Callable[[str, int, int], None]
"""Called with (stage, done, total); ``total`` is 0 while a stage's size is unknown."""


@dataclass(frozen=True)
class RunReport:
    """What each stage that ran did; ``None`` for a stage not asked for."""

    ingest: IngestReport | None = None
    analysis: AnalyzeReport | None = None
    stories: StoriesReport | None = None

    @property
    def failed(self) -> tuple[IngestFailure, ...]:
        ingest_failed = self.ingest.failed if self.ingest else ()
        analysis_failed = self.analysis.failed if self.analysis else ()
        return ingest_failed + analysis_failed


def _stage(progress: StageProgress | None, stage: str) -> ProgressCallback | None:
    """``progress`` bound to one stage's name (``None`` stays ``None``)."""
    if progress is None:
        return None
    report_progress = progress
    return lambda done, total: report_progress(stage, done, total)


def run(
    inputs: Sequence[str] = (),
    *,
    engine: Engine,
    settings: Settings,
    stages: Collection[str] = STAGES,
    workers: int = 1,
    force: bool = False,
    executor: str = "local",
    scheduler: str | None = None,
    overrides: IngestOverrides | None = None,
    stdin: IO[bytes] | None = None,
    progress: StageProgress | None = None,
) -> RunReport:
    """Run the asked stages in order: ingest, analyze, then stories.

    Grouping into stories can fix an undated article's date (or give it a provisional
    one), so the stories stage ends by analysing again the articles whose anchor changed.
    """
    unknown = set(stages) - set(STAGES)
    if unknown:
        raise InputError(f"unknown stage {sorted(unknown)[0]!r}", where="pipeline")

    def stage_progress(stage: str) -> ProgressCallback | None:
        return _stage(progress, stage)

    ingested = analysis = stories = None
    if "ingest" in stages:
        ingested = ingest(
            inputs,
            engine=engine,
            settings=settings,
            overrides=overrides,
            stdin=stdin,
            progress=stage_progress("ingest"),
            workers=workers,
        )
    if "analyze" in stages:
        analysis = analyze(
            engine=engine,
            settings=settings,
            workers=workers,
            force=force,
            executor=executor,
            scheduler=scheduler,
            progress=stage_progress("analyze"),
        )
    if "stories" in stages:
        # After an analysis stage, only stories it touched are described again.
        changed = analysis.analyzed if analysis is not None else None
        grouped = group_into_stories(engine=engine, progress=progress, changed=changed)
        # Articles whose anchor (own, story-fixed or provisional) changed are analysed again.
        again = analyze(
            engine=engine,
            settings=settings,
            workers=workers,
            executor=executor,
            scheduler=scheduler,
            progress=stage_progress(REANALYSIS_STAGE),
        )
        stories = replace(grouped, reanalyzed=again.analyzed)
        if again.analyzed:
            # Re-dated articles' events now have days: the periods follow them.
            redated = redate_stories(engine=engine, article_ids=again.analyzed)
            stories = replace(stories, stories=redated)
        if analysis is not None:
            analysis = replace(analysis, failed=analysis.failed + again.failed)
    return RunReport(ingest=ingested, analysis=analysis, stories=stories)


def make_briefing(
    *,
    engine: Engine,
    settings: Settings,
    story_id: str | None = None,
    progress: StageProgress | None = None,
) -> dict[str, Any]:
    """Compare the stored stories across outlets and build the briefing of all (or one).

    ``progress`` hears ("loading the corpus", 0, 0), then ("comparing stories", done,
    stories) after each story and ("writing the briefing", done, stories) likewise.
    """
    if progress:
        progress("loading the corpus", 0, 0)
    corpus = load_corpus(engine)
    stories = (corpus.story(story_id),) if story_id else corpus.stories + corpus.unstoried()
    comparisons: list[StoryComparison] = []
    for done, story in enumerate(stories, start=1):
        comparisons.append(compare_story(corpus, story, settings=settings))
        if progress:
            progress("comparing stories", done, len(stories))
    return briefing_of(
        corpus, comparisons, settings=settings, progress=_stage(progress, "writing the briefing")
    )


def briefing_of(
    corpus: Corpus,
    comparisons: Sequence[StoryComparison],
    *,
    settings: Settings,
    progress: ProgressCallback | None = None,
) -> dict[str, Any]:
    """The briefing of already compared stories (the web app and Python API keep these)."""
    anchored = {
        article.id: AnchoredDate(
            article_id=article.id,
            value=article.published.value,
            method=article.published.method.removeprefix(ANCHOR_METHOD_PREFIX),
            evidence=article.published.evidence or "",
        )
        for article in corpus.articles
        if article.published.value and article.published.method.startswith(ANCHOR_METHOD_PREFIX)
    }
    return build_briefing(
        stories=[c.story for c in comparisons],
        articles=corpus.articles,
        analyses=corpus.analyses,
        ledgers={c.story.id: c.ledger for c in comparisons},
        relays={c.story.id: c.relays for c in comparisons},
        framings={c.story.id: c.framings for c in comparisons},
        outlet_notes=settings.outlet_notes,
        anchored_dates=anchored,
        events={c.story.id: c.events for c in comparisons},
        progress=progress,
    )
