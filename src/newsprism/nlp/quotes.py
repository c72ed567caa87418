"""The ``newsprism_quotes`` component: direct and indirect quotes with their speaker.

Direct quotes are found on the text first (:func:`find_marked_quotes`), paragraph by
paragraph (a paragraph is a line; blank lines separate them):

- straight ``"`` and curly ``“ ”`` marks, ``« »`` and ``„``; single curly ``‘ ’`` only from an
  opening ``‘`` (a ``’`` between letters or after a plural ``s`` is an apostrophe);
- a paragraph whose quote does not close continues in the next paragraph when that one opens
  with a mark (the press convention); each paragraph's part is its own Quote, same speaker;
- a closing mark with no opening one (``... in the capital,” Ruto said.``) closes a quote that
  runs from the paragraph start, or from just after a colon ("X said: ...");
- "X said (the following):" at the end of a paragraph hands its speaker to the quote
  paragraphs that follow; an unmarked paragraph right after it is that speaker's quote too,
  and so is unmarked text after "X said:" in the same paragraph.

Speakers come from the parse: a reporting verb (``speech_verbs.txt``) after the closing mark
in the same sentence (",” X said"), else before the opening mark ("X said that “...”",
"called them “...”"), its subject found by :func:`newsprism.nlp.citations.subject_of`;
"according to X" and "quoted X as saying" name X. A quote with no speaker in its sentence
inherits the speaker of the quote before it in the same paragraph, or of the previous
paragraph when it continues it or the paragraph is all quotation.

Resolution (gender-free, documented rule): "he/she" -> the nearest preceding PERSON entity
or person speaker outside quotation marks; "it/they" -> the nearest preceding organisation;
a title ("the Belarusian leader", "the expert") -> the nearest preceding PERSON whose mention
carries that title, else the most recent person speaker, else the title itself.
``speaker`` is the canonical name (:func:`~newsprism.nlp.citations.canonical_source`) and
``speaker_start``/``speaker_end`` point at the text naming it: the antecedent's span when a
pronoun or title was resolved.

Not quotes: quoted spans in Title Case inside running text (titles of works, names of
groups) and short (up to three words) partial quotes whose sentence names no speaker
(scare quotes). Indirect quotes: a reporting verb's clausal complement ("X warned that ...")
or the clause around "according to X, ...", outside any direct quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from newsprism.layout import iter_paragraphs
from newsprism.lexicons import lexicon_cache, load_mapping, use_user_entries
from newsprism.models import Quote
from newsprism.nlp.citations import (
    addresses_listener,
    canonical_source,
    classify_source,
    credit_line_end,
    is_carrier,
    is_demonym,
    is_person_role,
    is_source_head,
    names_person_role,
    person_in,
    reports_finding,
    source_phrase,
    source_term,
    speaker_after_verb,
    speech_role,
    speech_roles,
    trailing_subject,
)
from newsprism.nlp.doc_index import doc_text, entities_within
from newsprism.nlp.extensions import register_extensions
from newsprism.nlp.grammar import according_object, subject_of
from newsprism.nlp.grammar import phrase_bounds as phrase_tokens
from newsprism.quotemarks import (
    OPENERS as _OPENERS,
)
from newsprism.quotemarks import (
    MarkedQuote,
    find_marked_quotes,
    find_quoted_ranges,
)
from newsprism.quotemarks import (
    trim_marks as _trim,
)

_SPEAKER_ROLES = {"speech", "write", "report", "naming", "quote"}
_INDIRECT_ROLES = {"speech", "write", "report"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_RELATIVE_PRONOUNS = {"who", "which", "that"}
_GROUP_PRONOUNS = {"it", "they", "them", "some", "many", "others", "most", "several"}
_QUESTION_WORDS = {"how", "whether", "why", "what", "when", "where", "which", "who", "if"}
_NEW_REFERENT_WORDS = {"a", "an", "another", "one", "some"}
_PLACE_PREPOSITIONS = {"in", "at", "near", "outside", "from", "across", "throughout"}
_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with"}
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NAME_DEPS = {"oprd", "attr", "dobj", "xcomp", "appos", "npadvmod"}
_TITLE_WINDOW = 6
_MAX_SCARE_WORDS = 3
_CARRY_PARAGRAPHS = 3
_CLOSERS = {"”", '"', "’", "»", "'", "''"}


@dataclass(frozen=True)
class _Speaker:
    name: str
    start: int
    end: int
    is_person: bool


# --- speakers -------------------------------------------------------------------------------


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(lo <= position < hi for lo, hi in ranges)


class _Covered:
    """The positions :func:`_inside` some ranges, answered by bisection: for loops over
    every token of a doc against ranges that stay the same during the loop."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(r for r in ranges if r[0] < r[1]):
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
            else:
                merged.append((lo, hi))
        self._starts = [lo for lo, _ in merged]
        self._ends = [hi for _, hi in merged]

    def __contains__(self, position: int) -> bool:
        number = bisect_right(self._starts, position) - 1
        return number >= 0 and position < self._ends[number]


def _has_proper_noun(span: Span) -> bool:
    """A name in the phrase; a nationality ("the Kazakh president") or a title the tagger
    took for a proper noun ("President") is not one."""
    names = [t for t in span if t.pos_ == "PROPN" and t.lower_ not in {"state"}]
    if any(not is_demonym(t.text) and source_term(t.text) is None for t in names):
        return True
    return any(
        e.label_ in {"PERSON", "ORG"} and not is_demonym(e.text) for e in entities_within(span)
    )


def _is_person_span(span: Span) -> bool:
    entities = entities_within(span)
    if any(e.label_ == "PERSON" for e in entities):
        return True
    if is_person_role(span.text):
        return True
    if names_person_role(span.text) and any(t.pos_ == "PROPN" for t in span):
        return True
    return (
        all(t.pos_ == "PROPN" for t in span if t.is_alpha)
        and source_term(span.text) is None
        and not any(e.label_ in {"GPE", "NORP", "LOC"} for e in entities)
        and any(t.is_alpha for t in span)
    )


def _is_named(name: str) -> bool:
    """A name, not only a title: "Olena Koval", not "the Belarusian president"."""
    return any(
        w[:1].isupper() and not is_demonym(w) and source_term(w) is None for w in name.split()
    )


def _as_speaker(span: Span) -> _Speaker:
    return _Speaker(
        canonical_source(span.text), span.start_char, span.end_char, _is_person_span(span)
    )


