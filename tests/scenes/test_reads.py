"""Each scene declares the data it reads (scenes.SCENES); the render cache relies on it.

Scenes are played with a proxy of their data that records every attribute
they touch (tests/scenes/conftest.py); what a scene touched must be declared,
or a change to that value would not re-render it.
"""

from __future__ import annotations

import pytest

from scenes import SCENES, SceneSpec


@pytest.mark.parametrize("config", ["default", "three_classes", "zero_prob"])
@pytest.mark.parametrize("spec", SCENES, ids=lambda s: s.name)
def test_scene_reads_only_declared_data(play, spec: SceneSpec, config: str) -> None:
    scene = play(spec.name, config)
    assert scene.data_read, "the recording proxy saw the scene read its data"
    undeclared = scene.data_read - set(spec.reads)
    assert not undeclared, f"{spec.name} reads {sorted(undeclared)} but does not declare it in scenes/__init__.py"
