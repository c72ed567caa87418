"""Main-text extraction benchmark: our ``extract_html`` against plain trafilatura.

Runs every page of the article-extraction benchmark (181 real pages with hand-checked
bodies, ``html/<id>.html.gz`` + ``ground-truth.json``) through three extractors in
the same run and prints precision, recall and F1 for each, the ratio ours/plain and
the time per page::

    .venv/bin/python benchmarks/html_extraction.py [--bench-dir DIR] [--worst N]

The metric is the benchmark's own: per page, ``\\w+`` tokens; multisets of 4-token
shingles of the true and predicted body give TP, FP and FN; each page's counts are
divided by their sum (so long pages weigh no more than short ones); the page figures
are summed and precision, recall and F1 computed from the sums.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH_DIR = ROOT / ".." / "shared" / "bench" / "article-extraction"
SHINGLE_SIZE = 4

_TOKEN = re.compile(r"\w+")


# --- metric -----------------------------------------------------------------


@dataclass(frozen=True)
class PageCounts:
    """One page's shingle TP/FP/FN, normalised so the three sum to 1 (or all 0)."""

    tp: float
    fp: float
    fn: float


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def count_shingles(text: str, *, size: int = SHINGLE_SIZE) -> Counter[str]:
    """Multiset of ``size``-token shingles; a text shorter than ``size`` is one shingle."""
    tokens = _TOKEN.findall(text or "")
    shingles = (" ".join(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))
    return Counter(s for s in shingles if s)


def compare_page(true: str, predicted: str) -> PageCounts:
    """TP/FP/FN of one page's predicted body against its true body, normalised."""
    expected, found = count_shingles(true), count_shingles(predicted)
    tp = fp = fn = 0
    for shingle in expected.keys() | found.keys():
        want, got = expected[shingle], found[shingle]
        tp += min(want, got)
        fp += max(0, got - want)
        fn += max(0, want - got)
    total = tp + fp + fn
    if total == 0:
        return PageCounts(0.0, 0.0, 0.0)
    return PageCounts(tp / total, fp / total, fn / total)


def score_pages(pages: Iterable[PageCounts]) -> Score:
    """Precision, recall and F1 from the summed per-page figures."""
    tp = fp = fn = 0.0
    for page in pages:
        tp, fp, fn = tp + page.tp, fp + page.fp, fn + page.fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


# --- extractors -------------------------------------------------------------


def extract_ours(html: str, url: str | None) -> str:
    from newsprism.errors import InputError
    from newsprism.ingest.html import extract_html

    try:
        return extract_html(html, url=url).text
    except InputError:
        return ""


def extract_plain(html: str, url: str | None) -> str:
    import trafilatura

    return str(trafilatura.extract(html) or "")


def extract_plain_no_comments(html: str, url: str | None) -> str:
    import trafilatura

    return str(trafilatura.extract(html, include_comments=False) or "")


EXTRACTORS: dict[str, Callable[[str, str | None], str]] = {
    "ours": extract_ours,
    "plain": extract_plain,
    "plain-no-comments": extract_plain_no_comments,
}


# --- runner -----------------------------------------------------------------


def decode_page(raw: bytes) -> str:
    """Decode a page's bytes: UTF-8 first, then charset-normalizer's best guess."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        return str(best) if best is not None else raw.decode("utf-8", errors="replace")


def load_pages(bench_dir: Path) -> list[tuple[str, str, str, str | None]]:
    """(page id, html, true body, url) for every page with a ground truth."""
    truth: Mapping[str, Mapping[str, str]] = json.loads(
        (bench_dir / "ground-truth.json").read_text(encoding="utf-8")
    )
    pages = []
    for page_id, record in sorted(truth.items()):
        raw = gzip.decompress((bench_dir / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, decode_page(raw), record["articleBody"], record.get("url")))
    return pages


def run(bench_dir: Path, *, worst: int = 0) -> dict[str, Score]:
    sys.path.insert(0, str(ROOT / "src"))
    pages = load_pages(bench_dir)
    scores: dict[str, Score] = {}
    per_page: dict[str, list[PageCounts]] = {}
    print(f"{len(pages)} pages from {bench_dir.resolve()}")
    print(f"{'extractor':<20} {'precision':>9} {'recall':>7} {'F1':>7} {'ms/page':>8}")
    for name, extract in EXTRACTORS.items():
        extract(pages[0][1], pages[0][3])  # warm-up: imports and caches are not timed
        counts = []
        started = time.perf_counter()
        for _page_id, html, true, url in pages:
            counts.append(compare_page(true, extract(html, url)))
        elapsed_ms = (time.perf_counter() - started) * 1000 / len(pages)
        scores[name] = score_pages(counts)
        per_page[name] = counts
        score = scores[name]
        print(
            f"{name:<20} {score.precision:>9.4f} {score.recall:>7.4f} "
            f"{score.f1:>7.4f} {elapsed_ms:>8.1f}"
        )
    for baseline in ("plain", "plain-no-comments"):
        ratio = scores["ours"].f1 / scores[baseline].f1 if scores[baseline].f1 else float("inf")
        print(f"F1 ours/{baseline}: {ratio:.4f}")
    if worst:
        print(f"\npages where ours loses most F1 against plain-no-comments (worst {worst}):")
        deltas = []
        for i, (page_id, *_rest) in enumerate(pages):
            ours, plain = per_page["ours"][i], per_page["plain-no-comments"][i]
            deltas.append((ours.tp - plain.tp, page_id, ours, plain))
        for delta, page_id, ours, plain in sorted(deltas)[:worst]:
            print(
                f"  {page_id[:16]} tp {ours.tp:.2f} vs {plain.tp:.2f} (delta {delta:+.2f}) "
                f"fp {ours.fp:.2f}/{plain.fp:.2f} fn {ours.fn:.2f}/{plain.fn:.2f}"
            )
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-dir", type=Path, default=DEFAULT_BENCH_DIR)
    parser.add_argument("--worst", type=int, default=0, help="list the N pages ours loses most")
    args = parser.parse_args(argv)
    if not (args.bench_dir / "ground-truth.json").is_file():
        print(f"error: no ground-truth.json in {args.bench_dir}", file=sys.stderr)
        return 2
    run(args.bench_dir, worst=args.worst)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
