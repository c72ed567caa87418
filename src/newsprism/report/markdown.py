"""The briefing as Markdown: the same sections as the HTML, without the drawings.

Article text is escaped so nothing in it turns into Markdown or raw HTML; every
statement links to its evidence anchor (``#ev-<article>-<start>-<end>``), which the
Evidence section defines with ``<a id>`` tags.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: object) -> str:
    """Text safe inside Markdown (and its tables): specials escaped, one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _link(evidence: str | None, label: str = "evidence") -> str:
    return f"[{label}](#{evidence})" if evidence else "(no evidence link)"


def _counts(counts: Mapping[str, Any], *, limit: int = 12) -> str:
    items = list(counts.items())[:limit]
    return ", ".join(f"{escape(k)} {_number(v)}" for k, v in items) or "none"


def _number(value: Any) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}"
    return str(int(value)) if isinstance(value, float) else str(value)


def _figures(story: Mapping[str, Any]) -> list[str]:
    lines = ["## Key figures", ""]
    if not story["figures"]:
        return [*lines, "No figures were compared.", ""]
    lines += [
        "| figure | headline | status | independent sources | outlets |",
        "|---|---|---|---|---|",
    ]
    for figure in story["figures"]:
        name = " ".join(
            escape(p) for p in (figure["category"], figure["who"], figure["place"]) if p
        )
        flag = " ⚠" if figure["flagged"] else ""
        lines.append(
            f"| [{name}](#{figure['id']}) | {escape(figure['headline']['text'])} "
            f"({escape(figure['headline']['rule'])}) | **{escape(figure['status_label'])}**{flag} "
            f"| {figure['independent_sources']} | {escape(', '.join(figure['outlets']))} |"
        )
    flagged = [f for f in story["figures"] if f["flagged"]]
    if flagged:
        lines += ["", "### Flags", ""]
        for figure in flagged:
            name = " ".join(escape(p) for p in (figure["category"], figure["who"]) if p)
            why = f": {escape(figure['why'])}" if figure["why"] else ""
            lines.append(f"- ⚠ **{escape(figure['status_label'])}**: {name}{why}")
    for figure in story["figures"]:
        name = " ".join(
            escape(p) for p in (figure["category"], figure["who"], figure["place"]) if p
        )
        lines += [
            "",
            f'### <a id="{figure["id"]}"></a>{name}: {escape(figure["status_label"])}',
            "",
        ]
        if figure.get("parent"):
            lines += [f"Part of [the figure above](#{figure['parent']}).", ""]
        lines += [f"Scope: {escape(figure.get('scope') or 'unspecified')}", ""]
        if len(figure.get("series") or ()) > 1:
            for series in figure["series"]:
                when = f" ({escape(series['latest_stated'])})" if series["latest_stated"] else ""
                lines.append(
                    f"- series: {escape(series['originator'])}: latest "
                    f"{escape(series['latest'])}{when}, {series['reports']} report(s)"
                )
            lines.append("")
        if figure["why"]:
            lines += [f"Why: {escape(figure['why'])}", ""]
        for report in figure["reports"]:
            lines.append(_report_line(report))
    return [*lines, ""]


def _report_line(report: Mapping[str, Any]) -> str:
    when = report.get("stated_text") or report["published"] or report["date"] or "undated"
    parts = [f"- {escape(when)}: **{escape(report['outlet'])}**: {escape(report['value_text'])}"]
    if report.get("covers"):
        parts.append(f"(counts {escape(report['covers'])})")
    if report.get("originator") or report["attributed_to"]:
        parts.append(f"according to {escape(report.get('originator') or report['attributed_to'])}")
    if report["relayed_by"]:
        parts.append(f"via {escape(report['relayed_by'])}")
    if report["retracted"]:
        parts.append("(retracted)")
    parts.append(_link(report["evidence"]))
    return " ".join(parts)


def _event_line(entry: Mapping[str, Any]) -> str:
    details = []
    if entry["place"]:
        details.append(f"in {escape(entry['place'])}")
    if entry["actors"]:
        details.append(f"by {escape(', '.join(entry['actors']))}")
    if entry["targets"]:
        details.append(f"against {escape(', '.join(entry['targets']))}")
    if entry["counts"]:
        details.append("count " + ", ".join(_number(c) for c in entry["counts"]))
    links = ", ".join(_link(r["evidence"], escape(r["outlet"])) for r in entry["reports"])
    return f'- <a id="{entry["id"]}"></a>**{escape(entry["type"])}** {" ".join(details)} ({links})'


def _timeline(story: Mapping[str, Any]) -> list[str]:
    lines = ["## Timeline", ""]
    timeline = story["timeline"]
    if not timeline["days"]:
        lines += ["No dated events.", ""]
    for day in timeline["days"]:
        lines += [f'### <a id="{day["id"]}"></a>{escape(day["label"])}', ""]
        lines += [_event_line(entry) for entry in day["events"]]
        lines.append("")
    if timeline["undated"]:
        lines += ["### Undated events", ""]
        lines += [_event_line(entry) for entry in timeline["undated"]]
        lines.append("")
    return lines


