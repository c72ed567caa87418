"""Cleaning cost per line, on many lines and on one huge line, beside a peer in the same run.

    .venv/bin/python benchmarks/cleaning_speed.py [--lines 1000000] [--single-mb 5]
        [--previous PATH_TO_AN_OLDER_src] [--no-trafilatura]

Three inputs, each cleaned once in a fresh child process (so memory and caches do not
carry over): a text of ``--lines`` lines recombined from the demo corpus's real article
dumps (prose, menus, bylines, share bars, comment sections in their real proportions), the
same lines as one line of ``--single-mb`` megabytes, and a 20,000-line sample for ms/line.
``--previous`` runs the same inputs with another checkout's ``src`` (the cleaner before a
change); trafilatura's ``extract`` on the same lines as HTML paragraphs is the outside peer.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEMO = ROOT / "examples" / "kazakhstan-2022"

CHILD = """
import json, resource, sys, time
kind, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
if kind == "newsprism":
    from newsprism.ingest.clean import clean_text
    clean_text("warm up line.\\n\\nAnother line.")
    start = time.perf_counter()
    kept = len(clean_text(text).text)
else:
    import html
    import trafilatura
    page = "<html><body>" + "".join(
        f"<p>{html.escape(line)}</p>" for line in text.split("\\n") if line
    ) + "</body></html>"
    start = time.perf_counter()
    kept = len(trafilatura.extract(page, include_comments=False) or "")
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "kept_chars": kept,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def demo_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(DEMO.glob("*.txt")):
        lines.extend(path.read_text(encoding="utf-8").splitlines())
    return lines


def many_lines(count: int) -> str:
    """``count`` lines: whole demo texts in a deterministic shuffled order, repeated."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]
    rnd = random.Random(11)
    out: list[str] = []
    while len(out) < count:
        rnd.shuffle(texts)
        for text in texts:
            out.extend(text.splitlines())
    return "\n".join(out[:count])


def one_line(megabytes: float) -> str:
    words = " ".join(line for line in demo_lines() if line.strip())
    size = int(megabytes * 1_000_000)
    return ((words + " ") * (size // (len(words) + 1) + 1))[:size]


def run_child(kind: str, path: Path, src: Path | None) -> dict[str, float]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    result = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--sample-lines", type=int, default=20_000)
    parser.add_argument("--single-mb", type=float, default=5.0)
    parser.add_argument("--previous", type=Path, help="an older checkout's src folder")
    parser.add_argument("--no-trafilatura", action="store_true")
    args = parser.parse_args()
    runners: list[tuple[str, str, Path | None]] = [("newsprism", "newsprism", ROOT / "src")]
    if args.previous:
        runners.append(("previous", "newsprism", args.previous))
    if not args.no_trafilatura:
        runners.append(("trafilatura", "trafilatura", ROOT / "src"))
    with tempfile.TemporaryDirectory() as tmp:
        inputs = {
            f"{args.sample_lines:,} lines": many_lines(args.sample_lines),
            f"{args.lines:,} lines": many_lines(args.lines),
            f"one line of {args.single_mb:g} MB": one_line(args.single_mb),
        }
        print(f"{'input':<24} {'cleaner':<12} {'seconds':>9} {'ms/line':>8} {'peak MB':>8}")
        for name, text in inputs.items():
            path = Path(tmp) / "input.txt"
            path.write_text(text, encoding="utf-8")
            count = text.count("\n") + 1
            for label, kind, src in runners:
                figures = run_child(kind, path, src)
                per_line = 1000 * figures["seconds"] / count
                print(
                    f"{name:<24} {label:<12} {figures['seconds']:>9.2f} {per_line:>8.4f} "
                    f"{figures['peak_mb']:>8.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
