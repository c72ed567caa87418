"""Upload jobs: ingest, analysis and stories run in a background thread, one job at a time."""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsprism.pipeline import RunReport

UPLOAD_EXTENSIONS = (
    ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".shtml",
    ".xml", ".rss", ".atom", ".rdf", ".json", ".jsonl", ".ndjson", ".warc", ".gz",
)  # fmt: skip
"""What the readers understand (``.gz`` for ``.warc.gz``); anything else is refused by name."""
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_FILES = 200


@dataclass(frozen=True)
class JobFailure:
    where: str
    reason: str


@dataclass(frozen=True)
class JobState:
    """What a job page shows: the stage under way, its progress, and what came of it."""

    id: str
    status: str  # queued | running | done | failed
    stage: str = "queued"
    done: int = 0
    total: int = 0
    files: tuple[str, ...] = ()
    refused: tuple[JobFailure, ...] = ()
    failed: tuple[JobFailure, ...] = ()
    ingested: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    analyzed: int = 0
    stories: tuple[str, ...] = ()
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    @property
    def percent(self) -> int:
        stage = self.stage.split(":")[0]  # "stories: grouping" is a part of "stories"
        stage_weight = {"queued": 0, "ingest": 0, "analyze": 1, "stories": 2}.get(stage, 3)
        within = self.done / self.total if self.total else 0.0
        return 100 if self.finished else int(100 * (stage_weight + within) / 3)


_UNSAFE_NAME = re.compile(r"[^\w.\-]+", re.UNICODE)


def safe_filename(name: str) -> str:
    """The last path part of an uploaded file's name, with nothing that walks out of a folder."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE_NAME.sub("_", base).lstrip(".")
    return base[:120] or "upload"


def refusal(name: str, size: int) -> str | None:
    lowered = name.lower()
    if not lowered.endswith(UPLOAD_EXTENSIONS):
        return "not an article file (.txt, .html, .json, .jsonl, .xml/.rss, .warc expected)"
    if lowered.endswith(".gz") and not lowered.endswith(".warc.gz"):
        return "only .warc.gz is read compressed"
    if size > MAX_UPLOAD_BYTES:
        return f"larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"
    if size == 0:
        return "empty file"
    return None


RunFunction = Callable[[list[str], Callable[[str, int, int], None]], RunReport]


@dataclass
class Jobs:
    """The jobs of this server; a finished job calls ``on_done`` so pages re-read the store."""

    run: RunFunction
    on_done: Callable[[], None]
    states: dict[str, JobState] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _one_at_a_time: threading.Lock = field(default_factory=threading.Lock)

    def get(self, job_id: str) -> JobState | None:
        with self._lock:
            return self.states.get(job_id)

    def _set(self, job_id: str, **changes: object) -> None:
        with self._lock:
            self.states[job_id] = replace(self.states[job_id], **changes)  # type: ignore[arg-type]

    def start(self, files: list[tuple[str, bytes]], refused: list[JobFailure]) -> JobState:
        job_id = secrets.token_hex(8)
        folder = Path(tempfile.mkdtemp(prefix="newsprism-upload-"))
        paths: list[str] = []
        for n, (name, content) in enumerate(files):
            path = folder / f"{n:03d}-{safe_filename(name)}"
            path.write_bytes(content)
            paths.append(str(path))
        state = JobState(
            id=job_id,
            status="queued" if paths else "done",
            files=tuple(name for name, _ in files),
            refused=tuple(refused),
        )
        with self._lock:
            self.states[job_id] = state
        if paths:
            thread = threading.Thread(
                target=self._work, args=(job_id, paths, folder), daemon=True, name=f"job-{job_id}"
            )
            thread.start()
        else:
            shutil.rmtree(folder, ignore_errors=True)
        return state

    def _work(self, job_id: str, paths: list[str], folder: Path) -> None:
        with self._one_at_a_time:
            self._set(job_id, status="running", stage="ingest")
            names = {path: self.states[job_id].files[n] for n, path in enumerate(paths)}

            def progress(stage: str, done: int, total: int) -> None:
                self._set(job_id, stage=stage, done=done, total=total)

            def shown(where: str) -> str:
                for path, name in names.items():
                    where = where.replace(path, name)
                return where

            try:
                report = self.run(paths, progress)
            except Exception as exc:  # one failed job must not stop the server
                self._set(job_id, status="failed", error=f"{type(exc).__name__}: {exc}")
            else:
                failed = tuple(JobFailure(shown(f.where), f.reason) for f in report.failed)
                ingest = report.ingest
                self._set(
                    job_id,
                    status="done",
                    stage="done",
                    failed=failed,
                    ingested=ingest.stored if ingest else (),
                    duplicates=ingest.duplicates if ingest else (),
                    unchanged=ingest.unchanged if ingest else (),
                    analyzed=len(report.analysis.analyzed) if report.analysis else 0,
                    stories=tuple(s.id for s in report.stories.stories) if report.stories else (),
                )
            finally:
                shutil.rmtree(folder, ignore_errors=True)
                self.on_done()
