"""Analysis words/s against bare spaCy ``nlp.pipe`` of the same model on the same texts.

    .venv/bin/python benchmarks/analysis_ratio.py [--articles 40]

Both run in this process on the same texts from benchmarks/synthetic_corpus.py, one after
the other, the model loaded before timing. Also compares words/s on ~5,000-word articles
with ~500-word ones (targets: ratio to bare spaCy >= 0.8; long/short >= 0.7).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import source_paragraphs

from newsprism.nlp.analysis import AnalysisInput, analyze_texts, make_nlp
from newsprism.nlp.model import load_model
from newsprism.settings import Settings


def texts_of(words: int, count: int, seed: int) -> list[str]:
    pool = source_paragraphs()
    rnd = random.Random(seed)
    texts = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < words:
            parts.append(rnd.choice(pool))
        texts.append("\n\n".join(parts))
    return texts


def words_per_second(run: object, texts: list[str]) -> float:
    start = time.process_time()
    run(texts)  # type: ignore[operator]
    return sum(len(t.split()) for t in texts) / (time.process_time() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args()
    settings = Settings()
    bare = load_model(settings.model)
    ours = make_nlp(settings)

    def run_bare(texts: list[str]) -> None:
        for _ in bare.pipe(texts, batch_size=16):
            pass

    def run_ours(texts: list[str]) -> None:
        items = [AnalysisInput(f"a{i}", t, "2022-01-06") for i, t in enumerate(texts)]
        for _ in analyze_texts(ours, items, batch_size=16):
            pass

    short = texts_of(500, args.articles, seed=1)
    long = texts_of(5000, max(2, args.articles // 10), seed=2)
    run_bare(short[:2])
    run_ours(short[:2])  # warm both (gazetteer, lexicons)
    bare_short = words_per_second(run_bare, short)
    ours_short = words_per_second(run_ours, short)
    ours_long = words_per_second(run_ours, long)
    print(f"bare spaCy nlp.pipe, ~500-word articles: {bare_short:,.0f} words per CPU-second")
    print(f"newsprism analysis,  ~500-word articles: {ours_short:,.0f} words per CPU-second")
    print(f"newsprism analysis, ~5000-word articles: {ours_long:,.0f} words per CPU-second")
    print(f"ratio to bare spaCy: {ours_short / bare_short:.2f}")
    print(f"5000-word / 500-word: {ours_long / ours_short:.2f}")


if __name__ == "__main__":
    main()
