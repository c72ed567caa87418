"""A deterministic synthetic corpus recombined from real texts, with ~10% syndicated copies.

    .venv/bin/python benchmarks/synthetic_corpus.py OUT_FOLDER --articles N [--seed S]

Source texts: the demo corpus and the gold texts shipped in the repository (real
reporting, public). Each synthetic article takes a headline-like first line and 4-12
paragraphs drawn from the pool, so sentences are real prose while articles are new; about one
in ten is a re-post of an earlier one (a wire copy with a changed first line), so dedupe has
work to do. The same seed and count always give the same files.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYNDICATED_SHARE = 0.1


def source_paragraphs() -> list[str]:
    files = sorted((ROOT / "examples").glob("*/*.txt")) + sorted(
        (ROOT / "gold" / "texts").glob("*.txt")
    )
    texts = [path.read_text(encoding="utf-8") for path in files]
    paragraphs = [p.strip() for text in texts for p in text.split("\n\n") if len(p.split()) >= 12]
    return sorted(set(paragraphs))


def write_corpus(folder: Path, articles: int, *, seed: int = 1) -> int:
    """Write ``articles`` text files into ``folder``; returns the number of words."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = source_paragraphs()
    rnd = random.Random(seed)
    bodies: list[str] = []
    words = 0
    for number in range(articles):
        if bodies and rnd.random() < SYNDICATED_SHARE:
            body = rnd.choice(bodies)
            text = f"Syndicated report {number}\n\n{body}"
        else:
            body = "\n\n".join(rnd.sample(pool, rnd.randint(4, 12)))
            bodies.append(body)
            text = f"Report {number}: {' '.join(body.split()[:8])}\n\n{body}"
        (folder / f"{number:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    words = write_corpus(args.out, args.articles, seed=args.seed)
    print(f"{args.articles} articles, {words} words in {args.out}")


if __name__ == "__main__":
    main()
