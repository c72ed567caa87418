"""decode_bytes: BOMs, UTF-8, BOM-less UTF-16, legacy codepages, and refusing binary data."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.errors import InputError
from newsprism.ingest.encoding import decode_bytes, find_declared_charset, peek_text

READERS = Path(__file__).resolve().parent / "fixtures" / "readers"

RUSSIAN = (
    "Вечером в четверг городские власти объявили о закрытии центральной площади, "
    "а полиция перекрыла движение на соседних улицах до утра."
)
FRENCH = (
    "Les syndicats ont appelé à une nouvelle journée de mobilisation mardi, "
    "après l'échec des négociations menées à la préfecture."
)
GERMAN = "Die Behörden räumten am Mittwoch ein, dass die Straße über Nacht gesperrt blieb."
POLISH = "Władze miasta poinformowały w środę, że ulica pozostanie zamknięta przez całą noc."


@pytest.mark.parametrize(
    ("filename", "expected_start"),
    [
        ("plain_utf8.txt", "Floods close mountain road"),
        ("bom_utf8.txt", "Résumé of the council meeting"),
        ("utf16le_bom.txt", "Officials in Zürich"),
        ("utf16be_bom.txt", "Officials in Zürich"),
        ("russian_cp1251.txt", "Жители прибрежного посёлка"),
        ("french_latin1.txt", "Les enseignants du lycée ont voté la grève"),
    ],
)
def test_fixture_files_decode_to_their_text(filename: str, expected_start: str) -> None:
    text = decode_bytes((READERS / filename).read_bytes(), where=filename)
    assert text.startswith(expected_start)
    assert "\ufeff" not in text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8-r"),
        (FRENCH, "latin-1"),
        (FRENCH, "cp1252"),
        (GERMAN, "latin-1"),
        (POLISH, "cp1250"),
        (RUSSIAN, "utf-8"),
        ("東京で会議が開かれ、新しい予算案が承認された。", "shift_jis"),
    ],
)
def test_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), where="x") == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_bom_are_recognised_by_their_nul_pattern(codec: str) -> None:
    text = "The ferry left at 7:15, an hour late. Паром отправился с опозданием."
    assert decode_bytes(text.encode(codec), where="x") == text


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_byte_order_marks_choose_the_codec_and_are_dropped(bom: bytes, codec: str) -> None:
    assert decode_bytes(bom + GERMAN.encode(codec), where="x") == GERMAN


def test_declared_charset_is_used_when_the_bytes_are_not_utf8() -> None:
    page = "<meta charset='windows-1251'><p>Совет</p>".encode("cp1251")
    assert decode_bytes(page, where="x", declared="windows-1251").endswith("<p>Совет</p>")


def test_a_false_latin1_declaration_does_not_spoil_real_utf8() -> None:
    assert decode_bytes(FRENCH.encode("utf-8"), where="x", declared="iso-8859-1") == FRENCH


def test_a_few_damaged_bytes_in_utf8_are_replaced_not_misread_as_another_codepage() -> None:
    data = (FRENCH * 20).encode("utf-8")
    damaged = data[:500] + b"\xff" + data[500:]
    text = decode_bytes(damaged, where="x")
    assert text.count("\ufffd") == 1
    assert "négociations" in text


@pytest.mark.parametrize(
    "data",
    [
        (READERS / "image.png").read_bytes(),
        b"\x00\x01\x02\x03" * 50,
        b"header\x00\x00\x07\x00\x03\x00\xff\x00\x10\x00\x00\x00\x00\x00",
        b"abc\x01\x02\x03\x04\x05def\x06\x07\x08ghi",
    ],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary file, not text"):
        decode_bytes(data, where="blob")


def test_undecodable_text_says_it_cannot_be_decoded() -> None:
    # Every high byte in a row: in any codepage a jumble of symbols, not a language.
    data = bytes(range(0x80, 0x100)) * 2
    with pytest.raises(InputError, match="cannot decode text"):
        decode_bytes(data, where="odd")


def test_the_error_names_where_the_bytes_came_from() -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(b"\x00\x01\x02\x03" * 50, where="folder/blob.txt")
    assert caught.value.where == "folder/blob.txt"


def test_empty_bytes_decode_to_an_empty_string() -> None:
    assert decode_bytes(b"", where="x") == ""


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<html><head><meta charset="KOI8-R">', "koi8_r"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', "cp1251"),
        (b'<?xml version="1.0" encoding="ISO-8859-1"?><rss>', "cp1252"),
        (b"<meta charset=no-such-charset>", None),
        (b"<p>no declaration</p>", None),
    ],
)
def test_declared_charsets_are_found_and_normalised(head: bytes, expected: str | None) -> None:
    assert find_declared_charset(head) == expected


def test_peek_text_reads_the_start_of_wide_and_narrow_files() -> None:
    assert peek_text(codecs.BOM_UTF16_LE + "<rss>".encode("utf-16-le")) == "<rss>"
    assert peek_text("<html>".encode("utf-16-be")) == "<html>"
    assert peek_text(b"<feed \xe9>") == "<feed é>"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_decode_or_raise_input_error_only(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, where="fuzz")
    except InputError as exc:
        assert exc.message.startswith(("binary file", "cannot decode text"))
    else:
        assert isinstance(decoded, str)


@settings(max_examples=100, deadline=None)
@given(
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=300)
)
def test_any_text_survives_a_utf8_round_trip(text: str) -> None:
    try:
        decoded = decode_bytes(text.encode("utf-8"), where="fuzz")
    except InputError as exc:  # text made of control characters is refused as binary
        assert "binary" in exc.message
    else:
        assert decoded == text.removeprefix("\ufeff")
