"""Cache entries: sealed whole, checked before reuse, replaced only when damaged or forced."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from pipeline.cache import entries as store
from pipeline.cache.entries import State


def _entry(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    store.seal(folder, {"kind": "test"})
    return folder


def _later(path: Path) -> None:
    """Move a file's mtime on, as any write does (a test writes within one clock tick)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))


def test_a_sealed_entry_is_valid_with_its_metadata_and_digests(tmp_path: Path) -> None:
    entry = _entry(tmp_path / "e", {"a.bin": b"hello", "b.json": b"{}"})
    verdict = store.check(entry)
    assert verdict.valid and verdict.meta == {"kind": "test"}
    assert verdict.sha256("a.bin") == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"


def test_a_missing_folder_is_missing(tmp_path: Path) -> None:
    assert store.check(tmp_path / "nothing").state is State.MISSING


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda e: (e / "a.bin").unlink(), "missing a.bin"),
        (lambda e: (e / "extra.txt").write_text("x"), "extra file extra.txt"),
        (lambda e: (e / "a.bin").write_bytes(b"hell"), "a.bin changed size"),
        (lambda e: ((e / "a.bin").write_bytes(b"HELLO"), _later(e / "a.bin")), "a.bin changed"),
        (lambda e: (e / store.ENTRY_FILE).unlink(), "entry.json missing or unreadable"),
        (lambda e: (e / store.ENTRY_FILE).write_text("{"), "entry.json missing or unreadable"),
    ],
)
def test_a_damaged_entry_says_how(tmp_path: Path, damage, reason: str) -> None:  # type: ignore[no-untyped-def]
    entry = _entry(tmp_path / "e", {"a.bin": b"hello", "b.json": b"{}"})
    damage(entry)
    verdict = store.check(entry)
    assert verdict.state is State.DAMAGED
    assert verdict.reason == reason


def test_same_size_garbage_with_the_old_mtime_is_caught_by_ctime(tmp_path: Path) -> None:
    entry = _entry(tmp_path / "e", {"a.bin": b"hello"})
    st = (entry / "a.bin").stat()
    time.sleep(0.02)
    (entry / "a.bin").write_bytes(b"HELLO")
    os.utime(entry / "a.bin", ns=(st.st_atime_ns, st.st_mtime_ns))  # mtime set back; ctime cannot be
    assert store.check(entry).reason == "a.bin changed"


def test_an_entry_whose_stat_changed_but_not_its_content_stays_valid_and_is_cheap_again(tmp_path: Path) -> None:
    entry = _entry(tmp_path / "e", {"a.bin": b"hello"})
    _later(entry / "a.bin")
    assert store.check(entry).valid
    record = json.loads((entry / store.ENTRY_FILE).read_text())
    st = (entry / "a.bin").stat()
    assert record["files"]["a.bin"]["stat"] == [st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def test_commit_keeps_an_intact_entry_and_replaces_a_damaged_or_forced_one(tmp_path: Path) -> None:
    target = _entry(tmp_path / "target", {"a.bin": b"old"})
    store.commit(_entry(tmp_path / "new1", {"a.bin": b"new"}), target)
    assert (target / "a.bin").read_bytes() == b"old"
    store.commit(_entry(tmp_path / "new2", {"a.bin": b"new"}), target, replace=True)
    assert (target / "a.bin").read_bytes() == b"new" and store.check(target).valid
    (target / "a.bin").unlink()
    store.commit(_entry(tmp_path / "new3", {"a.bin": b"fix"}), target)
    assert (target / "a.bin").read_bytes() == b"fix" and store.check(target).valid
    assert sorted(p.name for p in tmp_path.iterdir()) == ["target"]


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x").write_text("a")
    (tmp_path / "b" / "x").write_text("b")
    assert store.exchange(tmp_path / "a", tmp_path / "b")
    assert (tmp_path / "a" / "x").read_text() == "b" and (tmp_path / "b" / "x").read_text() == "a"
