"""The cache's cap: least recently used entries go first, never the current build's."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pipeline.cache import entries as store
from pipeline.cache import limit as prune
from pipeline.errors import UsageError


@pytest.mark.parametrize(("text", "size"), [("2G", 2 * 10**9), ("500M", 5 * 10**8), ("1.5g", 15 * 10**8),
                                            ("123", 123), ("10GB", 10**10)])  # fmt: skip
def test_sizes(text: str, size: int) -> None:
    assert prune.parse_size(text) == size


def test_a_bad_size_names_the_setting() -> None:
    with pytest.raises(UsageError, match="LECTURE_CACHE_MAX = 'lots'"):
        prune.parse_size("lots")


def _entry(cache: Path, kind: str, name: str, size: int, used: float) -> Path:
    folder = cache / kind / name
    folder.mkdir(parents=True)
    (folder / "data.bin").write_bytes(b"x" * size)
    store.seal(folder)
    os.utime(folder, (used, used))
    return folder


def test_prune_removes_the_least_recently_used_first_and_keeps_the_current_builds(tmp_path: Path) -> None:
    now = time.time()
    old = _entry(tmp_path, "clips", "old", 4000, now - 300)
    older = _entry(tmp_path, "pictures", "older", 4000, now - 400)
    recent = _entry(tmp_path, "lectures", "recent", 4000, now - 100)
    current = _entry(tmp_path, "clips", "current", 4000, now)
    done = prune.prune(tmp_path, cap=9000, protect_since=now - 1)
    assert not older.exists() and not old.exists()
    assert recent.exists() and current.exists()
    assert done.removed == 2 and done.size <= 9000
    done = prune.prune(tmp_path, cap=100, protect_since=now - 1)
    assert current.exists(), "an entry the current build uses is never removed"
    assert not recent.exists()


def test_usage_reports_every_kind_and_clear_empties(tmp_path: Path) -> None:
    _entry(tmp_path, "clips", "a", 1000, time.time())
    (tmp_path / "tex").mkdir()
    (tmp_path / "tex" / "x.svg").write_bytes(b"y" * 500)
    usage = prune.usage(tmp_path, cap=10**9)
    assert usage.by_kind["clips"][0] == 1 and usage.by_kind["clips"][1] >= 1000
    assert usage.other >= 500
    text = usage.report()
    assert str(tmp_path) in text and "clips" in text and "cap" in text
    assert prune.clear(tmp_path) >= 1500
    assert list(tmp_path.iterdir()) == []
