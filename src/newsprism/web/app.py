"""The FastAPI application: pages with JSON twins, the HTTP API, uploads, offline API docs.

Routes are stable so links can be shared; every page renders its content on the server
(htmx only enhances); errors are JSON (or a page) with the right status, never a traceback.
"""

from __future__ import annotations

import base64
import csv
import gc
import io
import json
import threading
from collections.abc import Iterator, Mapping
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsprism import __version__
from newsprism.api import Newsprism
from newsprism.choices import EXPORT_KIND_NAMES
from newsprism.errors import InputError, NewsprismError, NotFound
from newsprism.export import csv_cell
from newsprism.web import pages
from newsprism.web.jobs import (
    MAX_FILES,
    MAX_UPLOAD_BYTES,
    UPLOAD_EXTENSIONS,
    JobFailure,
    Jobs,
    refusal,
)
from newsprism.web.security import guard, safe_href

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
WORLD = HERE.parent / "report" / "assets" / "world-110m.json"
DEFAULT_PAGE_SIZE = 100


class BadRequest(InputError):
    """A filter, cursor or parameter the API cannot use (422)."""


def to_jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        out = asdict(value)
        for name in ("finished", "percent"):
            if hasattr(type(value), name) and isinstance(getattr(type(value), name), property):
                out[name] = getattr(value, name)
        return to_jsonable(out)
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in value]
    return value


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_href"] = safe_href
    env.filters["tojson_attr"] = lambda value: json.dumps(to_jsonable(value), ensure_ascii=False)
    env.filters["number"] = _number
    env.globals["version"] = __version__
    return env


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


# --- records: filters and cursors -------------------------------------------------------


