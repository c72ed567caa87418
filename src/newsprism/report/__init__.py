"""The briefing: build it from the stages' results, render it as HTML, Markdown and JSON.

``build_briefing`` gathers a corpus's stories into one JSON-able dict;
``render_markdown`` and ``render_html`` render that dict alone; ``write_briefing``
writes the three files ``newsprism run --out DIR`` promises.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsprism.errors import NewsprismError
from newsprism.report.briefing import build_briefing
from newsprism.report.html import render_html
from newsprism.report.markdown import render_markdown

__all__ = ["build_briefing", "render_html", "render_json", "render_markdown", "write_briefing"]


def render_json(briefing: Mapping[str, Any]) -> str:
    """The briefing as indented JSON (UTF-8 text, keys in build order)."""
    return json.dumps(briefing, ensure_ascii=False, indent=2) + "\n"


def write_briefing(briefing: Mapping[str, Any], out_dir: Path) -> list[Path]:
    """Write briefing.html, briefing.md and briefing.json into ``out_dir`` (created)."""
    outputs = {
        "briefing.html": render_html(briefing),
        "briefing.md": render_markdown(briefing),
        "briefing.json": render_json(briefing),
    }
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, content in outputs.items():
            path = out_dir / name
            path.write_text(content, encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise NewsprismError(
            f"cannot write the briefing: {exc.strerror}", where=str(out_dir)
        ) from exc
    return written
