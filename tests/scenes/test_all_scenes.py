"""Every scene plays for every test configuration: beats, captions, timing, frame bounds."""

from __future__ import annotations

import pytest

from scenes import SCENE_NAMES
from scenes.timing import ReadingPace

from .conftest import CONFIG_NAMES


@pytest.mark.parametrize("config", CONFIG_NAMES)
@pytest.mark.parametrize("name", SCENE_NAMES)
def test_scene_plays_in_beats_that_fit_the_frame(play, name: str, config: str) -> None:
    scene = play(name, config)
    assert len(scene.beats) >= 2, "a scene is a sequence of beats"
    assert scene.beats[0].start == 0
    pace = ReadingPace()
    for before, after in zip(scene.beats, scene.beats[1:], strict=False):
        assert after.start == pytest.approx(before.end), "beats follow each other without gaps"
    for beat in scene.beats:
        assert beat.text.strip(), "every beat has a caption"
        assert beat.id.startswith(f"{name}-")
        assert beat.end - beat.start >= pace.seconds(beat.id, beat.text) - 1e-6, beat.text
    for snap in scene.snapshots:
        assert snap.outside == [], f"beat {snap.beat.text!r}: outside the frame: {snap.outside}"


@pytest.mark.parametrize("config", CONFIG_NAMES)
@pytest.mark.parametrize("name", [n for n in SCENE_NAMES if n != "Title"])
def test_a_part_of_the_lecture_is_four_to_eight_beats_and_30_to_100_seconds(play, name: str, config: str) -> None:
    scene = play(name, config)
    assert 4 <= len(scene.beats) <= 8
    assert 30 <= scene.beats[-1].end <= 100


@pytest.mark.parametrize("config", CONFIG_NAMES)
def test_title_card_is_short(play, config: str) -> None:
    scene = play("Title", config)
    assert len(scene.beats) == 2
    assert 5 <= scene.beats[-1].end <= 30


def test_beat_ids_are_stable_and_unique(play) -> None:
    ids = [b.id for name in SCENE_NAMES for b in play(name, "default").beats]
    assert len(ids) == len(set(ids))
    again = [b.id for b in play("Title", "three_classes").beats]
    assert again[1] == play("Title", "default").beats[1].id, "same sentence, same id"