def _matches(record: Mapping[str, Any], column: str, wanted: str) -> bool:
    value = record.get(column)
    if value is None:
        return wanted in ("", "null")
    if isinstance(value, bool):
        return wanted.lower() == str(value).lower()
    if isinstance(value, (int, float)):
        try:
            return float(wanted) == float(value)
        except ValueError:
            return False
    if isinstance(value, (list, tuple)):
        return any(str(item) == wanted for item in value)
    if isinstance(value, Mapping):
        return wanted in value
    return str(value) == wanted


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not raw.startswith("o:"):
            raise ValueError(raw)
        offset = int(raw[2:])
        if offset < 0:
            raise ValueError(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(
            f"bad cursor {cursor!r}: use the 'next' value of a page", where="_next"
        ) from exc
    return offset


def filtered_records(
    records: tuple[dict[str, Any], ...], params: Mapping[str, str], kind: str
) -> list[dict[str, Any]]:
    filters = {k: v for k, v in params.items() if not k.startswith("_") and k != "token"}
    if filters and records:
        columns = set().union(*(r.keys() for r in records[:50]))
        for column in filters:
            if column not in columns:
                raise BadRequest(
                    f"unknown column {column!r} for {kind}; columns: {', '.join(sorted(columns))}",
                    where=f"/api/{kind}",
                )
    return [r for r in records if all(_matches(r, c, v) for c, v in filters.items())]


def csv_stream(rows: list[dict[str, Any]]) -> Iterator[str]:
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for n, row in enumerate(rows, 1):
        writer.writerow([csv_cell(row.get(c)) for c in columns])
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


# --- the application --------------------------------------------------------------------


class State:
    """The store and what was read from it, kept until an upload job changes it."""

    def __init__(self, prism: Newsprism) -> None:
        self.prism = prism
        self._records: dict[str, tuple[dict[str, Any], ...]] = {}
        self._lock = threading.Lock()
        self._frozen = False

    def records(self, kind: str) -> tuple[dict[str, Any], ...]:
        with self._lock:
            if kind not in self._records:
                self._records[kind] = self.prism.records(kind).items
            return self._records[kind]

    def forget(self) -> None:
        with self._lock:
            self._records.clear()
            self.prism.forget()
            if self._frozen:
                gc.unfreeze()  # what was read before the change may now be collected
                self._frozen = False

    def settle(self) -> None:
        """Once the corpus is read and compared, keep the collector from walking it again.

        The cached corpus is large and lives until the store changes; without this a full
        collection every few requests costs ~150 ms on 5,000 articles.
        """
        if not self._frozen and "comparisons" in self.prism.__dict__:
            with self._lock:
                gc.collect()
                gc.freeze()
                self._frozen = True


def _wants_json(request: Request, suffix: bool) -> bool:
    if suffix:
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _strip_json(name: str) -> tuple[str, bool]:
    return (name[:-5], True) if name.endswith(".json") else (name, False)


def create_app(prism: Newsprism, *, token: str | None = None, warm: bool = False) -> FastAPI:
    """The web app over ``prism``; with ``token`` every request must present it.

    ``warm`` compares every story in a background thread at once, so the first visitor
    does not wait for it (on 5,000 articles that takes about 20 s).
    """
    state = State(prism)
    if warm:

        def compare_everything() -> None:
            prism.stories()
            state.settle()

        threading.Thread(target=compare_everything, daemon=True, name="warm").start()
    env = _environment()
    app = FastAPI(
        title="newsprism",
        version=__version__,
        description="Stories, figures, articles and every export kind of a newsprism store.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.middleware("http")(guard(token))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def run_job(paths: list[str], progress: Any) -> Any:
        worker = Newsprism(settings=prism.settings)
        try:
            return worker.run(paths, progress=progress)
        finally:
            worker.close()

    jobs = Jobs(run=run_job, on_done=state.forget)
    app.state.jobs = jobs
    app.state.newsprism = state

    def render(
        request: Request,
        template: str,
        context: Any,
        *,
        json_twin: bool,
        status: int = 200,
        fragment: str | None = None,
    ) -> Response:
        state.settle()
        if _wants_json(request, json_twin):
            return JSONResponse(to_jsonable(context), status_code=status)
        name = fragment if fragment and request.headers.get("hx-request") else template
        path = request.url.path if request.url.path != "/" else "/stories"
        query = f"?{request.url.query}" if request.url.query else ""
        html = env.get_template(name).render(
            page=context, request_path=path, json_path=f"{path}.json{query}"
        )
        return HTMLResponse(html, status_code=status)

    def error_response(request: Request, status: int, message: str) -> Response:
        path = request.url.path
        if path.startswith("/api/") or path.endswith(".json") or _wants_json(request, False):
            return JSONResponse({"error": message, "status": status}, status_code=status)
        html = env.get_template("error.html.j2").render(
            page={"status": status, "message": message}, request_path=path, json_path=None
        )
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        return error_response(request, 422, str(exc))

    @app.exception_handler(NewsprismError)
    async def library_error(request: Request, exc: NewsprismError) -> Response:
        return error_response(request, 500, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return error_response(request, 422, f"{first.get('msg', 'invalid request')} ({where})")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page {request.url.path!r}"
        return error_response(request, exc.status_code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        return error_response(request, 500, f"internal error: {type(exc).__name__}")

    # --- pages -------------------------------------------------------------------------

    def stories_response(request: Request, json_twin: bool) -> Response:
        wanted = ("outlet", "language", "since", "until")
        filters = {k: v for k in wanted if (v := request.query_params.get(k))}
        context = pages.stories_page(state.prism, filters)
        return render(request, "stories.html.j2", context, json_twin=json_twin)

    @app.get("/", include_in_schema=False)
    def home(request: Request) -> Response:
        return stories_response(request, False)

    @app.get("/stories", summary="Stories list (page; .json twin)")
    def stories(request: Request) -> Response:
        return stories_response(request, False)

    @app.get("/stories.json", summary="Stories list as JSON")
    def stories_json(request: Request) -> Response:
        return stories_response(request, True)

    @app.get("/stories/{story_id}", summary="One story (page; append .json for JSON)")
    def story(request: Request, story_id: str) -> Response:
        story_id, twin = _strip_json(story_id)
        context = pages.story_page(state.prism, story_id)
        return render(request, "story.html.j2", context, json_twin=twin)

    @app.get("/figures/{figure_id}", summary="One figure's history (page; .json twin)")
    def figure(request: Request, figure_id: str) -> Response:
        figure_id, twin = _strip_json(figure_id)
        context = pages.figure_page(state.prism, figure_id)
        return render(request, "figure.html.j2", context, json_twin=twin)

    @app.get("/articles/{article_id}", summary="One article with its facts (page; .json twin)")
    def article(request: Request, article_id: str, hl: str | None = None) -> Response:
        article_id, twin = _strip_json(article_id)
        highlight = None
        if hl:
            try:
                start, end = (int(part) for part in hl.split("-", 1))
                highlight = (start, end)
            except ValueError as exc:
                raise BadRequest(f"bad highlight {hl!r}: use START-END", where="hl") from exc
        context = pages.article_page(state.prism, article_id, highlight)
        return render(request, "article.html.j2", context, json_twin=twin)

    @app.get("/outlets/{name:path}", summary="One outlet across stories (page; .json twin)")
    def outlet(request: Request, name: str) -> Response:
        known = set(state.prism.outlets())
        twin = False
        if name not in known and name.endswith(".json") and name[:-5] in known:
            name, twin = name[:-5], True
        context = pages.outlet_page(state.prism, name)
        return render(request, "outlet.html.j2", context, json_twin=twin)

    def search_response(request: Request, json_twin: bool) -> Response:
        params = request.query_params
        try:
            size = int(params.get("_size", "20"))
            offset = int(params.get("_offset", "0"))
        except ValueError as exc:
            raise BadRequest("_size and _offset are whole numbers", where="search") from exc
        if size < 1:
            raise BadRequest("_size must be at least 1", where="search")
        results = state.prism.search(
            params.get("q", ""),
            outlet=params.get("outlet") or None,
            language=params.get("language") or None,
            story=params.get("story") or None,
            date=params.get("date") or None,
            bucket=params.get("bucket", "day"),
            offset=offset,
            limit=size,
        )
        context = pages.search_page(state.prism, results, size)
        return render(
            request,
            "search.html.j2",
            context,
            json_twin=json_twin,
            fragment="search_results.html.j2",
        )

    @app.get("/search", summary="Full-text search with facets (page; .json twin)")
    def search(request: Request) -> Response:
        return search_response(request, False)

    @app.get("/search.json", summary="Full-text search with facets, as JSON")
    def search_json(request: Request) -> Response:
        return search_response(request, True)

    def upload_context() -> pages.UploadPage:
        listed = tuple(reversed(list(jobs.states.values())))[:10]
        return pages.UploadPage(listed, MAX_UPLOAD_BYTES // (1024 * 1024), UPLOAD_EXTENSIONS)

    @app.get("/upload", summary="Upload page")
    def upload_form(request: Request) -> Response:
        return render(request, "upload.html.j2", upload_context(), json_twin=False)

    @app.get("/upload.json", summary="Upload jobs, as JSON")
    def upload_json(request: Request) -> Response:
        return render(request, "upload.html.j2", upload_context(), json_twin=True)

    @app.post("/upload", summary="Upload article files; they are analysed in the background")
    async def upload(request: Request) -> Response:
        length = int(request.headers.get("content-length") or 0)
        if length > MAX_UPLOAD_BYTES * 2:
            raise StarletteHTTPException(413, f"upload larger than {MAX_UPLOAD_BYTES * 2} bytes")
        accepted: list[tuple[str, bytes]] = []
        refused: list[JobFailure] = []
        async with request.form(max_files=MAX_FILES, max_part_size=MAX_UPLOAD_BYTES + 1) as form:
            for item in form.getlist("files"):
                if isinstance(item, str):
                    continue
                name = item.filename or "upload"
                content = await item.read(MAX_UPLOAD_BYTES + 1)
                reason = refusal(name, len(content))
                if reason:
                    refused.append(JobFailure(name, reason))
                else:
                    accepted.append((name, content))
        if not accepted and not refused:
            raise BadRequest("no file in the upload (form field 'files')", where="upload")
        job = jobs.start(accepted, refused)
        return job_response(request, job.id, False, status=202)

    def job_response(request: Request, job_id: str, json_twin: bool, status: int = 200) -> Response:
        job = jobs.get(job_id)
        if job is None:
            raise NotFound(f"no job {job_id!r}", where="jobs")
        titles = (
            {c.story.id: c.story.title for c in state.prism.comparisons.values()}
            if job.finished
            else {}
        )
        context = pages.JobPage(job, job.percent, job.finished, titles)
        return render(
            request,
            "job.html.j2",
            context,
            json_twin=json_twin,
            status=status,
            fragment="job_fragment.html.j2",
        )

    @app.get("/jobs/{job_id}", summary="An upload job's progress (page; .json twin)")
    def job(request: Request, job_id: str) -> Response:
        job_id, twin = _strip_json(job_id)
        return job_response(request, job_id, twin)

    # --- the API -----------------------------------------------------------------------

    @app.get("/api/docs", include_in_schema=False)
    def api_docs(request: Request) -> Response:
        return HTMLResponse(
            env.get_template("api_docs.html.j2").render(
                page={}, request_path="/api/docs", json_path=None
            )
        )

    def api_rows(kind: str) -> tuple[dict[str, Any], ...]:
        if kind not in EXPORT_KIND_NAMES:
            raise NotFound(
                f"no export kind {kind!r}; kinds: {', '.join(EXPORT_KIND_NAMES)}", where="/api"
            )
        return state.records(kind)

    @app.get(
        "/api/{kind}",
        summary="Records of an export kind: ?column=value filters, _size/_next cursor paging",
    )
    def api_kind(request: Request, kind: str) -> Response:
        if kind.endswith(".csv"):
            return api_csv(request, kind[:-4])
        params = dict(request.query_params)
        rows = filtered_records(api_rows(kind), params, kind)
        try:
            size = int(params.get("_size", DEFAULT_PAGE_SIZE))
        except ValueError as exc:
            raise BadRequest("_size must be a whole number", where="_size") from exc
        if size < 1:
            raise BadRequest("_size must be at least 1", where="_size")
        offset = decode_cursor(params["_next"]) if params.get("_next") else 0
        page = rows[offset : offset + size]
        following = offset + size if offset + size < len(rows) else None
        return JSONResponse(
            {
                "rows": page,
                "next": encode_cursor(following) if following is not None else None,
                "total": len(rows),
            }
        )

    def api_csv(request: Request, kind: str) -> Response:
        rows = filtered_records(api_rows(kind), dict(request.query_params), kind)
        return StreamingResponse(
            csv_stream(rows),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{kind}.csv"'},
        )

    @app.get("/api", summary="The export kinds")
    def api_index() -> Response:
        return JSONResponse(
            {"kinds": list(EXPORT_KIND_NAMES), "docs": "/api/docs", "openapi": "/api/openapi.json"}
        )

    @app.get("/basemap.json", include_in_schema=False)
    def basemap() -> Response:
        return Response(WORLD.read_bytes(), media_type="application/json")

    return app
