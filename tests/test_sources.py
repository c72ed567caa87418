"""expand_inputs: files, folders, globs and stdin, in a stable order, each file once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsprism.ingest.sources import InputItem, expand_inputs
from newsprism.models import IngestFailure


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """a.txt, b/c.html, b/d/e.jsonl, b/.hidden.txt, .git/config, b/.cache/x.txt"""
    for relative in [
        "a.txt",
        "b/c.html",
        "b/d/e.jsonl",
        "b/.hidden.txt",
        ".git/config",
        "b/.cache/x.txt",
        "b/Z.txt",
    ]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    return tmp_path


def wheres(items: list[InputItem]) -> list[str]:
    return [item.where for item in items]


def test_a_folder_is_walked_recursively_in_sorted_order_skipping_hidden_entries(
    tree: Path,
) -> None:
    items, failures = expand_inputs([str(tree)])
    assert failures == []
    assert wheres(items) == [
        str(tree / "a.txt"),
        str(tree / "b" / "Z.txt"),
        str(tree / "b" / "c.html"),
        str(tree / "b" / "d" / "e.jsonl"),
    ]
    assert all(item.path == Path(item.where) for item in items)


def test_a_file_keeps_the_path_as_the_user_gave_it(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tree)
    items, failures = expand_inputs(["b/../a.txt"])
    assert failures == []
    assert items == [InputItem(where="b/../a.txt", path=Path("b/../a.txt"))]


def test_a_hidden_file_named_explicitly_is_read(tree: Path) -> None:
    items, _ = expand_inputs([str(tree / "b" / ".hidden.txt")])
    assert wheres(items) == [str(tree / "b" / ".hidden.txt")]


def test_recursive_glob_finds_files_at_every_depth(tree: Path) -> None:
    items, failures = expand_inputs([f"{tree}/**/*.txt"])
    assert failures == []
    assert wheres(items) == [str(tree / "a.txt"), str(tree / "b" / "Z.txt")]


def test_a_glob_matching_a_folder_expands_that_folder(tree: Path) -> None:
    items, _ = expand_inputs([f"{tree}/b/d*"])
    assert wheres(items) == [str(tree / "b" / "d" / "e.jsonl")]


def test_the_same_file_reached_twice_is_listed_once_in_first_seen_order(tree: Path) -> None:
    items, failures = expand_inputs([str(tree / "b" / "c.html"), str(tree), f"{tree}/*.txt"])
    assert failures == []
    assert wheres(items) == [
        str(tree / "b" / "c.html"),
        str(tree / "a.txt"),
        str(tree / "b" / "Z.txt"),
        str(tree / "b" / "d" / "e.jsonl"),
    ]


def test_a_symlink_to_a_listed_file_is_not_read_twice(tree: Path) -> None:
    (tree / "link.txt").symlink_to(tree / "a.txt")
    items, _ = expand_inputs([str(tree / "a.txt"), str(tree / "link.txt")])
    assert wheres(items) == [str(tree / "a.txt")]


def test_missing_paths_and_empty_globs_fail_and_the_rest_goes_on(tree: Path) -> None:
    items, failures = expand_inputs([str(tree / "nope.txt"), f"{tree}/*.pdf", str(tree / "a.txt")])
    assert wheres(items) == [str(tree / "a.txt")]
    assert failures == [
        IngestFailure(str(tree / "nope.txt"), "no such file or directory"),
        IngestFailure(f"{tree}/*.pdf", "no file matches"),
    ]


def test_an_empty_folder_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    items, failures = expand_inputs([str(tmp_path / "empty")])
    assert items == []
    assert failures == [IngestFailure(str(tmp_path / "empty"), "no files in folder")]


def test_a_broken_symlink_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    _, failures = expand_inputs([str(tmp_path / "dangling.txt")])
    assert failures == [IngestFailure(str(tmp_path / "dangling.txt"), "broken symbolic link")]


def test_a_fifo_is_refused_instead_of_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    items, failures = expand_inputs([str(tmp_path / "pipe")])
    assert items == []
    assert failures == [IngestFailure(str(tmp_path / "pipe"), "not a regular file")]


def test_dash_means_stdin_once(tree: Path) -> None:
    items, failures = expand_inputs(["-", str(tree / "a.txt"), "-"])
    assert failures == []
    assert items == [
        InputItem(where="-", path=None),
        InputItem(str(tree / "a.txt"), tree / "a.txt"),
    ]


def test_expansion_is_deterministic(tree: Path) -> None:
    assert expand_inputs([str(tree), f"{tree}/**/*"]) == expand_inputs([str(tree), f"{tree}/**/*"])


def test_a_recursive_glob_follows_each_linked_folder_once(tmp_path: Path) -> None:
    """Two link loops made the standard ``**`` walk millions of paths; each is entered once."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "a" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b" / "c" / "y.txt").write_text("y", encoding="utf-8")
    os.symlink("..", tmp_path / "a" / "up")
    os.symlink("../..", tmp_path / "b" / "c" / "up")
    os.symlink(tmp_path / "b", tmp_path / "b" / "self")
    items, failures = expand_inputs([f"{tmp_path}/**/*.txt"])
    assert failures == []
    assert [item.where for item in items] == [
        f"{tmp_path}/a/x.txt",
        f"{tmp_path}/b/c/y.txt",
    ]
    items, _ = expand_inputs([f"{tmp_path}/*/[xy].txt", f"{tmp_path}/b/**/y.t?t"])
    assert [item.where for item in items] == [f"{tmp_path}/a/x.txt", f"{tmp_path}/b/c/y.txt"]