class _Resolver:
    """Turns a speaker phrase into a named speaker, using what came before in the article."""

    def __init__(self, doc: Doc, quoted: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.quoted = quoted
        self.history: list[_Speaker] = []
        self.places = [(p.start, p.end) for p in doc._.places or []]
        self.people = [
            e
            for e in doc.ents
            if e.label_ == "PERSON"
            and not _inside(e.start_char, quoted)
            and not is_demonym(e.text)
            and source_term(e.text) is None
            and "\n" not in e.text
            and not _is_place_mention(e, self.places)
        ]
        self.salient = {
            (e.start_char, e.end_char) for e in self.people if e.root.dep_ in _SUBJECT_DEPS
        }
        self.people.extend(self._person_phrases())
        self.people.extend(self._speaker_mentions())
        self.people.sort(key=lambda span: span.start_char)
        self.orgs = [
            body
            for body in (
                _body_of(e)
                for e in doc.ents
                if e.label_ in {"ORG", "NORP"} and not _inside(e.start_char, quoted)
            )
            if body is not None
        ]
        self._titles: dict[tuple[int, int], _Speaker | None] = {}
        self._title_roles: dict[int, str] = {}

    def _person_phrases(self) -> list[Span]:
        """Subjects that look like people but the NER missed, and role phrases ("the
        spokesman") that "he" or "she" may refer back to."""
        found: list[Span] = []
        quoted = _Covered(self.quoted)
        for token in self.doc:
            if token.idx in quoted or token.ent_type_ == "PERSON":
                continue
            if token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ == "PROPN":
                span = source_phrase(token)
                if _is_place_mention(span, self.places):
                    continue
                if _is_person_span(span) and not any(t.is_upper for t in span if t.is_alpha):
                    found.append(span)
                    self.salient.add((span.start_char, span.end_char))
            elif token.pos_ == "NOUN" and token.dep_ in {"nsubj", "nsubjpass", "pobj"}:
                lo, hi = phrase_tokens(token)
                span = self.doc[lo:hi]
                if is_person_role(span.text) and person_in(token) is None:
                    found.append(span)
                    if token.dep_ != "pobj":
                        self.salient.add((span.start_char, span.end_char))
        return found

    def _speaker_mentions(self) -> list[Span]:
        """People named as the speaker of a reporting verb, even where the NER tagged the
        name as something else ("quoted the President, X, as saying")."""
        found: list[Span] = []
        quoted = _Covered(self.quoted)
        for token in self.doc:
            if token.idx in quoted or speech_role(token) not in _SPEAKER_ROLES:
                continue
            subject = _speaker_token(token)
            if subject is None or subject.pos_ == "PRON" or subject.idx in quoted:
                continue
            span = source_phrase(subject)
            if _is_person_span(span) and _is_named(span.text):
                found.append(span)
                self.salient.add((span.start_char, span.end_char))
        return found

    def remember(self, speaker: _Speaker | None) -> None:
        if speaker is not None and speaker not in self.history:
            self.history.append(speaker)

    def _as_person(self, span: Span) -> _Speaker:
        """A person antecedent; a bare role phrase ("the expert") stands for whoever
        carries that role."""
        role = not _has_proper_noun(span) and is_person_role(span.text)
        if role and not _introduces_someone(span.root):
            titled = self._title_holder(span)
            if titled is not None:
                return titled
        return replace(_as_speaker(span), is_person=True)

    def _nearest_person(self, position: int) -> _Speaker | None:
        """The antecedent of "he"/"she": within the last sentences, the nearest subject or
        speaker, else the nearest person; beyond them, the nearest person speaker."""
        window_start = self._window_start(position)
        own = _sentence_of(self.doc, position)
        before = [span for span in self.people if span.end_char <= position]
        recent = [span for span in before if span.end_char > window_start]
        salient = [s for s in recent if (s.start_char, s.end_char) in self.salient]
        # "As for the ministry's spokesman, he said": a topic in the pronoun's own sentence
        topic = [s for s in recent if own is not None and s.start_char >= own.start_char]
        pool = topic or salient or recent
        if not pool:
            pool = [s for s in before if (s.start_char, s.end_char) in self.salient] or before
        best = self._as_person(pool[-1]) if pool else None
        floor = window_start if recent else 0
        for earlier in self.history:
            later = best is None or earlier.end > best.end
            if floor < earlier.end <= position and earlier.is_person and later:
                best = earlier
        return best

    def _window_start(self, position: int, sentences: int = 2) -> int:
        """Where the context of a pronoun starts: its paragraph, and at least the two
        sentences before its own."""
        sentence = _sentence_of(self.doc, position)
        if sentence is None:
            return 0
        start = sentence.start
        for _ in range(sentences):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        paragraph = doc_text(self.doc).rfind("\n", 0, position) + 1
        return min(self.doc[start].idx, paragraph)

    def _nearest_group(self, position: int) -> _Speaker | None:
        """ "some shouted", "they said": a plural subject naming people in the last
        sentences ("Protesters waved flags."), else the nearest organisation."""
        window_start = self._window_start(position)
        for token in reversed(self.doc[: max(0, self._token_at(position))]):
            if token.idx < window_start:
                break
            if (
                token.dep_ in {"nsubj", "nsubjpass"}
                and token.tag_ in {"NNS", "NNPS"}
                and not _inside(token.idx, self.quoted)
                and is_person_role(token.lemma_)
            ):
                span = source_phrase(token)
                return replace(_as_speaker(span), is_person=False)
        return self._nearest_org(position)

    def _token_at(self, position: int) -> int:
        span = self.doc.char_span(position, position + 1, alignment_mode="expand")
        return span.start if span is not None else len(self.doc)

    def _nearest_org(self, position: int, *, noun: str | None = None) -> _Speaker | None:
        """The body named last before ``position`` (with ``noun`` in its name, if given)."""
        best: _Speaker | None = None
        for ent in self.orgs:
            if ent.end_char <= position and (noun is None or noun in ent.text.lower()):
                best = replace(_as_speaker(ent), is_person=False)
        for earlier in self.history:
            later = best is None or earlier.end > best.end
            fits = noun is None or noun in earlier.name.lower()
            if earlier.end <= position and not earlier.is_person and later and fits:
                best = earlier
        return best

    def _title_holder(self, title: Span) -> _Speaker | None:
        key = (title.start_char, title.end_char)
        if key not in self._titles:
            self._titles[key] = self._titled(title)
            self._title_roles[title.start_char] = source_term(title.text) or ""
        return self._titles[key]

    def _titled(self, title: Span) -> _Speaker | None:
        """The person a title refers to: one who carries it (a speaker first), else the last
        person speaker."""
        role = source_term(title.text)
        if role is None:
            return None
        persons = [
            s
            for s in self.history
            if s.is_person and s.end <= title.start_char and _is_named(s.name)
        ]
        spoken = {s.name.split()[-1] for s in persons if s.name}
        carriers: list[Span] = []
        for ent in self.people:
            if ent.end_char > title.start_char or not _is_named(ent.text):
                continue
            sentence = ent.sent
            window_start = max(sentence.start, ent.start - _TITLE_WINDOW)
            around = self.doc[window_start : min(sentence.end, ent.end + _TITLE_WINDOW)].text
            if _title_forms(role).search(around.lower()):
                carriers.append(ent)
        for ent in reversed(carriers):
            if ent.text.split()[-1] in spoken:
                return replace(_as_speaker(ent), is_person=True)
        if carriers:
            return replace(_as_speaker(carriers[-1]), is_person=True)
        earlier = [
            (start, speaker)
            for (start, _end), speaker in self._titles.items()
            if start < title.start_char
            and speaker is not None
            and source_term(speaker.name) is None
            and self._title_roles.get(start) == role
        ]
        if earlier:
            return max(earlier, key=lambda item: item[0])[1]  # the same title again
        if self._unnamed_before(role, title):
            return None  # "the spokesman" again: the one no name was given for
        return persons[-1] if persons else None

    def _unnamed_before(self, role: str, title: Span) -> bool:
        """Whether the title's role noun came up earlier in running text (lower case,
        outside quotation marks) with no name beside it (else it would have a carrier):
        a repeated title takes up that mention, not the last person who spoke."""
        text = doc_text(self.doc)[: title.start_char]
        for match in re.finditer(r"(?<![\w-])" + re.escape(role) + r"(?![\w-])", text):
            if not _inside(match.start(), self.quoted):
                return True
        return False

    def resolve(self, head: Token) -> _Speaker | None:
        lower = head.lower_
        if head.pos_ == "PRON":
            if lower in _PERSON_PRONOUNS:
                reporter = _reporter_of_clause(head)
                if reporter is not None:
                    return self.resolve(reporter)
                return self._nearest_person(head.idx)
            if lower == "it":  # one body, never a plural group of people
                return self._nearest_org(head.idx)
            if lower in _GROUP_PRONOUNS:
                return self._nearest_group(head.idx)
            return None
        label = self.doc.user_data.get("newsprism_label_spans", {}).get(head.i)
        if label is not None:  # "Jane Roe: ...": the label names the speaker
            return _as_speaker(self.doc[label[0] : label[1]])
        span = source_phrase(head)
        if head.pos_ == "NUM":  # "Six in 10 voters say": the count with whom it counts
            span = self.doc[head.left_edge.i : head.right_edge.i + 1]
        if _inside(span.start_char, self.quoted):
            return None
        if not _has_proper_noun(span) and is_person_role(span.text):
            if _introduces_someone(head):
                return _as_speaker(span)
            return self._title_holder(span) or _as_speaker(span)
        if is_carrier(head.lemma_) and _is_definite_description(head, span, carriers=True):
            return self._carrier_author(head) or _as_speaker(span)
        if _is_definite_description(head, span):
            # "the organization" takes up the body named last; "the army", "the ministry"
            # (institutions) only a body whose name has that noun ("the Interior Ministry")
            noun = None if classify_source(head.text) != "official" else head.lower_
            return self._nearest_org(head.idx, noun=noun) or _as_speaker(span)
        return _as_speaker(span)

    def _carrier_author(self, carrier: Token) -> _Speaker | None:
        """ "the statement said": whoever issued the statement mentioned last before it
        ("X issued a statement", "X's statement", "a statement from X", "in a statement,
        X said"); with none, the carrier speaks for itself."""
        lemma = carrier.lemma_.lower()
        for token in reversed(self.doc[: carrier.i]):
            if token.lemma_.lower() != lemma or _inside(token.idx, self.quoted):
                continue
            author = _author_of(token)
            if author is None or author.i == carrier.i:
                return None
            if author.pos_ == "PRON":
                return self.resolve(author) if author.lower_ not in _RELATIVE_PRONOUNS else None
            return _as_speaker(source_phrase(author))
        return None


@lexicon_cache
def _title_forms(role: str) -> re.Pattern[str]:
    """The ways a title is written before a name: the role word and the ``titles`` entries of
    the same office, abbreviations included ("the governor" is carried by "Gov. X")."""
    titles = load_mapping("titles")
    office = (titles.get(role) or role).split("|")[0]
    forms = {role} | {t for t, v in titles.items() if v.split("|")[0] == office}
    alternatives = "|".join(re.escape(f.lower()) for f in sorted(forms, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])")


def _author_of(carrier: Token) -> Token | None:
    """Who a mention of a document is by: "X's statement", "a statement by/from X",
    "X issued a statement", "in a statement, X said"."""
    for child in carrier.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if carrier.dep_ in {"dobj", "pobj"}:
        verb = carrier.head.head if carrier.dep_ == "pobj" else carrier.head
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None and (subject.pos_ == "PRON" or is_source_head(subject)):
            return subject
    return None


def _body_of(ent: Span) -> Span | None:
    """The body an organisation or nationality entity names: the entity itself, the
    source noun it modifies ("the Chinese embassy"), or none when it only describes
    something else ("Republican voters", "an American flag")."""
    root = ent.root
    if root.dep_ not in {"amod", "compound", "nmod"} and root.pos_ != "ADJ":
        return ent
    head = root.head
    if head.pos_ == "NOUN" and head.i >= ent.end and source_term(head.text) is not None:
        lo, hi = phrase_tokens(head)
        return ent.doc[min(lo, ent.start) : hi]
    return None


def _reporter_of_clause(pronoun: Token) -> Token | None:
    """ "Kasich says he'd sit Putin down and tell him ...": "he" as the subject of the
    clause a reporting verb reports refers to whoever reports it, when that one is named
    (a proper noun outside quotation marks)."""
    if pronoun.dep_ not in _SUBJECT_DEPS:
        return None
    clause = pronoun.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or speech_role(clause.head) not in _INDIRECT_ROLES:
        return None
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "PROPN" or subject.ent_type_ == "NORP":
        return None  # (a name the recogniser took for an organisation can be "he")
    return subject if subject.i < pronoun.i and subject.tag_ != "NNPS" else None


def _is_definite_description(head: Token, span: Span, *, carriers: bool = False) -> bool:
    """ "the organization", "the group", "the agency": a bare definite common noun that
    takes up a body named before rather than naming one. A document ("the statement")
    only with ``carriers``: it takes up its author, not the last body named."""
    if head.pos_ != "NOUN" or head.tag_ in {"NNS", "NNPS"} or _has_proper_noun(span):
        return False
    if is_carrier(head.lemma_) != carriers or source_term(head.text) is None:
        return False
    determiners = [c for c in head.children if c.dep_ == "det"]
    modifiers = [c for c in head.children if c.dep_ in {"amod", "compound", "nmod", "prep"}]
    return [d.lower_ for d in determiners] == ["the"] and not modifiers


def _introduces_someone(head: Token) -> bool:
    """ "a survivor", "her press secretary", "our correspondent": an indefinite or possessed
    role names someone new, not a person mentioned before."""
    for child in head.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ in {"det", "nummod"} and child.lower_ in _NEW_REFERENT_WORDS:
            return True
    return False


def _is_place_mention(ent: Span, places: list[tuple[int, int]]) -> bool:
    """A "PERSON" the NER got wrong: a found place, or the object of "in"/"at"/"near"."""
    if any(start < ent.end_char and ent.start_char < end for start, end in places):
        return True
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS


def _relay_object(verb: Token) -> Token | None:
    """ "quoted X as saying": X."""
    if verb.lower_ == "saying" and verb.head.lower_ == "as":
        relay = verb.head.head
        for child in relay.children:
            if child.dep_ == "dobj":
                return child
    return None


def _quoted_subject(verb: Token) -> Token | None:
    """ "X was quoted (in local media) calling them ...": X, not the medium."""
    token = verb
    for _ in range(4):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.lemma_.lower() == "quote":
            return next((c for c in token.children if c.dep_ == "nsubjpass"), None)
    return None


def _speaker_token(verb: Token) -> Token | None:
    relayed = _relay_object(verb)
    if relayed is not None:
        return relayed
    if speech_role(verb) == "relay":
        return None
    if verb.dep_ in {"acl", "advcl", "xcomp"}:
        quoted = _quoted_subject(verb)
        if quoted is not None:
            return quoted
    if verb.tag_ == "VBG" and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        aside = _parenthetical_speaker(verb)
        if aside is not None:
            return aside
    inverted = speaker_after_verb(verb)
    if inverted is not None:
        return inverted
    subject = subject_of(verb)
    if subject is None:
        return _inverted_subject(verb) or trailing_subject(verb)
    if subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    if is_carrier(subject.lemma_) and subject.dep_ in {"dobj", "nsubj"}:
        return _carrier_author(subject) or subject
    return subject


def _unquoted(subject: Token | None, verb: Token, quoted: list[tuple[int, int]]) -> Token | None:
    """A subject inside the quotation is the parser's mistake ("«...», says X"): X, or
    the name between the closing mark and the verb ("“...,” Ramos, 58, told AFP")."""
    if subject is not None and _inside(subject.idx, quoted):
        return _inverted_subject(verb) or _subject_after_quote(verb, quoted) or subject
    return subject


def _is_closer(token: Token) -> bool:
    """A closing quotation mark, not the apostrophe of a possessive ("the farmers' union")."""
    return token.text in _CLOSERS and token.tag_ != "POS"


_SHORT_GAP = 12
_APPOSITIVE_GAP = 40


def _subject_after_quote(verb: Token, quoted: list[tuple[int, int]]) -> Token | None:
    """ "“...,” Ramos, 58, told AFP": the name that opens the words between a closing
    quotation mark and the reporting verb, which the parser hung elsewhere. A longer
    stretch, verbs included, only when it is the name and its appositive set off by a comma
    ("“...,” Ramos, the party's candidate who won the state by a wide margin, said")."""
    doc = verb.doc
    i = verb.i - 1
    while i > 0 and verb.i - i <= _APPOSITIVE_GAP and not _is_closer(doc[i]):
        if _inside(doc[i].idx, quoted):
            return None
        i -= 1
    if i <= 0 or not _is_closer(doc[i]):
        return None
    between = doc[i + 1 : verb.i]
    first = next((t for t in between if not t.is_punct), None)
    if first is None or first.pos_ not in {"PROPN", "NOUN", "DET", "ADJ"}:
        return None
    head = first
    while head.dep_ in {"compound", "amod", "det", "flat"} and first.i < head.head.i < verb.i:
        head = head.head
    if head.pos_ not in {"PROPN", "NOUN"} or not is_source_head(head):
        return None
    if len(between) > _SHORT_GAP or any(t.pos_ in {"VERB", "AUX"} for t in between):
        # "Name, <appositive, perhaps with a relative clause>, said": commas on both sides,
        # no clause with a subject of its own and no other reporting verb inside
        set_off = doc[head.i + 1].text == "," and doc[verb.i - 1].text == ","
        clause = any(
            (t.dep_ in _SUBJECT_DEPS and t.lower_ not in _RELATIVE_PRONOUNS)
            or speech_role(t) is not None
            for t in between
            if t.i > head.i
        )
        if not set_off or clause:
            return None
    return head


def _parenthetical_speaker(participle: Token) -> Token | None:
    """ "The toll rose, the minister said, warning that ...": the participle hangs from the
    reported clause; its speaker is the subject of the "said" beside it."""
    for sibling in participle.head.children:
        if sibling.i != participle.i and speech_role(sibling) in _INDIRECT_ROLES:
            subject = next((c for c in sibling.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is not None:
                return subject
    return None


def _inverted_subject(verb: Token) -> Token | None:
    """ "..., says Lasso" in a headline the parser did not read as a subject."""
    if verb.i + 1 >= len(verb.doc) or speech_role(verb) not in _INDIRECT_ROLES | {"quote"}:
        return None
    if addresses_listener(verb):
        return None  # "..., told AFP": AFP listens
    token = verb.doc[verb.i + 1]
    while token.dep_ in {"compound", "amod", "det", "poss"} and verb.i < token.head.i <= verb.i + 6:
        token = token.head
    return token if token.pos_ in {"PROPN", "NOUN"} else None


def _carrier_author(carrier: Token) -> Token | None:
    """ "X published a study saying ...": the study speaks for X."""
    if carrier.dep_ == "dobj":
        return next((c for c in carrier.head.children if c.dep_ in _SUBJECT_DEPS), None)
    return None


def _speaker_in(tokens: list[Token], quoted: list[tuple[int, int]]) -> Token | None:
    """The speaker named by a reporting verb or "according to" among ``tokens`` (outside quotes)."""
    for token in tokens:
        if _inside(token.idx, quoted):
            continue
        obj = according_object(token)
        if obj is not None:
            return obj
        role = speech_role(token)
        if role in _SPEAKER_ROLES and token.dep_ != "relcl":
            # a relative clause describes someone ("X, who asked not to be named, sent
            # a message: “...”"); a quote inside one is found through the parse instead
            subject = _unquoted(_speaker_token(token), token, quoted)
            if subject is not None and not _inside(subject.idx, quoted):
                return subject
        if token.lower_ == "saying":
            relayed = _relay_object(token)
            if relayed is not None:
                return relayed
    return None


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    return list(span) if span is not None else []


def _sentence_of(doc: Doc, position: int) -> Span | None:
    position = min(max(position, 0), len(doc_text(doc)) - 1)
    span = doc.char_span(position, position + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[0].sent


def _governing_speaker(doc: Doc, quote: MarkedQuote, quoted: list[tuple[int, int]]) -> Token | None:
    """The subject of the reporting verb the quote depends on in the parse.

    "X said that the platforms had played “a considerable role”": the quote hangs from
    "played", which hangs from "said", so X speaks, whatever other verbs or "according
    to" phrases share the sentence.
    """
    best: tuple[int, Token] | None = None
    # a quote opening after a full stop starts a sentence the parser may have glued to the
    # one before ("... until 4 p.m. “Drink water,” she said."): nothing before it governs it
    lead = doc_text(doc)[: quote.start].rstrip().rstrip("\"“«„‘'").rstrip()
    floor = quote.start if lead.endswith((".", "!", "?")) else 0
    for token in _tokens_between(doc, quote.start, quote.end):
        if token.head.i == token.i or quote.start <= token.head.idx < quote.end:
            continue
        ancestor, hops = token.head, 1
        while hops <= 4 and not _inside(ancestor.idx, quoted):
            if ancestor.idx < floor:
                break
            if speech_role(ancestor) in _SPEAKER_ROLES:
                subject = _unquoted(_speaker_token(ancestor), ancestor, quoted)
                usable = subject is not None and not _inside(subject.idx, quoted)
                if usable and subject is not None and (best is None or hops < best[0]):
                    best = (hops, subject)
                break
            if ancestor.head.i == ancestor.i:
                break
            ancestor, hops = ancestor.head, hops + 1
    return best[1] if best is not None else None


def _continued_end(doc: Doc, sentence: Span, p_end: int) -> int:
    """The end of the next sentence when it goes on in lower case ("... Putin!" some
    shouted.): the parser cut one sentence in two after a quotation."""
    if sentence.end >= len(doc):
        return sentence.end_char
    following = doc[sentence.end].sent
    if following.start_char >= p_end:
        return sentence.end_char
    first = next((t for t in following if not t.is_space and not t.is_punct), None)
    if first is not None and first.text[:1].islower():
        return following.end_char
    if _is_attribution_sentence(following):
        return following.end_char
    return sentence.end_char


def _is_attribution_sentence(sentence: Span) -> bool:
    """ "“... Donald J. Trump!” | US Senator Jeff Sessions said as he launched the vote.":
    after a quote closing on "!" or "?" the parser starts a new sentence at the speaker;
    a sentence whose root is a reporting verb with its subject before it and no reported
    clause of its own is the quote's attribution."""
    root = sentence.root
    if root.pos_ == "PROPN" and root.i == _first_word(sentence):
        # "“...!” Jane Roe, the head of the group, tweeted on Friday.": the parser hangs the
        # verb on the name as a modifier; the name and its reporting verb are the attribution
        return any(
            c.dep_ == "acl" and c.tag_ in {"VBD", "VBN"} and speech_role(c) in _SPEAKER_ROLES
            for c in root.rights
        )
    if speech_role(root) not in _SPEAKER_ROLES or root.i == sentence.start:
        return False
    # "... told reporters": the object of a listener verb is whom it addresses, not a report
    content = {"ccomp"} if addresses_listener(root) else {"ccomp", "dobj"}
    if any(c.dep_ in content for c in root.children):
        return False
    return any(c.dep_ in _SUBJECT_DEPS and c.i < root.i for c in root.children)


def _first_word(sentence: Span) -> int:
    """Index of the head of the phrase that opens ``sentence`` (its first name, compounds in)."""
    first = next((t for t in sentence if not (t.is_punct or t.is_space)), sentence[0])
    while first.dep_ in {"compound", "flat"} and first.head.i > first.i:
        first = first.head
    return first.i


def _speaker_for(
    doc: Doc, quote: MarkedQuote, quoted: list[tuple[int, int]], paragraph: tuple[int, int]
) -> Token | None:
    """The speaker token for a marked quote from its own sentence(s), or None."""
    governing = _governing_speaker(doc, quote, quoted)
    if governing is not None:
        return governing
    p_start, p_end = paragraph
    close_sentence = _sentence_of(doc, quote.end - 1)
    close_end = _continued_end(doc, close_sentence, p_end) if close_sentence else p_end
    after_end = min(close_end, p_end)
    next_open = [q.start for q in _quotes_cache(doc) if quote.end < q.start < after_end]
    if next_open:
        after_end = min(next_open) - 1
    after = _tokens_between(doc, quote.end + 1, after_end)
    open_sentence = _sentence_of(doc, quote.start)
    before_start = max(open_sentence.start_char if open_sentence is not None else p_start, p_start)
    before = _tokens_between(doc, before_start, quote.start - 1)
    found = _speaker_in(after, quoted)
    if found is None:
        found = _speaker_in(list(reversed(before)), quoted)
    if found is None:
        found = _colon_intro_speaker(doc, quote, quoted)
    if found is None:
        found = _human_subject(doc, quote, quoted)
    return found


def _token_before(doc: Doc, position: int) -> Token | None:
    span = doc.char_span(max(0, position - 1), position, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _colon_intro_speaker(
    doc: Doc, quote: MarkedQuote, quoted: list[tuple[int, int]]
) -> Token | None:
    """ "A volunteer sent me a voice message: “...”": whoever the clause before the colon
    is about introduces the quote, whatever the verb."""
    lead = doc_text(doc)[: quote.start].rstrip().rstrip('"“«„‘').rstrip()
    if not lead.endswith(":"):
        return None
    colon = _token_before(doc, len(lead))
    if colon is None or colon.i == 0:
        return None
    paragraph = doc_text(doc).rfind("\n", 0, colon.idx) + 1
    label = _label_speaker(doc, paragraph, colon.idx, quoted)
    if label is not None:
        return label
    verb = doc[colon.i - 1]
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    subject = subject_of(verb)
    if subject is None or _inside(subject.idx, quoted):
        return None
    return subject if subject.pos_ == "PRON" or is_source_head(subject) else None


_LABEL_DASHES = (" - ", " – ", " — ", "- ", "– ", "— ")
_LABEL_LEAD = re.compile(r"\s*(?:more\s+)?from\s+(?:the\s+)?(?=\S)", re.IGNORECASE)


def _named_elsewhere(
    words: list[Token],
    *,
    labels: frozenset[str] = frozenset({"PERSON", "ORG"}),
    exclude: list[tuple[int, int]] | None = None,
) -> bool:
    """A capitalised label whose last word ends a person or organisation entity elsewhere in
    the article (one that is no found place): the small model often misses a name standing
    alone before a colon."""
    if not all(t.text[:1].isupper() and not t.is_upper for t in words):
        return False
    last = words[-1].text
    return any(
        e.label_ in labels
        and e[-1].text == last
        and e[-1].i != words[-1].i
        and not _is_place_mention(e, exclude or [])
        for e in words[0].doc.ents
    )


_MAX_LABEL_WORDS = 5


def _label_speaker(
    doc: Doc, p_start: int, colon: int, quoted: list[tuple[int, int]]
) -> Token | None:
    """ "Senator Ana Ruiz: “...”", "New figures - Jane Roe: “...”": a name alone before a
    colon, at the start of a paragraph or after a dash, labels who speaks (headlines,
    transcripts, digests). Only a person or an organisation the entity recogniser names, or
    a capitalised name the article names as a person or an organisation elsewhere ("Lopez:"
    after "Ana Lopez said"); never a place, a date, a role ("REPORTER:") or a common word
    ("Update:", "Photo:"). "More from Jane Roe:" and "From the report:" label the same way."""
    text = doc_text(doc)
    start = p_start
    for dash in _LABEL_DASHES:
        found = text.rfind(dash, p_start, colon)
        if found >= 0:
            start = max(start, found + len(dash))
    lead = _LABEL_LEAD.match(text, start, colon)
    if lead is not None:
        start = lead.end()
    label = text[start:colon].strip()
    if not label or len(label.split()) > _MAX_LABEL_WORDS or _inside(start, quoted):
        return None
    span = doc.char_span(start + text[start:colon].find(label), colon, alignment_mode="expand")
    if span is None or not len(span) or span.end_char > colon + 1:
        return None
    words = [t for t in span if not t.is_punct]
    if not words or any(t.pos_ not in {"PROPN", "NOUN"} and not t.is_upper for t in words):
        return None
    named = [t for t in words if t.ent_type_ in {"PERSON", "ORG"}]
    elsewhere = _named_elsewhere(words)
    if any(t.ent_type_ in {"DATE", "TIME"} for t in words):
        return None
    # a place the article names ("Kenya:") labels a topic, even when it ends other names
    # ("Amnesty Kenya"); a name the recogniser took for a place may still label a speaker
    places = [(p.start, p.end) for p in doc._.places or ()]
    if _is_place_mention(span, places):
        return None
    if any(t.ent_type_ in {"GPE", "LOC", "FAC"} for t in words) and not _named_elsewhere(
        words, labels=frozenset({"PERSON"}), exclude=places
    ):
        return None
    # "Senator Ana Ruiz:" names a person by her title; "REPORTER (Ana Ruiz):" is a role
    titled = words[0].lower_ in load_mapping("titles") and _is_named(span.text)
    role_only = source_term(span.text) is not None and not titled
    if role_only and not (lead is not None and is_carrier(span.root.lemma_)):
        return None  # "REPORTER: ...": a role in a transcript relays what others said
    if not (named and len(named) >= len(words) - 1) and not elsewhere:
        return None
    # the label is the whole name, however the parser hung its words
    doc.user_data.setdefault("newsprism_label_spans", {})[words[-1].i] = (words[0].i, span.end)
    return words[-1]


def _labelled_line(
    doc: Doc, p_start: int, p_end: int, quoted: list[tuple[int, int]]
) -> tuple[int, int, Token] | None:
    """(start, end, label) of the claim after a name label opening a line ("Jane Roe: ...",
    :func:`_label_speaker`), at least four words long."""
    text = doc_text(doc)
    colon = text.find(": ", p_start, p_end)
    if colon < 0 or _inside(colon, quoted):
        return None
    label = _label_speaker(doc, p_start, colon, quoted)
    start, end = _trim(text, colon + 2, p_end)
    if label is None or len(text[start:end].split()) < 4:
        return None
    return start, end, label


def _human_subject(doc: Doc, quote: MarkedQuote, quoted: list[tuple[int, int]]) -> Token | None:
    """ "Demonstrators directed their ire at him with chants of “...”": a sentence about
    people, quoting words with no reporting verb, quotes those people."""
    sentence = _sentence_of(doc, quote.start)
    if sentence is None or sentence.start_char >= quote.start - 1:
        return None
    subject = next((c for c in sentence.root.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None or _inside(subject.idx, quoted) or subject.idx >= quote.start:
        return None
    if subject.ent_type_ == "PERSON" or is_person_role(subject.lemma_):
        return subject
    return None


def _quotes_cache(doc: Doc) -> list[MarkedQuote]:
    cached = doc.user_data.get("newsprism_marked_quotes")
    if cached is None:
        cached = find_marked_quotes(doc_text(doc))
        doc.user_data["newsprism_marked_quotes"] = cached
    return list(cached)


def _is_title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if w.lower() not in _SMALL_WORDS]
    return bool(words) and all(w[0].isupper() for w in words)


def _has_verb(doc: Doc, quote: MarkedQuote) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} for t in _tokens_between(doc, quote.start, quote.end))


def _is_label(
    doc: Doc, quote: MarkedQuote, quoted: list[tuple[int, int]], speaker: Token | None
) -> bool:
    """A short quoted name or label, not words anyone is quoted as saying: "known (locally)
    as “X”", "a militia called “X”", "so-called “X”", or a quoted modifier no reporting verb
    governs ("a “peacekeeping” mission")."""
    lead = doc_text(doc)[: quote.start].rstrip().rstrip("\"“«„‘'").rstrip().lower()
    if lead.endswith(("so-called", "so called")):
        return True
    inside = _tokens_between(doc, quote.start, quote.end)
    roots = [t for t in inside if not quote.start <= t.head.idx < quote.end or t.head.i == t.i]
    if len(roots) != 1:
        return False
    root = roots[0]
    named = root.head.lower_ == "as" or root.dep_ in _NAME_DEPS
    head = root.head.head if root.head.lower_ == "as" else root.head
    if named and head.tag_ == "VBN" and not any(c.dep_ == "agent" for c in head.children):
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in head.children)
        if passive or head.dep_ in {"acl", "amod"}:
            return True
    modifier = root.dep_ in {"amod", "compound", "nmod"} and root.head.idx >= quote.end
    if not modifier or _governing_speaker(doc, quote, quoted) is not None:
        return False
    # "X condemned a “barbaric” attack": the quoted word is the clause subject's own
    verb = root.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    subject = subject_of(verb) if verb.pos_ in {"VERB", "AUX"} else None
    return subject is None or not (speaker is not None and subject.i == speaker.i)


def _intro_speaker(
    doc: Doc, p_start: int, p_end: int, quoted: list[tuple[int, int]]
) -> Token | None:
    """A paragraph ending "X said (the following):" names the speaker of what follows."""
    if not doc_text(doc)[p_start:p_end].rstrip().endswith(":"):
        return None
    sentence = _sentence_of(doc, p_end - 1)
    start = max(sentence.start_char, p_start) if sentence is not None else p_start
    return _speaker_in(list(reversed(_tokens_between(doc, start, p_end))), quoted)


def _colon_speaker(
    doc: Doc, p_start: int, colon: int, quoted: list[tuple[int, int]]
) -> Token | None:
    sentence = _sentence_of(doc, colon)
    start = max(sentence.start_char, p_start) if sentence is not None else p_start
    found = _speaker_in(list(reversed(_tokens_between(doc, start, colon))), quoted)
    # "The toll reported by state media has risen: ...": a figure, not a speaker
    if found is None or (found.pos_ != "PRON" and not is_source_head(found)):
        return None
    return found


def _quote(doc: Doc, start: int, end: int, kind: str, speaker: _Speaker | None) -> Quote:
    return Quote(
        article_id=doc._.article_id or "",
        text=doc_text(doc)[start:end],
        kind=kind,
        start=start,
        end=end,
        speaker=speaker.name if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
    )


def _direct_quotes(doc: Doc, resolver: _Resolver) -> list[Quote]:
    text = doc_text(doc)
    paragraphs = list(iter_paragraphs(text))
    marked = _quotes_cache(doc)
    quoted = resolver.quoted
    by_paragraph: dict[int, list[MarkedQuote]] = {}
    for quote in marked:
        by_paragraph.setdefault(quote.paragraph, []).append(quote)
    quotes: list[Quote] = []
    carried: _Speaker | None = None  # speaker of a quote paragraph, for the next one
    introduced: _Speaker | None = None  # "X said the following:", for the next paragraph
    continuing: set[int] = set()
    for index, (p_start, p_end) in enumerate(paragraphs):
        inherited = carried or introduced
        lead_in, carried, introduced = introduced, None, None
        in_paragraph = by_paragraph.get(index, [])
        last: _Speaker | None = None
        kept_before = len(quotes)
        for quote in in_paragraph:
            token = _speaker_for(doc, quote, quoted, (p_start, p_end))
            speaker = resolver.resolve(token) if token is not None else None
            words = len(_WORD.findall(text[quote.start : quote.end]))
            whole = quote.start - p_start <= 1 and p_end - quote.end <= 3
            running = not whole and quote.opened
            title = running and _is_title_case(text[quote.start : quote.end])
            if title and (token is None or not _has_verb(doc, quote)):
                continue  # a title or a name ("the “Cyber Partisans” vowed ...")
            if speaker is None:
                speaker = last or (inherited if (whole or words > _MAX_SCARE_WORDS) else None)
            if speaker is None and running and words <= _MAX_SCARE_WORDS:
                continue
            if running and words <= _MAX_SCARE_WORDS and _is_label(doc, quote, quoted, token):
                continue
            quotes.append(_quote(doc, quote.start, quote.end, "direct", speaker))
            if quote.continues:
                continuing.add(len(quotes) - 1)
            resolver.remember(speaker)
            last = speaker or last
        if in_paragraph and len(quotes) > kept_before:
            carried = last
        elif in_paragraph:
            # "Jane Roe: Rivals ‘Not Fit To Serve’": every marked part was a title or a
            # scare quote; a name labelling the line still says whose claim it is
            labelled = _labelled_line(doc, p_start, p_end, quoted)
            if labelled is not None:
                speaker = resolver.resolve(labelled[2])
                quotes.append(_quote(doc, labelled[0], labelled[1], "direct", speaker))
                resolver.remember(speaker)
        else:
            colon = text.find(": ", p_start, p_end)
            colon_token = (
                (
                    _colon_speaker(doc, p_start, colon, quoted)
                    or _label_speaker(doc, p_start, colon, quoted)
                )
                if colon >= 0
                else None
            )
            own_colon = colon_token is not None
            if lead_in is not None and not _is_heading(text[p_start:p_end]) and not own_colon:
                quotes.append(_quote(doc, p_start, p_end, "direct", lead_in))
            after_colon = text[colon + 2 : p_end] if colon >= 0 else ""
            if len(after_colon.split()) >= 4 and not after_colon.rstrip().endswith(":"):
                token = colon_token
                if token is not None:
                    speaker = resolver.resolve(token)
                    start, end = _trim(text, colon + 2, p_end)
                    if end > start:
                        quotes.append(_quote(doc, start, end, "direct", speaker))
                        resolver.remember(speaker)
        intro = _intro_speaker(doc, p_start, p_end, quoted)
        if intro is not None:
            introduced = resolver.resolve(intro)
            resolver.remember(introduced)
    return _fill_back(quotes, continuing)


def _fill_back(quotes: list[Quote], continuing: set[int]) -> list[Quote]:
    """A paragraph that continues into the next takes that one's speaker when it has none."""
    for index in sorted(continuing, reverse=True):
        following = quotes[index + 1] if index + 1 < len(quotes) else None
        if quotes[index].speaker is None and following is not None and following.speaker:
            quotes[index] = replace(
                quotes[index],
                speaker=following.speaker,
                speaker_start=following.speaker_start,
                speaker_end=following.speaker_end,
            )
    return quotes


def _quote_led(text: str, p_start: int) -> bool:
    return text[p_start] in _OPENERS or text[p_start] == '"'


def _is_heading(paragraph: str) -> bool:
    """A short or Title Case line without closing punctuation: a heading, not speech."""
    if paragraph.rstrip().endswith((".", "!", "?", "…", ":", '"', "”")):
        return False
    return len(paragraph.split()) < 4 or _is_title_case(paragraph)


# --- indirect quotes ------------------------------------------------------------------------


def _clause_bounds(clause: Token, taken: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The reported clause, without a trailing participle phrase that carries a direct quote
    of its own ("... she would not leave office, calling the parliament “illegitimate”")."""
    tokens = [t for t in clause.subtree]
    for child in clause.rights:
        if child.dep_ not in {"advcl", "xcomp"} or child.left_edge.i == 0:
            continue
        comma = child.doc[child.left_edge.i - 1]
        if comma.text == "," and taken and any(_inside(t.idx, taken) for t in child.subtree):
            tokens = [t for t in tokens if t.i < comma.i]
            break
    while tokens and (
        (tokens[0].dep_ == "mark" and tokens[0].head.i == clause.i) or tokens[0].is_punct
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens:
        return 0, 0
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _overlaps_quoted(start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    covered = sum(max(0, min(end, hi) - max(start, lo)) for lo, hi in quoted)
    return covered > 0.3 * (end - start)


def _indirect_quotes(doc: Doc, resolver: _Resolver, direct: list[Quote]) -> list[Quote]:
    taken = [(q.start, q.end) for q in direct] + resolver.quoted
    quotes: list[Quote] = []
    covered = _Covered(taken)
    for token in doc:
        if token.idx in covered:
            continue
        # "according to X, ..." attributes information: a citation, not reported speech
        reports = speech_role(token) in _INDIRECT_ROLES or token.lower_ == "saying"
        if not reports and not _document_shows(token):
            continue
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if clause is None:
            trailing = _trailing_clause(token, taken) or _inverted_clause(token, taken)
            if trailing is not None:
                speaker = resolver.resolve(trailing[2])
                quotes.append(_quote(doc, trailing[0], trailing[1], "indirect", speaker))
                resolver.remember(speaker)
            continue
        if not _is_reported_clause(token, clause):
            continue
        start, end = _clause_bounds(clause, taken)
        text = doc_text(doc)
        start, end = _trim(
            text, max(start, credit_line_end(text, text.rfind("\n", 0, start) + 1)), end
        )
        if (
            end - start < 8
            or _overlaps_quoted(start, end, taken)
            or "\n" in doc_text(doc)[start:end]
        ):
            continue
        if end <= token.idx and ":" in doc_text(doc)[end : token.idx]:
            continue  # "Floods: minister says ...": a headline's topic is not what was said
        head = _speaker_token(token) if token.lower_ != "saying" else _relay_object(token)
        if head is None and token.lower_ == "saying":
            head = _speaker_token(token)
        if head is None or _inside(head.idx, taken) or start <= head.idx < end:
            continue
        if head.pos_ not in {"PRON", "NOUN", "NUM"} and not is_source_head(head):
            continue  # a common noun or a count ("six in 10 say ...") can speak; no other word
        if "\n" in doc_text(doc)[min(head.idx, token.idx) : max(head.idx, token.idx)]:
            continue
        speaker = resolver.resolve(head)
        if speaker is None:
            continue
        quotes.append(_quote(doc, start, end, "indirect", speaker))
        resolver.remember(speaker)
    have = taken + [(q.start, q.end) for q in quotes]
    for start, end, head in _matched_reports(doc, have):
        if _overlaps_quoted(start, end, have):
            continue
        speaker = resolver.resolve(head)
        if speaker is not None:
            quotes.append(_quote(doc, start, end, "indirect", speaker))
            resolver.remember(speaker)
            have.append((start, end))
    return sorted(quotes, key=lambda q: q.start)


# Reports the parse shapes oddly, as named DependencyMatcher patterns. "verb" is a reporting
# verb (``speech_verbs.txt``, roles speech/write/report), "speaker" who reports, "report" the
# head of what is reported. What a match gives is checked by :func:`_matched_reports`.
_REPORT_PATTERNS: dict[str, list[dict[str, object]]] = {
    # "X said during a news conference that ...", "X says in a statement that ...": the
    # parser hangs the that-clause on the object of the preposition after the verb
    "that_clause_on_prepositional_object": [
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}},
        {
            "LEFT_ID": "verb",
            "REL_OP": ">",
            "RIGHT_ID": "speaker",
            "RIGHT_ATTRS": {"DEP": {"IN": ["nsubj"]}},
        },
        {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "prep", "RIGHT_ATTRS": {"DEP": "prep"}},
        {"LEFT_ID": "prep", "REL_OP": ">", "RIGHT_ID": "object", "RIGHT_ATTRS": {"DEP": "pobj"}},
        {
            "LEFT_ID": "object",
            "REL_OP": ">",
            "RIGHT_ID": "report",
            "RIGHT_ATTRS": {"DEP": {"IN": ["relcl", "acl"]}, "POS": {"IN": ["VERB", "AUX"]}},
        },
        {
            "LEFT_ID": "report",
            "REL_OP": ">",
            "RIGHT_ID": "that",
            "RIGHT_ATTRS": {"DEP": "mark", "LOWER": "that"},
        },
    ],
    # "This campaign, he says, is different.", "Since then, X says, far too many lives have
    # been lost": the reporting verb sits inside the report as a parenthetical
    "parenthetical_report": [
        {"RIGHT_ID": "report", "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}},
        {
            "LEFT_ID": "report",
            "REL_OP": ">",
            "RIGHT_ID": "verb",
            "RIGHT_ATTRS": {"DEP": "parataxis", "POS": {"IN": ["VERB", "AUX"]}},
        },
        {
            "LEFT_ID": "verb",
            "REL_OP": ">",
            "RIGHT_ID": "speaker",
            "RIGHT_ATTRS": {"DEP": {"IN": ["nsubj"]}},
        },
    ],
    # "Officials told residents not to drink the water", "X told Y to quiet down": what a
    # listener was told to do is reported speech (only verbs whose object is the listener)
    "told_to_infinitive": [
        {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}},
        {
            "LEFT_ID": "verb",
            "REL_OP": ">",
            "RIGHT_ID": "speaker",
            "RIGHT_ATTRS": {"DEP": {"IN": ["nsubj"]}},
        },
        {
            "LEFT_ID": "verb",
            "REL_OP": ">",
            "RIGHT_ID": "listener",
            "RIGHT_ATTRS": {"DEP": {"IN": ["dobj", "dative"]}},
        },
        {
            "LEFT_ID": "verb",
            "REL_OP": ">",
            "RIGHT_ID": "report",
            "RIGHT_ATTRS": {"DEP": {"IN": ["xcomp", "ccomp"]}, "TAG": "VB"},
        },
        {
            "LEFT_ID": "report",
            "REL_OP": ">",
            "RIGHT_ID": "to",
            "RIGHT_ATTRS": {"DEP": "aux", "TAG": "TO"},
        },
    ],
}
# "... was heard telling the governor to go home": the same, from a participle whose
# speaker is its clause's subject
_REPORT_PATTERNS["participle_told_to_infinitive"] = [
    {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB", "TAG": "VBG"}},
    *_REPORT_PATTERNS["told_to_infinitive"][2:],
]
_MATCHERS: dict[tuple[int, tuple[str, ...]], DependencyMatcher] = {}


def _report_matcher(vocab: Vocab) -> DependencyMatcher:
    """:data:`_REPORT_PATTERNS` with "verb" restricted to the reporting verbs' lemmas."""
    lemmas = tuple(
        sorted(
            lemma
            for lemma, role in speech_roles().items()
            if role in _INDIRECT_ROLES and " " not in lemma
        )
    )
    key = (id(vocab), lemmas)
    matcher = _MATCHERS.get(key)
    if matcher is None:
        matcher = DependencyMatcher(vocab)
        for name, nodes in _REPORT_PATTERNS.items():
            pattern = [dict(node) for node in nodes]
            verb = next(node for node in pattern if node["RIGHT_ID"] == "verb")
            verb["RIGHT_ATTRS"] = {**verb["RIGHT_ATTRS"], "LEMMA": {"IN": list(lemmas)}}  # type: ignore[dict-item]
            matcher.add(name, [pattern])
        _MATCHERS[key] = matcher
    return matcher


def _matched_reports(doc: Doc, taken: list[tuple[int, int]]) -> list[tuple[int, int, Token]]:
    """(start, end, speaker head) of the reports :data:`_REPORT_PATTERNS` find."""
    found: list[tuple[int, int, Token]] = []
    text = doc_text(doc)
    for match_id, tokens in _report_matcher(doc.vocab)(doc):
        name = doc.vocab.strings[match_id]
        ids = [node["RIGHT_ID"] for node in _REPORT_PATTERNS[name]]
        nodes = {role: doc[i] for role, i in zip(ids, tokens, strict=True)}
        verb, report = nodes["verb"], nodes["report"]
        speaker = nodes.get("speaker") or _speaker_token(verb)
        if speech_role(verb) not in _INDIRECT_ROLES or _inside(verb.idx, taken):
            continue
        if speaker is None or any(c.dep_ in _SUBJECT_DEPS for c in verb.children) != (
            "speaker" in nodes
        ):
            continue
        if verb.dep_ == "acl" and not is_source_head(speaker):
            continue  # "heard on a microphone telling X to ...": the microphone tells nobody
        if name in {"told_to_infinitive", "participle_told_to_infinitive"}:
            if not addresses_listener(verb) or any(c.dep_ == "neg" for c in verb.children):
                continue
            start, end = _trim(text, nodes["listener"].left_edge.idx, _token_end(report.right_edge))
        elif any(c.dep_ in {"ccomp", "neg"} for c in verb.children):
            continue  # the verb has its own clause, or denies ("did not say")
        elif name == "parenthetical_report":
            # words of the report stand on both sides of the parenthetical "he says"
            if not report.left_edge.i < verb.left_edge.i or not verb.i < report.i:
                continue
            start, end = _trim(text, report.left_edge.idx, _token_end(report.right_edge))
        else:
            start, end = nodes["that"].idx + len(nodes["that"]), _token_end(report.right_edge)
            start, end = _trim(text, start, end)
        if end - start < 8 or _overlaps_quoted(start, end, taken) or "\n" in text[start:end]:
            continue
        if speaker.pos_ not in {"PRON", "NOUN", "NUM"} and not is_source_head(speaker):
            continue
        found.append((start, end, speaker))
    return found


def _token_end(token: Token) -> int:
    """The end of ``token`` without a closing full stop or comma."""
    if token.is_punct and token.i > 0:
        token = token.doc[token.i - 1]
    return token.idx + len(token)


def _document_shows(verb: Token) -> bool:
    """ "A new poll shows Ruiz leading", "the study found that ...": a document's finding
    is reported like speech, with the document (or its author) as the source."""
    if speech_role(verb) != "evidence":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and reports_finding(verb, subject)


def _trailing_clause(verb: Token, taken: list[tuple[int, int]]) -> tuple[int, int, Token] | None:
    """ "X happened, security sources said.": (start, end, source head) of the report that
    a subject-less trailing attribution closes, from the start of its sentence."""
    source = trailing_subject(verb)
    if source is None:
        return None
    sentence = verb.sent
    comma = source.left_edge.i - 1
    while comma > sentence.start and verb.doc[comma].text != ",":
        comma -= 1
    start, end = _trim(doc_text(verb.doc), sentence.start_char, verb.doc[comma].idx)
    paragraph = doc_text(verb.doc).rfind("\n", 0, end) + 1
    start = max(start, credit_line_end(doc_text(verb.doc), paragraph))
    start, end = _trim(doc_text(verb.doc), start, end)
    reported = [t for t in verb.doc[sentence.start : comma] if t.pos_ in {"VERB", "AUX"}]
    if end - start < 8 or not reported or _overlaps_quoted(start, end, taken):
        return None
    return start, end, source


def _inverted_clause(verb: Token, taken: list[tuple[int, int]]) -> tuple[int, int, Token] | None:
    """ "The roads are closed, said Colonel Ann Roe.": the report before a comma and an
    inverted reporting verb whose speaker follows it (:func:`speaker_after_verb`)."""
    if speech_role(verb) not in _INDIRECT_ROLES:
        return None
    source = speaker_after_verb(verb)
    if source is None:
        return None
    sentence = verb.sent
    text = doc_text(verb.doc)
    start, end = _trim(text, sentence.start_char, verb.doc[verb.i - 1].idx)
    start = max(start, credit_line_end(text, text.rfind("\n", 0, end) + 1))
    start, end = _trim(text, start, end)
    reported = [t for t in verb.doc[sentence.start : verb.i - 1] if t.pos_ in {"VERB", "AUX"}]
    if end - start < 8 or not reported or _overlaps_quoted(start, end, taken):
        return None
    return start, end, source


def _is_reported_clause(verb: Token, clause: Token) -> bool:
    """A clause that reports content: it has a verb, is not an embedded question ("without
    saying how many ..."), and its reporting verb is not negated ("did not say that ...")."""
    tokens = list(clause.subtree)
    if not any(t.pos_ in {"VERB", "AUX"} for t in tokens):
        return False  # "declared the area a disaster zone": a small clause, no statement
    first = next((t for t in tokens if not t.is_punct), None)
    if first is not None and first.lower_ in _QUESTION_WORDS and _opens_question(first, clause):
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    head = verb.head if verb.dep_ in {"pcomp", "advcl", "xcomp"} else None
    return not (head is not None and head.lower_ == "without")


def _opens_question(word: Token, clause: Token) -> bool:
    """ "(without saying) how many soldiers were involved": the wh-word belongs to the
    clause itself, not to a conditional before it ("If needed, force will be used"); "if"
    and "whether" ask only as the mark of the clause verb itself ("asked if the bridge was
    safe"), not inside a conditional phrase the parser hung lower ("said if elected he
    would ...")."""
    token = word
    while token.i != clause.i:
        if token.dep_ in {"advcl", "conj"} or token.head.i == token.i:
            return False
        token = token.head
    if word.lower_ in {"if", "whether"}:
        return word.dep_ == "mark" and word.head.i == clause.i
    return True


# --- the component --------------------------------------------------------------------------


def find_quotes(doc: Doc) -> list[Quote]:
    """Direct then indirect quotes of ``doc``, in text order."""
    if not doc_text(doc).strip() or not doc.has_annotation("DEP"):
        return []
    quoted = find_quoted_ranges(doc_text(doc))
    resolver = _Resolver(doc, quoted)
    direct = _direct_quotes(doc, resolver)
    indirect = _indirect_quotes(doc, resolver, direct)
    return _carry_speakers(doc_text(doc), sorted(direct + indirect, key=lambda q: (q.start, q.end)))


def _carry_speakers(text: str, quotes: list[Quote]) -> list[Quote]:
    """A direct quote whose sentence names nobody is the last named speaker's when that one
    spoke in the last few paragraphs: the press convention for a run of quoted points
    ("X said ... / They include “...” / It is “...”")."""
    starts = [start for start, _ in iter_paragraphs(text)]
    carried: list[Quote] = []
    last: tuple[Quote, int] | None = None
    for quote in quotes:
        paragraph = bisect_right(starts, quote.start) - 1
        if quote.speaker is None and quote.kind == "direct" and last is not None:
            speaker, since = last
            if paragraph - since <= _CARRY_PARAGRAPHS:
                quote = replace(
                    quote,
                    speaker=speaker.speaker,
                    speaker_start=speaker.speaker_start,
                    speaker_end=speaker.speaker_end,
                )
        if quote.speaker is not None:
            last = (quote, paragraph)
        carried.append(quote)
    return carried


class QuoteFinder:
    """Puts ``doc._.quotes`` (a list of Quote) on each doc."""

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc)
        return doc


@Language.factory("newsprism_quotes", default_config={"lexicons": {}})
def make_quote_finder(nlp: Language, name: str, lexicons: dict[str, list[str]]) -> QuoteFinder:
    use_user_entries(lexicons)
    return QuoteFinder()


__all__ = [
    "MarkedQuote",
    "QuoteFinder",
    "find_marked_quotes",
    "find_quoted_ranges",
    "find_quotes",
    "iter_paragraphs",
]
