"""Re-posts: exact copies by content hash, edited copies by MinHash LSH."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.ingest.dedupe import (
    DuplicateIndex,
    content_hash,
    make_minhash,
    minhash_from_bytes,
    signature_bytes,
)

WIRE = (
    "Heavy rain pushed the Jamuna river over its banks on Tuesday, flooding hundreds of villages "
    "in northern Bangladesh. Officials said at least 12 people had drowned and more than 40,000 "
    "families were stranded. The disaster management ministry said army boats were being sent to "
    "the worst-hit districts of Sirajganj and Bogura. Relief workers warned that drinking water "
    "was running short and that waterborne disease could spread within days. The meteorological "
    "office forecast more rain for the rest of the week, and the river was still rising at noon. "
    "Schools in four districts were closed and turned into shelters for displaced families."
)
REPOST = (
    "BREAKING: "
    + WIRE.replace("on Tuesday", "on Tuesday morning").replace(
        "Schools in four districts were closed and turned into shelters for displaced families.", ""
    )
    + " Follow our live coverage for updates."
)
OTHER = (
    "Protesters marched through the centre of Lima on Tuesday demanding early elections, and "
    "police fired tear gas near Congress. The ombudsman said 17 people were injured in Juliaca. "
    "The government declared a state of emergency in three southern regions and suspended "
    "rail services to Machu Picchu while unions called for a national strike on Thursday."
)


def test_content_hash_ignores_case_and_whitespace() -> None:
    assert content_hash("Police  fired\non crowds.") == content_hash("police fired on crowds")
    assert content_hash("Police fired on crowds.") != content_hash("Police fired on crowd.")


def test_edited_repost_is_found_and_unrelated_story_is_not() -> None:
    index = DuplicateIndex(threshold=0.5)
    index.add("wire", make_minhash(WIRE))
    found = index.find(make_minhash(REPOST))
    assert found is not None and found.original_id == "wire"
    assert 0.5 <= found.similarity < 1.0
    assert index.find(make_minhash(OTHER)) is None


def test_a_strict_threshold_misses_edited_reposts() -> None:
    index = DuplicateIndex(threshold=0.95)
    index.add("wire", make_minhash(WIRE))
    assert index.find(make_minhash(REPOST)) is None


def test_stored_signatures_restore_the_index_without_reposts() -> None:
    signature = signature_bytes(make_minhash(WIRE))
    index = DuplicateIndex(threshold=0.5)
    index.add_stored([("wire", None, 128, signature), ("copy", "wire", 128, signature)])
    assert len(index) == 1
    found = index.find(make_minhash(REPOST))
    assert found is not None and found.original_id == "wire"


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=400))
def test_signature_bytes_round_trip(text: str) -> None:
    minhash = make_minhash(text)
    restored = minhash_from_bytes(signature_bytes(minhash), num_perm=128)
    assert restored.jaccard(minhash) == 1.0
