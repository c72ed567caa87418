"""Main text and metadata of a news web page.

trafilatura finds the article block; around it we add our own cleaning, because
what it keeps by default still carries comment sections, "read more" lists,
captions, bylines and subscription prompts, and every word of those would later
be read as the outlet's voice. Two passes, both driven by the
``html_boilerplate`` lexicon:

1. before extraction, elements whose tag or class/id/role/aria-label words mark
   comments, related links, share bars, newsletter boxes, captions or asides are
   cut from a copy of the DOM, unless the element holds the article itself;
2. after extraction, lines that read as titles, bylines, credits, prompts, link
   lists or a trailing comment section are dropped.

Everything dropped is returned as :class:`RemovedText` with its reason.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from copy import deepcopy
from dataclasses import dataclass
from functools import cache
from typing import Any

from lxml import etree  # type: ignore[import-untyped, unused-ignore]
from lxml.html import HtmlElement  # type: ignore[import-untyped, unused-ignore]

from newsprism.errors import InputError
from newsprism.lexicons import load_lexicon
from newsprism.models import RemovedText
from newsprism.settings import Settings

NO_MAIN_TEXT = "no main text found in the HTML"

# lines longer than this are prose, never a prompt, credit or link-list item
_SHORT_LINE_WORDS = 30
_BYLINE_MAX_WORDS = 8
_LIST_HEADING_WORDS = 6
# an element holding at least this share of the page's paragraph text is the article
_ARTICLE_TEXT_SHARE = 0.5
# precision-mode output this large next to the page's paragraph text is trusted outright
_TRUSTED_SHARE_OF_PAGE = 0.5
# below this share of the default-mode output, precision mode has lost the article
_PRECISE_SHARE_OF_DEFAULT = 0.25

_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_TOKEN = re.compile(r"\w+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?])")
_TIMESTAMP_LINE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?\s*$")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.-]*,?$")
_NAME_JOINERS = frozenset({"and", "&", "de", "da", "van", "von", "der", "al", "bin", "y", "e"})


@dataclass(frozen=True)
class HtmlArticle:
    """Main text of a web page (paragraphs separated by a blank line) and its metadata."""

    text: str
    removed: tuple[RemovedText, ...]
    title: str | None
    author: str | None
    date: str | None
    site: str | None
    url: str | None
    language: str | None


@dataclass(frozen=True)
class _Cues:
    """The lexicon split by kind: each maps a lower-cased phrase to a removal reason."""

    attributes: dict[tuple[str, ...], str]
    tags: dict[str, str]
    leads: dict[str, str]
    lists: dict[str, str]
    prompts: dict[str, str]
    tails: dict[str, str]
    bylines: dict[str, str]
    credits: dict[str, str]


def extract_html(
    html: str, *, url: str | None = None, settings: Settings | None = None
) -> HtmlArticle:
    """Main text and metadata of one HTML page; InputError when there is no article.

    ``url`` is where the page came from (used in errors and when the page names no
    canonical URL); ``settings`` may extend the ``html_boilerplate`` lexicon.
    """
    if not isinstance(html, str):
        raise InputError(f"HTML must be a str, not {type(html).__name__}", where=url)
    tree = _parse(html, url=url)
    cues = _load_cues(settings)
    metadata = _read_metadata(tree)
    pruned, removed = _prune_elements(tree, cues)
    lines = _extract_main_lines(pruned, url=url)
    if not lines:  # our pruning may have cut a page built in an unusual way
        lines, removed = _extract_lines(tree, url=url, precise=True), []
    if not lines:
        lines = _split_paragraphs(_json_ld_body(tree))
    kept, dropped = _drop_boilerplate_lines(lines, cues, title=metadata.get("title"))
    text = "\n\n".join(kept)
    if not _TOKEN.search(text):
        raise InputError(NO_MAIN_TEXT, where=url)
    return HtmlArticle(
        text=text,
        removed=tuple(removed) + tuple(dropped),
        title=metadata.get("title"),
        author=metadata.get("author"),
        date=metadata.get("date"),
        site=metadata.get("site"),
        url=metadata.get("url") or url,
        language=_read_language(tree),
    )


# --- parsing and metadata -------------------------------------------------------


_PARAGRAPH_TAG = re.compile(rb"<p[\s>]", re.IGNORECASE)


_DEEP = 250

_NOT_XML_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Control characters lxml refuses in element text: a page's stray ones become spaces."""


