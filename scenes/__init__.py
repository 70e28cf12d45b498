"""The lecture's scenes: one module per scene, the shared parts in :mod:`scenes.parts`.

:mod:`scenes.registry` holds the order of the scenes and the data each one reads; its
names are re-exported here for the render pipeline.
"""

from __future__ import annotations

from scenes.registry import SCENE_NAMES, SCENES, TYPICAL_RENDER_SECONDS, SceneSpec, scene_class, spec

__all__ = ["SCENES", "SCENE_NAMES", "TYPICAL_RENDER_SECONDS", "SceneSpec", "scene_class", "spec"]