def _places(story: Mapping[str, Any]) -> list[str]:
    lines = ["## Places", ""]
    points = story["map"]["points"]
    if not points:
        lines += ["No geocoded places.", ""]
    else:
        lines += ["| place | lat, lon | mentions | outlets | events |", "|---|---|---|---|---|"]
        for point in points:
            events = ", ".join(
                f"[{escape(e['type'])} {escape(e['when'])}](#{e['id']})" for e in point["events"]
            )
            lines.append(
                f'| <a id="{point["id"]}"></a>{escape(point["name"])} '
                f"| {point['lat']:.3f}, {point['lon']:.3f} | {point['mentions']} "
                f"| {escape(', '.join(point['outlets']))} | {events or 'none'} |"
            )
        lines.append("")
    if story["map"]["ungeocoded"]:
        names = ", ".join(
            f"{escape(p['name'])} ({p['mentions']})" for p in story["map"]["ungeocoded"]
        )
        lines += [f"Not geocoded: {names}", ""]
    return lines


def _outlet(outlet: Mapping[str, Any]) -> list[str]:
    lines = [f"### {escape(outlet['outlet'])}", ""]
    if outlet["note"]:
        lines.append(f"- Reliability note (yours): {escape(outlet['note'])}")
    if not outlet["framing"]:
        lines.append("- No framing computed.")
    else:
        lines += [
            f"- Genre: {escape(outlet['genre'])}; quotation share: {outlet['quote_share']:.0%}",
            f"- Labels (own voice): {_counts(outlet['labels'])}",
            f"- Labels (in quotes): {_counts(outlet['quoted_labels'])}",
            f"- Label groups: {_counts(outlet['label_groups'])}",
            "- Narratives: "
            + (
                "; ".join(
                    f"{escape(n['name'])} {n['score']:.2f} "
                    + " ".join(_link(e, str(i)) for i, e in enumerate(n["evidence"], 1))
                    for n in outlet["narratives"]
                )
                or "none"
            ),
            f"- Hedges: {_counts(outlet['hedges'])}",
            f"- Loaded terms: {_counts(outlet['loaded_terms'])}",
            f"- Voices: {escape(', '.join(outlet['voices'])) or 'none'}",
            f"- Absent voices: {escape(', '.join(outlet['absent_voices'])) or 'none'}",
            f"- Cited sources: {_counts(outlet['cited_sources'])}",
        ]
        for question in outlet["rhetorical_questions"]:
            lines.append(
                f"- Rhetorical question: “{escape(question['text'])}” {_link(question['evidence'])}"
            )
    for relay in outlet["relays"]:
        lines.append(
            f"- Relays {escape(relay['source'])} ({escape(relay['kind'])}) ×{relay['count']}"
        )
    return [*lines, ""]


def _evidence(entries: Sequence[Mapping[str, Any]]) -> list[str]:
    lines = ["## Evidence", ""]
    for entry in entries:
        title = f", “{escape(entry['title'])}”" if entry["title"] else ""
        lines.append(
            f'- <a id="{entry["id"]}"></a>`{entry["article_id"]}` '
            f"[{entry['start']}:{entry['end']}] {escape(entry['outlet'])}{title}: "
            f"{escape(entry['before'])} **{escape(entry['text'])}** {escape(entry['after'])}"
        )
    return [*lines, ""]


def render_markdown(briefing: Mapping[str, Any]) -> str:
    """The briefing as one Markdown document."""
    lines = [
        "# Briefing",
        "",
        f"{briefing['articles']} articles from {len(briefing['outlets'])} outlets, "
        f"{len(briefing['stories'])} stories.",
        "",
    ]
    lines += [f"> Partial: {escape(note)}" for note in briefing["partial"]]
    for story in briefing["stories"]:
        dates = " to ".join(d for d in (story["first_date"], story["last_date"]) if d)
        lines += ["", f"# Story: {escape(story['title'])}", ""]
        lines += [f"Story id `{story['id']}`" + (f", {escape(dates)}" if dates else ""), ""]
        lines += [f"> Partial: {escape(note)}" for note in story["partial"]]
        lines += [
            "",
            "## Articles",
            "",
            "| outlet | title | published | re-post of |",
            "|---|---|---|---|",
        ]
        for article in story["articles"]:
            published = article["published"] or "unknown"
            if article["published_note"]:
                published += f" ({article['published_note']})"
            title = article["title"] or article["id"]
            if article.get("analysis_note"):
                title += f" ({article['analysis_note']})"
            lines.append(
                f"| {escape(article['outlet'])} | {escape(title)} "
                f"| {escape(published)} | {escape(article['duplicate_of'] or '')} |"
            )
        lines.append("")
        lines += _figures(story)
        lines += _timeline(story)
        lines += _places(story)
        lines += ["## Outlets", ""]
        for outlet in story["outlets"]:
            lines += _outlet(outlet)
    lines += _evidence(briefing["evidence"])
    return "\n".join(lines).rstrip() + "\n"
