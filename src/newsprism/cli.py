"""The ``newsprism`` command: parse input, call one library function, format the result.

Errors are one line ``error: WHAT (WHERE)`` on stderr; ``--debug`` shows tracebacks.
Exit codes: 0 all went well; 1 some inputs failed but others were read; 2 bad usage,
or no input could be read, or a store/settings error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsprism import __version__
from newsprism.choices import EVALUATION_SPLITS, EXPORT_FORMATS, EXPORT_KIND_NAMES
from newsprism.errors import InputError, NewsprismError, shown
from newsprism.settings import DEFAULT_DB

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from newsprism.ingest.assemble import IngestOverrides
    from newsprism.models import IngestReport
    from newsprism.pipeline import AnalyzeReport, RunReport, StageProgress
    from newsprism.settings import Settings

# Library modules are imported inside the commands that use them, so that
# ``newsprism --help`` answers at once and loads neither spaCy nor the store.

stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class CliState:
    def __init__(self, db: str | None, config: Path | None, debug: bool) -> None:
        self.db_option = db
        self.config = config
        self.debug = debug
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        from newsprism.settings import load_settings

        if self._settings is None:
            self._settings = load_settings(self.config, db=self.db_option)
        return self._settings


def _error_line(message: str) -> None:
    stderr.print(f"error: {shown(message)}", markup=False)


@contextmanager
def progress_bar() -> Iterator[StageProgress]:
    """One bar per stage, started when the stage reports its first progress.

    Quiet when standard error is not a terminal (a pipe, a log file, CI): errors and the
    summary still print, the bars do not.
    """
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=False,
        disable=not stderr.is_terminal,
    ) as progress:
        tasks: dict[str, Any] = {}

        def advance(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=None)
            progress.update(tasks[stage], completed=done, total=total or None)

        yield advance


def print_ingest_report(report: IngestReport) -> None:
    for failure in report.failed:
        _error_line(f"{failure.reason} ({failure.where})")
    for warning in report.warnings:
        stderr.print(f"warning: {shown(warning.reason)} ({shown(warning.where)})", markup=False)
    table = Table(title="ingest", show_header=True, header_style="bold")
    for column in ("ingested", "duplicates", "unchanged", "failed"):
        table.add_column(column, justify="right")
    table.add_row(
        str(len(report.stored)),
        str(len(report.duplicates)),
        str(len(report.unchanged)),
        str(len(report.failed)),
    )
    stderr.print(table)


def ingest_exit_code(report: IngestReport) -> int:
    if not report.read_any:
        return 2
    return 1 if report.failed else 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="URL", help=f"Database URL (default {DEFAULT_DB}, env NEWSPRISM_DB).")
@click.option("--config", type=click.Path(path_type=Path), help="Settings file (newsprism.toml).")
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.version_option(__version__, prog_name="newsprism")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config: Path | None, debug: bool) -> None:
    """Turn a pile of news articles about a crisis into a sourced, cross-checked picture."""
    ctx.obj = CliState(db, config, debug)


def _run(
    state: CliState,
    stages: tuple[str, ...],
    inputs: Sequence[str] = (),
    *,
    overrides: IngestOverrides | None = None,
    workers: int = 1,
    force: bool = False,
    executor: str = "local",
    scheduler: str | None = None,
) -> RunReport:
    """Every command that changes the store goes through the one orchestration."""
    from newsprism.pipeline import run
    from newsprism.store.database import open_store

    engine = open_store(state.settings.db)
    try:
        stdin = sys.stdin.buffer if "-" in inputs else None
        with progress_bar() as advance:
            return run(
                inputs,
                engine=engine,
                settings=state.settings,
                stages=stages,
                workers=workers,
                force=force,
                executor=executor,
                scheduler=scheduler,
                overrides=overrides,
                stdin=stdin,
                progress=advance,
            )
    finally:
        engine.dispose()


def print_analyze_report(report: AnalyzeReport) -> None:
    for failure in report.failed:
        _error_line(f"{failure.reason} ({failure.where})")
    stderr.print(
        f"analyzed {len(report.analyzed)}, already up to date {len(report.skipped)}, "
        f"failed {len(report.failed)}"
    )


def print_stories_report(report: RunReport) -> None:
    if report.stories is None:
        return
    stderr.print(
        f"stories {len(report.stories.stories)}, "
        f"publication dates anchored {len(report.stories.anchored)}, "
        f"re-analysed {len(report.stories.reanalyzed)}"
    )


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--outlet", help="Outlet of every article read (overrides what is found).")
@click.option("--url", help="URL of the article (for a single input).")
@click.option("--date", help="Publication date of every article read.")
@click.option("--language", help="Language code of every article read.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes to clean articles in (the stored result is the same).",
)
@click.pass_obj
def ingest_command(
    state: CliState,
    inputs: tuple[str, ...],
    outlet: str | None,
    url: str | None,
    date: str | None,
    language: str | None,
    workers: int,
) -> None:
    """Read, clean, deduplicate and store articles: files, folders, globs, or - for JSON lines."""
    from newsprism.ingest.assemble import IngestOverrides

    overrides = IngestOverrides(outlet=outlet, url=url, date=date, language=language)
    result = _run(state, ("ingest",), inputs, overrides=overrides, workers=workers)
    assert result.ingest is not None
    report = result.ingest
    print_ingest_report(report)
    if not report.read_any:
        raise InputError("no input could be read", where=", ".join(inputs))
    sys.exit(ingest_exit_code(report))


@cli.command("analyze")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes to run the analysis in.",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where the work runs: local processes, or a Dask cluster (the dask extra).",
)
@click.option(
    "--scheduler",
    metavar="ADDR",
    help="Dask scheduler address (tcp://host:8786); without it a local Dask cluster is started.",
)
@click.option("--force", is_flag=True, help="Analyse again articles already analysed.")
@click.pass_obj
def analyze_command(
    state: CliState, workers: int, executor: str, scheduler: str | None, force: bool
) -> None:
    """Extract people, places, dates, quotes, citations, claims and events from stored articles."""
    if scheduler and executor != "dask":
        raise InputError("--scheduler goes with --executor dask", where="analyze")
    result = _run(
        state, ("analyze",), workers=workers, force=force, executor=executor, scheduler=scheduler
    )
    assert result.analysis is not None
    print_analyze_report(result.analysis)
    sys.exit(1 if result.analysis.failed else 0)


def open_for_reading(state: CliState) -> Engine:
    """The store opened read-only, with a warning when it holds no articles."""
    from newsprism.store.articles import count_articles
    from newsprism.store.database import open_store, sqlite_path

    engine = open_store(state.settings.db, readonly=True)
    with engine.connect() as conn:
        empty = count_articles(conn) == 0
    if empty:
        url = state.settings.db
        where = str(sqlite_path(url) or engine.url.render_as_string(hide_password=True))
        stderr.print(f"warning: the database holds no articles ({where})", markup=False)
    return engine


def _briefing(state: CliState, story_id: str | None, *, readonly: bool = True) -> dict[str, Any]:
    from newsprism.pipeline import make_briefing
    from newsprism.store.database import open_store

    engine = open_for_reading(state) if readonly else open_store(state.settings.db)
    try:
        with progress_bar() as advance:
            return make_briefing(
                engine=engine, settings=state.settings, story_id=story_id, progress=advance
            )
    finally:
        engine.dispose()


@cli.command("stories")
@click.pass_obj
def stories_command(state: CliState) -> None:
    """Group stored articles into stories and anchor undated ones in time."""
    print_stories_report(_run(state, ("stories",)))


@cli.command("run")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for briefing.html, briefing.md and briefing.json.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes to clean articles in and to run the analysis in.",
)
@click.option("--outlet", help="Outlet of every article read (overrides what is found).")
@click.pass_obj
def run_command(
    state: CliState, inputs: tuple[str, ...], out_dir: Path, workers: int, outlet: str | None
) -> None:
    """Ingest, analyse, group into stories, compare outlets and write the briefing."""
    from newsprism.ingest.assemble import IngestOverrides
    from newsprism.report import write_briefing

    overrides = IngestOverrides(outlet=outlet) if outlet else None
    result = _run(state, ("ingest",), inputs, workers=workers, overrides=overrides)
    assert result.ingest is not None
    print_ingest_report(result.ingest)
    if not result.ingest.read_any:
        raise InputError("no input could be read", where=", ".join(inputs))
    rest = _run(state, ("analyze", "stories"), workers=workers)
    assert rest.analysis is not None
    print_analyze_report(rest.analysis)
    print_stories_report(rest)
    for path in write_briefing(_briefing(state, None, readonly=False), out_dir):
        click.echo(str(path))
    sys.exit(max(ingest_exit_code(result.ingest), 1 if rest.analysis.failed else 0))


@cli.command("report")
@click.option("--story", "story_id", help="Only this story (see `newsprism export stories`).")
@click.option(
    "--format", "fmt", type=click.Choice(["html", "md", "json"]), default="html", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@click.pass_obj
def report_command(state: CliState, story_id: str | None, fmt: str, output: Path | None) -> None:
    """Write the briefing of the stored stories as HTML, Markdown or JSON."""
    from newsprism.report import render_html, render_json, render_markdown

    briefing = _briefing(state, story_id)
    renderers = {"html": render_html, "md": render_markdown, "json": render_json}
    content = renderers[fmt](briefing)
    if output is None:
        click.echo(content, nl=False)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the report: {exc.strerror}", where=str(output)) from exc
    click.echo(str(output))


@cli.command("export")
@click.argument("kind", type=click.Choice(EXPORT_KIND_NAMES))
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output).",
)
@click.pass_obj
def export_command(state: CliState, kind: str, fmt: str, output: Path | None) -> None:
    """Export records of KIND."""
    from newsprism.export import check_format, export_acled, export_records, write_records

    check_format(kind, fmt)
    engine = open_for_reading(state)
    try:
        if fmt == "acled":
            records = export_acled(engine, settings=state.settings)
        else:
            records = export_records(engine, kind, settings=state.settings)
    finally:
        engine.dispose()
    write_records(records, fmt=fmt, path=output, stream=None if output else sys.stdout)


@cli.command("search")
@click.argument("query")
@click.option("--limit", default=20, show_default=True, help="Most hits to show.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@click.pass_obj
def search_command(state: CliState, query: str, limit: int, as_json: bool) -> None:
    """Full-text search over the stored articles."""
    from newsprism.store.articles import search_articles

    engine = open_for_reading(state)
    try:
        with engine.connect() as conn:
            hits = search_articles(conn, query, limit=limit)
    finally:
        engine.dispose()
    if as_json:
        for hit in hits:
            click.echo(json.dumps(hit.__dict__, ensure_ascii=False))
        return
    if not hits:
        stderr.print("no matches")
        return
    table = Table(show_header=True, header_style="bold")
    for column in ("id", "outlet", "title", "snippet"):
        table.add_column(column)
    for hit in hits:
        table.add_row(
            hit.article_id, Text(hit.outlet or ""), Text(hit.title or ""), Text(hit.snippet)
        )
    Console(soft_wrap=False).print(table)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--token",
    envvar="NEWSPRISM_TOKEN",
    help="Required from every request (Bearer header, or ?token= once); needed off loopback.",
)
@click.pass_obj
def serve_command(state: CliState, host: str, port: int, token: str | None) -> None:
    """Serve the web app, its JSON twins and the HTTP API (docs at /api/docs)."""
    from newsprism.web.security import is_loopback

    if not is_loopback(host) and not token:
        raise InputError(
            "refusing to listen beyond this machine without --token", where=f"{host}:{port}"
        )
    import uvicorn

    from newsprism.api import Newsprism
    from newsprism.web.app import create_app

    app = create_app(Newsprism(settings=state.settings), token=token, warm=True)
    shown = f"http://{host}:{port}/" + (" (token required)" if token else "")
    stderr.print(f"serving {shown}", markup=False)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


@cli.command("evaluate")
@click.argument("gold_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("gold"))
@click.option(
    "--split",
    type=click.Choice(EVALUATION_SPLITS),
    default="all",
    show_default=True,
    help="Score all texts, the development ones, or the held-out ones.",
)
@click.option(
    "--misses",
    "misses_of",
    metavar="EXTRACTOR",
    help="Also list every miss of one extractor (claims, quotes, places, dates ...).",
)
@click.option(
    "--language",
    metavar="CODE",
    help="Score only the texts in one language (en, ru, fr ...); 'each': one report a language.",
)
@click.option(
    "--ledger",
    "ledger_only",
    is_flag=True,
    help="Score the claim ledger against the expected cards under GOLD_DIR/ledger instead.",
)
@click.pass_obj
def evaluate_command(
    state: CliState,
    gold_dir: Path,
    split: str,
    misses_of: str | None,
    language: str | None,
    ledger_only: bool,
) -> None:
    """Score the extractors (or, with --ledger, the claim ledger) against hand-annotated gold."""
    if ledger_only:
        from newsprism.ledger_evaluation import evaluate_ledger, format_ledger_report

        click.echo(format_ledger_report(evaluate_ledger(gold_dir, settings=state.settings)))
        return
    from newsprism.evaluation import evaluate, format_misses, format_report, load_gold

    languages: list[str | None] = [language]
    if language == "each":
        languages = [*sorted({doc.language for doc in load_gold(gold_dir)})]
    for index, code in enumerate(languages):
        if len(languages) > 1:
            click.echo(("\n" if index else "") + f"== language: {code} ==")
        report = evaluate(gold_dir, settings=state.settings, split=split, language=code)
        click.echo(format_report(report))
        if misses_of:
            click.echo()
            click.echo(format_misses(report, extractor=misses_of))


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: run the command group and turn errors into one-line messages."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        result: Any = cli.main(args=args, prog_name="newsprism", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
        sys.exit(2)
    except click.UsageError as exc:
        if debug:
            raise
        command = exc.ctx.command_path if exc.ctx else "newsprism"
        _error_line(f"{exc.format_message()} (usage: {command} --help)")
        sys.exit(2)
    except click.exceptions.Abort:
        _error_line("aborted")
        sys.exit(1)
    except NewsprismError as exc:
        if debug:
            raise
        _error_line(str(exc))
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:
        if debug:
            raise
        _error_line(f"{type(exc).__name__}: {exc} (run with --debug for the traceback)")
        sys.exit(1)
    sys.exit(result if isinstance(result, int) else 0)


if __name__ == "__main__":
    main()
