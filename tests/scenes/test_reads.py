"""Each scene declares the data it reads (scenes.SCENES); the render cache relies on it.

A scene is played with a proxy of its data that records every attribute the
scene touches; what it touched must be declared, or a change to that value
would not re-render the scene.
"""

from __future__ import annotations

import pytest

from mathcore import LectureData
from scenes import SCENES, SceneSpec, scene_class

from .conftest import dry_run_config, lecture_data

# Methods and properties of LectureData that read other fields.
DERIVED = {"guess": {"guesses", "best"}, "all_guesses": {"guesses", "best"}}


class RecordingData:
    """Forwards to a LectureData and remembers which attributes were read."""

    def __init__(self, data: LectureData) -> None:
        object.__setattr__(self, "_data", data)
        object.__setattr__(self, "read", set())

    def __getattr__(self, name: str) -> object:
        self.read.add(name)
        return getattr(self._data, name)


@pytest.mark.parametrize("spec", SCENES, ids=lambda s: s.name)
@pytest.mark.parametrize("config", ["default", "three_classes"])
def test_scene_reads_only_declared_data(spec: SceneSpec, config: str) -> None:
    from manim import tempconfig

    proxy = RecordingData(lecture_data(config))
    with tempconfig(dry_run_config()):
        scene_class(spec.name)(data=proxy).render()
    read = set()
    for name in proxy.read:
        read |= DERIVED.get(name, {name})
    undeclared = read - set(spec.reads)
    assert not undeclared, (
        f"{spec.name} reads {sorted(undeclared)} but does not declare it in scenes/__init__.py"
    )
