"""Throughput of ingest, analysis, stories and the briefing on copies of the demo corpus.

    .venv/bin/python benchmarks/pipeline_speed.py [--copies N] [--workers W]

Each copy of the five demo articles gets a distinct first line, so the copies are
re-posts of the originals (they are still cleaned, analysed and stored like any article).
Prints seconds, words per second and the peak resident memory of this process.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from newsprism.pipeline import analyze, build_stories, ingest, make_briefing
from newsprism.settings import Settings
from newsprism.store.database import open_store

DEMO = Path(__file__).resolve().parent.parent / "examples" / "kazakhstan-2022"


def make_corpus(folder: Path, copies: int) -> int:
    words = 0
    for copy in range(copies):
        for source in sorted(DEMO.glob("*.txt")):
            text = source.read_text(encoding="utf-8")
            target = folder / f"{copy:03d}-{source.name}"
            target.write_text(f"Copy {copy} of a report\n\n{text}", encoding="utf-8")
            words += len(text.split())
    return words


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        words = make_corpus(root / "in", args.copies)
        settings = Settings(db=f"sqlite:///{root / 'bench.db'}")
        engine = open_store(settings.db)
        timings: list[tuple[str, float]] = []
        start = time.perf_counter()
        report = ingest([str(root / "in")], engine=engine, settings=settings)
        timings.append(("ingest", time.perf_counter() - start))
        start = time.perf_counter()
        analyze(engine=engine, settings=settings, workers=args.workers)
        timings.append(("analyze", time.perf_counter() - start))
        start = time.perf_counter()
        build_stories(engine=engine, settings=settings, workers=args.workers)
        timings.append(("stories", time.perf_counter() - start))
        start = time.perf_counter()
        make_briefing(engine=engine, settings=settings)
        timings.append(("briefing", time.perf_counter() - start))
        engine.dispose()
    articles = len(report.stored) + len(report.duplicates)
    print(f"{articles} articles, {words} words, workers {args.workers}")
    for stage, seconds in timings:
        print(f"{stage:<9} {seconds:7.2f} s  {words / seconds:9.0f} words/s")
    total = sum(seconds for _, seconds in timings)
    print(f"{'total':<9} {total:7.2f} s  {words / total:9.0f} words/s")
    print(f"peak memory {peak_mb():.0f} MB (this process; workers not counted)")


if __name__ == "__main__":
    main()
