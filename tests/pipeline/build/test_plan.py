"""The order in which scenes are handed to the workers: longest first."""

from __future__ import annotations

from pathlib import Path

from pipeline.build.plan import ScenePlan, longest_first
from scenes import SCENE_NAMES, SCENES, TYPICAL_RENDER_SECONDS


def _plans() -> list[ScenePlan]:
    return [ScenePlan(i + 1, s, f"key{i}", Path("/nonexistent")) for i, s in enumerate(SCENES)]


def test_every_scene_has_a_typical_time() -> None:
    assert set(TYPICAL_RENDER_SECONDS) == set(SCENE_NAMES)
    assert all(v > 0 for v in TYPICAL_RENDER_SECONDS.values())


def test_an_empty_cache_starts_with_the_typically_longest_scenes() -> None:
    order = [p.spec.name for p in longest_first(_plans(), {}, "preview")]
    times = [TYPICAL_RENDER_SECONDS[n] for n in order]
    assert sorted(order) == sorted(SCENE_NAMES)
    assert times == sorted(times, reverse=True)


def test_this_machines_times_win_when_every_scene_has_one() -> None:
    # Measured times in the reverse of the typical order: the measured order is used.
    typical = [p.spec.name for p in longest_first(_plans(), {}, "1080p")]
    measured = {f"1080p:{name}": float(i + 1) for i, name in enumerate(typical)}
    order = [p.spec.name for p in longest_first(_plans(), measured, "1080p")]
    assert order == typical[::-1]
    # Times of another quality, or a scene without a time, fall back to the typical order.
    assert [p.spec.name for p in longest_first(_plans(), measured, "preview")] == typical
    del measured[f"1080p:{typical[0]}"]
    assert [p.spec.name for p in longest_first(_plans(), measured, "1080p")] == typical
