"""Reading a text in Russian, French or Arabic into tokens, lemmas, sentences and names.

Each reader loads its models once per process, on first use: French uses the spaCy model
``fr_core_news_sm``; Russian uses natasha (segmentation and NER) with pymorphy3 lemmas;
Arabic has no statistical model (tokens by regular expression, no names).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsprism.errors import NewsprismError


@dataclass(frozen=True)
class Token:
    """A word or mark; ``pos`` is a Universal Dependencies tag ("" when the reader has none)."""

    text: str
    start: int
    end: int
    lemma: str
    pos: str = ""


@dataclass(frozen=True)
class Name:
    """A named entity: ``label`` is PER, ORG, LOC or MISC; ``normal`` its nominative form
    where the language declines names ("Аллы Фроловой" -> "Алла Фролова"), else ""."""

    start: int
    end: int
    label: str
    text: str
    normal: str = ""

    @property
    def canonical(self) -> str:
        """The name as a speaker or source is reported: its nominative form when known."""
        return self.normal or self.text


@dataclass(frozen=True)
class TextLayer:
    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...]
    names: tuple[Name, ...]


Reader = Callable[[str], TextLayer]
_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?؟])[»”\"]?\s+|\n\s*\n")


def regex_sentences(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans)


_FRENCH_SENTENCE_END = re.compile(r"(?<=[.!?…])[»”\"]?\s+(?=[«“\"—–(-]?\s?[A-ZÀ-ÖØ-Þ0-9])")
_FRENCH_ABBREVIATIONS = frozenset(
    {"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "mgr", "st", "ste", "cf", "av", "p", "n"}
)


def french_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """French sentences by punctuation: a sentence ends at ".", "!", "?" (and a closing
    mark) before a capital, a digit or an opening mark, never after a title ("M. Dupont")
    or an initial. The small model's parser starts sentences inside titles and quotes
    ("le ministre de l'Intérieur | Christophe Castaner"), so its boundaries are not used."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _FRENCH_SENTENCE_END.finditer(text):
        word = re.search(r"(\w+)\W*$", text[start : match.start()])
        if word is not None and (
            word.group(1).lower() in _FRENCH_ABBREVIATIONS or len(word.group(1)) == 1
        ):
            continue
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans)


def split_at_lines(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Sentences also end at a line break: a model's sentences may run over a paragraph's
    end ("... nippone.\n\nÀ 3 h 52, ..."), and a headline or dateline line is its own."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        for match in re.finditer(r"[^\n]+", text[start:end]):
            piece = match.group()
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                out.append(
                    (start + match.start() + lead, start + match.start() + len(piece.rstrip()))
                )
    return tuple(out)


_ARABIC_WORD = re.compile(
    r"(?:\w|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])+(?:[-'’](?![\u0600-\u06ff])\w+)*"
    r"|[^\w\s]",
    re.UNICODE,
)
"""A word with its short-vowel marks ("قُتِل" is one word, not three). A hyphen before an
Arabic letter separates two words (a dateline's "أنقرة-وكالات": city, agency)."""


def read_arabic(text: str) -> TextLayer:
    from newsprism.nlp.languages.cues import EASTERN_DIGITS, fold

    tokens = tuple(
        Token(m.group(), m.start(), m.end(), fold(m.group(), "ar").translate(EASTERN_DIGITS))
        for m in _ARABIC_WORD.finditer(text)
    )
    return TextLayer(text, tokens, regex_sentences(text), ())


@cache
def _french_model() -> Any:
    try:
        import spacy

        return spacy.load("fr_core_news_sm")
    except (ImportError, OSError) as exc:
        raise NewsprismError(f"the French model fr_core_news_sm is not installed: {exc}") from exc


def read_french(text: str) -> TextLayer:
    doc = _french_model()(text)
    tokens = tuple(
        Token(t.text, t.idx, t.idx + len(t.text), t.lemma_.lower() or t.lower_, t.pos_)
        for t in doc
        if not t.is_space
    )
    sentences = split_at_lines(text, list(french_sentences(text)))
    names = tuple(Name(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents)
    return TextLayer(text, tokens, sentences, names)


@cache
def _russian_models() -> tuple[Any, Any, Any]:
    try:
        import pymorphy3

        # natasha imports pymorphy2, which fails on Python 3.11; pymorphy3 is its successor.
        sys.modules.setdefault("pymorphy2", pymorphy3)
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter
    except ImportError as exc:
        raise NewsprismError(f"the Russian models (natasha, pymorphy3) are missing: {exc}") from exc
    return Segmenter(), NewsNERTagger(NewsEmbedding()), pymorphy3.MorphAnalyzer()


@cache
def _russian_lemma(word: str) -> str:
    morph = _russian_models()[2]
    parses = morph.parse(word)
    return str(parses[0].normal_form) if parses else word.lower()


# pymorphy3 parts of speech as Universal Dependencies tags
_RU_POS = {
    "NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "PRTF": "ADJ", "PRTS": "VERB",
    "VERB": "VERB", "INFN": "VERB", "GRND": "VERB", "NUMR": "NUM", "ADVB": "ADV", "NPRO": "PRON",
    "PRED": "ADV", "PREP": "ADP", "CONJ": "CCONJ", "PRCL": "PART", "INTJ": "INTJ",
}  # fmt: skip


@cache
def _russian_pos(word: str) -> str:
    if not word[:1].isalpha():
        return "NUM" if word[:1].isdigit() else "PUNCT"
    parses = _russian_models()[2].parse(word)
    if not parses:
        return "X"
    if {"Geox", "Name", "Surn"} & parses[0].tag.grammemes:
        return "PROPN"  # a place or a person's name, even when written in lower case ("рф")
    return _RU_POS.get(str(parses[0].tag.POS), "X")


def russian_nominative(name: str) -> str:
    """A declined Russian personal name in the nominative ("Аллы Фроловой" -> "Алла
    Фролова"): the given name fixes gender and case, the surname follows it."""
    morph = _russian_models()[2]
    words = name.split()
    parses = [morph.parse(w) for w in words]
    given = next((p for options in parses for p in options if "Name" in p.tag.grammemes), None)
    out = []
    for word, options in zip(words, parses, strict=True):
        personal = [p for p in options if {"Name", "Surn", "Patr"} & p.tag.grammemes]
        if given is not None:
            agreeing = [
                p
                for p in personal
                if p.tag.gender == given.tag.gender and p.tag.case == given.tag.case
            ]
            personal = agreeing or personal
        if not personal or (given is None and any(p.tag.case == "nomn" for p in personal)):
            out.append(word)
            continue
        inflected = personal[0].inflect({"nomn", "sing"})
        form = inflected.word if inflected is not None else word
        if "ё" not in word.lower():
            form = form.replace("ё", "е")  # as written: "Артем" stays "Артем"
        out.append(form[:1].upper() + form[1:] if word[:1].isupper() else form)
    return " ".join(out)


def read_russian(text: str) -> TextLayer:
    from natasha import Doc

    segmenter, tagger, _ = _russian_models()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    tokens = tuple(
        Token(
            t.text, t.start, t.stop, _russian_lemma(t.text).replace("ё", "е"), _russian_pos(t.text)
        )
        for t in doc.tokens
    )
    sentences = split_at_lines(text, [(s.start, s.stop) for s in doc.sents])
    names = tuple(
        Name(s.start, s.stop, s.type, s.text, russian_nominative(s.text) if s.type == "PER" else "")
        for s in doc.spans
    )
    return TextLayer(text, tokens, sentences, names)


READERS: dict[str, Reader] = {"ru": read_russian, "fr": read_french, "ar": read_arabic}
