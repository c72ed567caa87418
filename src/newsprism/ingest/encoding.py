"""Bytes to text: byte-order marks, UTF-8, UTF-16/32 by their NUL pattern, then detection.

Saved articles come in every legacy encoding (cp1251 Russian, latin-1 French, UTF-16 from
Windows tools). We detect rather than guess: each step only accepts a decoding it can
justify, and the last one (charset-normalizer) must produce text that looks like a
language, not mojibake, or the input is refused with a reason the user can act on.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from newsprism.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls other than whitespace (tab, LF, VT, FF, CR) and DEL: text files hold almost none.
_CONTROL_BYTES = frozenset([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.01
# A decoding may replace at most this share of characters (a few damaged bytes in a big file).
_MAX_DAMAGE_SHARE = 0.001
_MAX_CHAOS = 0.25
_SAMPLE_CHARS = 20_000

# Legacy encodings by how common they are on the web: the tie-breaker between detections
# that read equally well (a short French text decodes cleanly as cp1250 too).
_PREFERRED_ENCODINGS = (
    "cp1252", "latin_1", "cp1251", "cp932", "shift_jis", "gb18030", "gbk", "gb2312",
    "cp949", "euc_kr", "big5", "euc_jp", "cp1250", "iso8859_2", "cp1256", "cp1254",
    "iso8859_9", "cp1253", "iso8859_7", "cp1255", "koi8_r", "koi8_u", "iso8859_15",
    "cp874", "tis_620", "cp1257", "cp1258", "iso8859_5", "iso8859_6", "iso8859_8",
)  # fmt: skip

# Alphabets by the first word of their letters' Unicode names; scripts that legitimately
# share a word (Japanese mixes kanji and kana) form one group.
_SCRIPT_GROUPS = {
    "LATIN": "LATIN", "CYRILLIC": "CYRILLIC", "GREEK": "GREEK", "ARABIC": "ARABIC",
    "HEBREW": "HEBREW", "THAI": "THAI", "ARMENIAN": "ARMENIAN", "GEORGIAN": "GEORGIAN",
    "DEVANAGARI": "DEVANAGARI", "BENGALI": "BENGALI", "HANGUL": "HANGUL", "CJK": "CJK",
    "HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK", "HALFWIDTH": "CJK",
    "FULLWIDTH": "CJK", "IDEOGRAPHIC": "CJK",
}  # fmt: skip

# A non-ASCII symbol, superscript or fraction between two letters (not the soft hyphen
# or the middle dot, which belong inside words).
_SYMBOL_INSIDE_WORD = re.compile(
    r"[^\W\d_][\u00a0-\u00ac\u00ae-\u00b6\u00b8-\u00bf\u00d7\u00f7\u2020-\u2122]+[^\W\d_]"
)
_DECLARED_CHARSET = re.compile(
    rb"""(?:<meta[^>]{0,200}?charset\s*=\s*["']?|<\?xml[^>]{0,200}?encoding\s*=\s*["'])"""
    rb"""([A-Za-z0-9._:-]{1,40})""",
    re.IGNORECASE,
)
# What browsers do: a page that says latin-1 or ASCII is read as windows-1252.
_DECLARED_ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252"}


def decode_bytes(data: bytes, *, where: str, declared: str | None = None) -> str:
    """Decode a file's bytes to text, or raise InputError saying why it cannot be read.

    ``declared`` is a charset the container states (an HTTP header, a ``<meta charset>``);
    it is trusted only after strict UTF-8 fails, because declarations often lie.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _decode_mostly(data[len(bom) :], codec)
            if text is None:
                raise InputError(
                    f"cannot decode text: invalid {codec} after its byte-order mark", where=where
                )
            return _refuse_binary_text(text, where=where)
    if not data:
        return ""
    if b"\x00" in data:
        return _decode_nul_pattern(data, where=where)
    try:
        return _refuse_binary_text(data.decode("utf-8"), where=where)
    except UnicodeDecodeError:
        pass
    if _control_share(data) > _MAX_CONTROL_SHARE:
        raise InputError("binary file, not text", where=where)
    if declared:
        text = _decode_declared(data, declared)
        if text is not None:
            return text
    text = _decode_mostly(data, "utf-8")
    if text is not None and _has_multibyte_utf8(text):
        return text
    return _decode_detected(data, where=where)


def find_declared_charset(head: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration states in the first bytes, if any."""
    match = _DECLARED_CHARSET.search(head[:4096])
    if not match:
        return None
    return normalize_charset(match.group(1).decode("ascii"))


def normalize_charset(name: str) -> str | None:
    """Python's codec name for a declared charset, or None when Python does not know it."""
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name.replace("-", "_")
    except LookupError:
        return None
    return _DECLARED_ALIASES.get(codec, codec)


def peek_text(head: bytes) -> str:
    """A lenient decoding of a file's first bytes, good enough to sniff its format."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore")
    wide_codec = _nul_pattern_codec(head)
    if wide_codec:
        return head.decode(wide_codec, errors="ignore")
    return head.decode("latin-1")


def _refuse_binary_text(text: str, *, where: str) -> str:
    if text and _control_share_text(text) > _MAX_CONTROL_SHARE:
        raise InputError("binary file, not text", where=where)
    return text


def _decode_nul_pattern(data: bytes, *, where: str) -> str:
    codec = _nul_pattern_codec(data)
    if codec is None:
        raise InputError("binary file, not text", where=where)
    text = _decode_mostly(data, codec)
    if text is None:
        raise InputError("binary file, not text", where=where)
    return _refuse_binary_text(text, where=where)


def _nul_pattern_codec(data: bytes) -> str | None:
    """UTF-16/32 without a BOM: mostly-Latin text puts NULs at fixed byte positions."""
    sample = data[:8192]
    for width, codec_by_zeros in (
        (4, {(1, 2, 3): "utf-32-le", (0, 1, 2): "utf-32-be"}),
        (2, {(1,): "utf-16-le", (0,): "utf-16-be"}),
    ):
        if len(data) % width or len(sample) < width * 2:
            continue
        units = len(sample) // width
        nul_share = [sample[offset::width].count(0) / units for offset in range(width)]
        for zero_positions, codec in codec_by_zeros.items():
            others = [i for i in range(width) if i not in zero_positions]
            if all(nul_share[i] > 0.1 for i in zero_positions) and all(
                nul_share[i] < 0.02 for i in others
            ):
                return codec
    return None


def _decode_declared(data: bytes, declared: str) -> str | None:
    codec = normalize_charset(declared)
    if codec is None or codec.startswith(("utf_16", "utf_32")):
        return None
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if _control_share_text(text) <= _MAX_CONTROL_SHARE else None


def _decode_mostly(data: bytes, codec: str) -> str | None:
    """Decode strictly, or with replacements when only a tiny share of bytes is damaged."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        pass
    text = data.decode(codec, errors="replace")
    damaged = text.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
    return text if damaged <= max(1, len(text) * _MAX_DAMAGE_SHARE) else None


def _has_multibyte_utf8(text: str) -> bool:
    """Enough real non-ASCII characters that a few bad bytes are damage, not another encoding."""
    non_ascii = sum(1 for char in text if ord(char) > 127 and char != "\ufffd")
    return non_ascii >= 10 * max(1, text.count("\ufffd"))


def _decode_detected(data: bytes, *, where: str) -> str:
    candidates = [
        *_normalizer_candidates(data, where=where),
        *_cp1252_candidate(data),
    ]
    if not candidates:
        raise InputError(
            "cannot decode text: not UTF-8 and no known encoding gives readable text",
            where=where,
        )
    least_bad = min(candidate.badness for candidate in candidates)
    plausible = [c for c in candidates if c.badness <= least_bad + 0.005]
    # Among equally clean readings, a clearly better language fit wins, then the commoner codepage.
    best_fit = max(c.coherence for c in plausible)
    best = min((c for c in plausible if c.coherence >= best_fit - 0.02), key=lambda c: c.rank)
    if best.badness > _MAX_CHAOS:
        raise InputError(
            "cannot decode text: the likeliest encoding gives garbled text", where=where
        )
    return best.text


class _Candidate(NamedTuple):
    text: str
    badness: float
    coherence: float
    rank: int


def _normalizer_candidates(data: bytes, *, where: str) -> list[_Candidate]:
    try:
        matches = list(from_bytes(data, enable_fallback=False))
    except Exception as exc:  # charset-normalizer is a heuristic; never let it crash a reader
        raise InputError(f"cannot decode text: {exc}", where=where) from exc
    candidates = []
    for match in matches:
        text = str(match)
        if match.chaos > _MAX_CHAOS or _control_share_text(text) > _MAX_CONTROL_SHARE:
            continue
        rank = _preference_rank([match.encoding, *match.could_be_from_charset])
        candidates.append(_score(text, match.chaos, match.coherence, rank))
    return candidates


def _cp1252_candidate(data: bytes) -> list[_Candidate]:
    """windows-1252 always competes: charset-normalizer drops it on some short texts."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return []
    chaos = mess_ratio(text[:_SAMPLE_CHARS], maximum_threshold=1.0)
    return [_score(text, chaos, 0.0, _preference_rank(["cp1252"]))]


def _score(text: str, chaos: float, coherence: float, rank: int) -> _Candidate:
    sample = text[:_SAMPLE_CHARS]
    badness = chaos + _odd_share(sample) + _mixed_script_share(sample)
    return _Candidate(text, badness, coherence, rank)


def _preference_rank(encodings: Iterable[str]) -> int:
    ranks = [_PREFERRED_ENCODINGS.index(name) for name in encodings if name in _PREFERRED_ENCODINGS]
    return min(ranks, default=len(_PREFERRED_ENCODINGS))


def _control_share(data: bytes) -> float:
    sample = data[:65536]
    # One C-level count per control byte instead of a Python loop over every byte.
    return sum(sample.count(bytes((byte,))) for byte in _CONTROL_BYTES) / max(1, len(sample))


def _control_share_text(text: str) -> float:
    sample = text[:65536]
    controls = sum(sample.count(chr(byte)) for byte in _CONTROL_BYTES if byte < 128)
    return controls / max(1, len(sample))


def _odd_share(text: str) -> float:
    """Characters that running text almost never holds, but wrong codepages produce."""
    odd = 0
    for char in text:
        code = ord(char)
        if code < 128:
            continue
        if (
            0x80 <= code <= 0x9F  # C1 controls: cp1252 text read as latin-1
            or 0x2500 <= code <= 0x259F  # box drawing: DOS codepages
            or 0xFF61 <= code <= 0xFF9F  # half-width katakana: Shift-JIS misreadings
            or char == "\ufffd"
            or unicodedata.category(char) in {"Co", "Cn", "Cs"}
        ):
            odd += 1
    return odd / max(1, len(text))


def _mixed_script_share(text: str) -> float:
    """Share of words mixing alphabets ("Сandъ") or holding symbols between letters ("W³adze").

    Both are the mark of a wrong single-byte codepage.
    """
    words = 0
    mixed = 0
    for word in text.split():
        words += 1
        scripts = {_script_of(char) for char in word} - {None}
        if len(scripts) > 1 or _SYMBOL_INSIDE_WORD.search(word):
            mixed += 1
    return mixed / max(1, words)


def _script_of(char: str) -> str | None:
    if ord(char) < 128:
        return "LATIN" if char.isalpha() else None
    if unicodedata.category(char)[0] not in "LMN":
        return None
    return _SCRIPT_GROUPS.get(unicodedata.name(char, "").split(" ", 1)[0])