def _depth(tree: HtmlElement) -> int:
    """How deep the deepest element of ``tree`` sits (only asked when paragraphs are missing)."""
    deepest = 0
    for element in tree.iter():
        if len(element) == 0:
            deepest = max(deepest, sum(1 for _ in element.iterancestors()))
            if deepest >= _DEEP:
                break
    return deepest


def _deep_parser() -> etree.HTMLParser:
    """trafilatura's parser options, without libxml2's 256-level nesting limit."""
    from lxml.html import HTMLParser

    return HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )


def _parse(html: str, *, url: str | None) -> HtmlElement:
    """An lxml tree of the whole page; bare fragments are wrapped in a body first.

    Pages nested deeper than the parser can follow would silently lose their tail; the
    paragraphs found are checked against the paragraph tags in the source, and a page
    that cannot be read whole is refused with the counts rather than stored cut short.
    """
    from lxml.html import fromstring
    from trafilatura.utils import load_html

    if not html.strip() or "<" not in html:
        raise InputError(NO_MAIN_TEXT, where=url)
    html = _NOT_XML_TEXT.sub(" ", html)
    data = html.encode("utf-8", "replace")
    try:
        tree = fromstring(data, parser=_deep_parser())
    except (ValueError, TypeError, etree.LxmlError):
        tree = None
    try:
        if tree is None:
            tree = load_html(html)
        if tree is None:
            tree = load_html(f"<html><body><div>{html}</div></body></html>")
    except (ValueError, TypeError, etree.LxmlError) as exc:
        raise InputError(f"cannot parse the HTML: {exc}", where=url) from exc
    if tree is None:
        raise InputError("cannot parse the HTML", where=url)
    in_source = len(_PARAGRAPH_TAG.findall(data))
    if in_source >= 10:
        parsed = len(tree.xpath("//p"))
        if parsed < 0.9 * in_source and _depth(tree) >= _DEEP:
            raise InputError(
                f"HTML nested too deeply to read whole: {parsed} of {in_source} paragraphs "
                "readable",
                where=url,
            )
    return tree


def _read_metadata(tree: HtmlElement) -> dict[str, str]:
    """Title, author, publication date, site name and canonical URL the page declares."""
    from trafilatura import extract_metadata

    try:
        document = extract_metadata(
            tree,
            default_url=None,
            date_config={"original_date": True, "extensive_search": False},
        )
    except (ValueError, TypeError, AttributeError, AssertionError, etree.LxmlError):
        # htmldate asserts a parent when dropping a root-level <script> ('<BODY><SCRIPT>')
        return {}
    found = {
        "title": document.title,
        "author": document.author,
        "date": document.date,
        "site": document.sitename,
        "url": document.url,
    }
    return {key: value.strip() for key, value in found.items() if value and value.strip()}


def _read_language(tree: HtmlElement) -> str | None:
    """Primary language subtag from <html lang>, a content-language meta tag or og:locale."""
    candidates = [tree.get("lang"), tree.get("xml:lang")]
    candidates += tree.xpath(
        "//meta[translate(@http-equiv, 'CONTENTLAG', 'contentlag')='content-language']/@content"
        "|//meta[@name='language' or @name='lang']/@content"
        "|//meta[@property='og:locale']/@content"
    )
    for value in candidates:
        if value and (match := re.match(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$", value)):
            return match.group(1).lower()
    return None


def _json_ld_body(tree: HtmlElement) -> str:
    """The longest ``articleBody`` in the page's JSON-LD, or ''."""
    bodies: list[str] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            stack: list[Any] = [json.loads(script.text_content())]
        except ValueError:
            continue
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                if isinstance(node.get("articleBody"), str):
                    bodies.append(node["articleBody"])
                stack.extend(v for v in node.values() if isinstance(v, list | dict))
    return max(bodies, key=len, default="")


def _split_paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- lexicon ----------------------------------------------------------------------


def _load_cues(settings: Settings | None) -> _Cues:
    if settings is None or not settings.lexicons.get("html_boilerplate"):
        return _shipped_cues()
    return _build_cues(load_lexicon("html_boilerplate", settings))


@cache
def _shipped_cues() -> _Cues:
    return _build_cues(load_lexicon("html_boilerplate"))


def _build_cues(entries: Iterable[str]) -> _Cues:
    kinds: dict[str, dict[str, str]] = {}
    for entry in entries:
        phrase, _, reason = entry.partition("\t")
        kind, _, term = phrase.partition(":")
        if term.strip():
            kinds.setdefault(kind.strip(), {})[term.strip().lower()] = reason.strip() or kind
    attributes = {tuple(term.split()): reason for term, reason in kinds.get("attr", {}).items()}
    return _Cues(
        attributes=attributes,
        tags=kinds.get("tag", {}),
        leads=kinds.get("lead", {}),
        lists=kinds.get("list", {}),
        prompts=kinds.get("cue", {}),
        tails=kinds.get("tail", {}),
        bylines=kinds.get("by", {}),
        credits=kinds.get("credit", {}),
    )


# --- DOM pruning ------------------------------------------------------------------


def _prune_elements(tree: HtmlElement, cues: _Cues) -> tuple[HtmlElement, list[RemovedText]]:
    """A copy of the tree without boilerplate elements, and what was cut."""
    pruned = deepcopy(tree)
    body = pruned.find("body")
    if body is None:
        return pruned, []
    page_text = _paragraph_text_length(body)
    removed: list[RemovedText] = []
    for element, reason in list(_boilerplate_elements(body, cues)):
        if _holds_article(element, page_text):
            continue
        text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(" ".join(element.itertext()).split()))
        if text:
            removed.append(RemovedText(text=text, reason=reason))
        element.drop_tree()
    return pruned, removed


def _boilerplate_elements(root: HtmlElement, cues: _Cues) -> Iterator[tuple[HtmlElement, str]]:
    """Outermost elements that the lexicon marks, in document order."""
    stack = list(reversed(root))
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        reason = _element_reason(element, cues)
        if reason is not None:
            yield element, reason
        else:
            stack.extend(reversed(element))


def _element_reason(element: HtmlElement, cues: _Cues) -> str | None:
    tag = element.tag.lower()
    if tag in cues.tags:
        return cues.tags[tag]
    if tag in {"html", "body", "main", "h1"}:
        return None
    for attribute in ("class", "id", "role", "aria-label"):
        value = element.get(attribute)
        if not value:
            continue
        words = tuple(word.lower() for word in _WORD.findall(value))
        for phrase, reason in cues.attributes.items():
            if _contains_sequence(words, phrase):
                return reason
    return None


def _contains_sequence(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def _paragraph_text_length(element: HtmlElement) -> int:
    return sum(len(p.text_content().strip()) for p in element.iter("p"))


def _holds_article(element: HtmlElement, page_text: int) -> bool:
    """Whether cutting the element would cut the article: the title, or most of the prose."""
    if element.find(".//h1") is not None or element.xpath(".//*[@itemprop='articleBody']"):
        return True
    return page_text > 0 and _paragraph_text_length(element) >= _ARTICLE_TEXT_SHARE * page_text


# --- extraction -------------------------------------------------------------------


def _extract_main_lines(tree: HtmlElement, *, url: str | None) -> list[str]:
    """Precision-first extraction, with a recall-first rerun when precision kept too little.

    trafilatura's precision mode sometimes settles on a teaser block and loses the
    article; when its output is short next to the page's prose, the default mode's
    output wins if the precise one holds under a quarter of it.
    """
    precise = _extract_lines(tree, url=url, precise=True)
    body = tree.find("body")
    page_text = _paragraph_text_length(body) if body is not None else 0
    precise_size = sum(map(len, precise))
    if precise_size >= _TRUSTED_SHARE_OF_PAGE * page_text:
        return precise
    default = _extract_lines(tree, url=url, precise=False)
    return (
        precise if precise_size >= _PRECISE_SHARE_OF_DEFAULT * sum(map(len, default)) else default
    )


def _extract_lines(tree: HtmlElement, *, url: str | None, precise: bool = True) -> list[str]:
    """trafilatura's main-text lines (paragraphs, headings, list items) without comments."""
    from trafilatura import bare_extraction

    try:
        document = bare_extraction(
            tree,
            url=url,
            include_comments=False,
            favor_precision=precise,
            with_metadata=False,
        )
    except (ValueError, TypeError, AttributeError, etree.LxmlError) as exc:
        raise InputError(f"cannot extract text from the HTML: {exc}", where=url) from exc
    text = getattr(document, "text", None) or ""
    return _split_paragraphs(text)


# --- line rules -------------------------------------------------------------------


def _drop_boilerplate_lines(
    lines: list[str], cues: _Cues, *, title: str | None
) -> tuple[list[str], list[RemovedText]]:
    """Lines that are article prose, and the ones that read as page furniture."""
    kept: list[str] = []
    removed: list[RemovedText] = []
    title_key = _key(title) if title else None
    in_list: str | None = None
    for number, line in enumerate(lines, start=1):
        lowered = line.lower()
        words = len(_TOKEN.findall(line))
        reason: str | None = None
        if in_list is not None and _is_link_item(line, words):
            reason = in_list
        else:
            in_list = None
        if reason is None and words <= _SHORT_LINE_WORDS:
            reason = _short_line_reason(line, lowered, cues, number=number, title_key=title_key)
            list_reason = _starts_with(lowered, cues.lists)
            if reason is None and list_reason and words <= _LIST_HEADING_WORDS:
                reason = in_list = list_reason
        tail = _tail_reason(lowered, cues) if reason is None and kept else None
        if tail is not None and number > len(lines) / 2:
            removed.extend(
                RemovedText(text=rest, reason=tail, line=index)
                for index, rest in enumerate(lines[number - 1 :], start=number)
            )
            break
        if reason is None:
            kept.append(line)
        else:
            removed.append(RemovedText(text=line, reason=reason, line=number))
    return kept, removed


def _short_line_reason(
    line: str, lowered: str, cues: _Cues, *, number: int, title_key: str | None
) -> str | None:
    if number <= 3 and title_key and _key(line) == title_key:
        return "title"
    if _TIMESTAMP_LINE.match(line):
        return "markup residue"
    if reason := _starts_with(lowered, cues.leads):
        return reason
    if reason := _credit_reason(lowered, cues):
        return reason
    if _is_byline(line, cues):
        return "byline"
    found = {reason for phrase, reason in cues.prompts.items() if _has_phrase(lowered, phrase)}
    hits = sum(1 for phrase in cues.prompts if _has_phrase(lowered, phrase))
    if hits >= 2 and found:
        return sorted(found)[0]
    return None


def _starts_with(lowered: str, phrases: dict[str, str]) -> str | None:
    stripped = lowered.lstrip("-–—•*|[( ")
    for phrase, reason in phrases.items():
        if stripped.startswith(phrase) and not _continues_word(stripped, len(phrase)):
            return reason
    return None


def _continues_word(text: str, end: int) -> bool:
    return end < len(text) and text[end].isalnum() and text[end - 1].isalnum()


def _has_phrase(lowered: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", lowered) is not None


def _credit_reason(lowered: str, cues: _Cues) -> str | None:
    """'Photo: ...' leads a caption; an agency credit ('... /Getty Images') ends one."""
    stripped = lowered.strip(" .()[]")
    for phrase, reason in cues.credits.items():
        if lowered.startswith(phrase):
            return reason
        if phrase[-1].isalnum() and stripped.endswith(phrase) and stripped != phrase:
            return reason
    return None


def _is_byline(line: str, cues: _Cues) -> bool:
    """'By Jane Doe and John Roe, Reuters': a marker word, then only names."""
    words = line.split()
    if not 2 <= len(words) <= _BYLINE_MAX_WORDS or words[0].lower() not in cues.bylines:
        return False
    names = [word for word in words[1:] if word.lower() not in _NAME_JOINERS]
    return bool(names) and all(_NAME_WORD.match(word) for word in names)


def _is_link_item(line: str, words: int) -> bool:
    """A headline in a link list: short and not ending like a sentence, or a bullet."""
    if words > _SHORT_LINE_WORDS:
        return False
    return line.lstrip().startswith(("-", "•", "*")) or not _SENTENCE_END.search(line)


def _tail_reason(lowered: str, cues: _Cues) -> str | None:
    bare = re.sub(r"[\d()\[\]:.!?…]+", " ", lowered)
    bare = " ".join(bare.split())
    return cues.tails.get(bare)


def _key(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))
