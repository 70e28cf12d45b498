"""Play scenes without writing video (manim's dry run) and look at what they showed."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from mathcore import LectureData, compute
from pipeline.config import load_params

CONFIGS = Path(__file__).resolve().parent.parent / "configs"
CONFIG_NAMES = ("default", "three_classes", "zero_prob", "log2", "longest")


@cache
def lecture_data(config: str) -> LectureData:
    """The data of a test configuration (``default`` is the project's lecture.toml)."""
    path = None if config == "default" else CONFIGS / f"{config}.toml"
    return compute(load_params(path))


@cache
def media_dir() -> Path:
    """One media folder for the session, so each formula is compiled by TeX once."""
    return Path(tempfile.mkdtemp(prefix="lecture-tests-"))


def dry_run_config() -> dict[str, object]:
    """manim settings for playing a scene without writing video."""
    return {
        "dry_run": True,
        "quality": "low_quality",
        "media_dir": str(media_dir()),
        "verbosity": "ERROR",
        "progress_bar": "none",
    }


@cache
def _played(name: str, config: str):
    from manim import tempconfig

    from scenes import scene_class

    with tempconfig(dry_run_config()):
        scene = scene_class(name)(data=lecture_data(config))
        scene.render()
    return scene


@pytest.fixture
def play() -> Callable[[str, str], object]:
    """``play(scene_name, config_name)`` -> the played scene, with ``beats`` and ``snapshots``.

    Played once per (scene, config) for the whole session.
    """
    return _played


def shown_texts(scene) -> str:
    """Every TeX and Text string the scene showed at the end of any beat, joined by newlines."""
    return "\n".join(t for snap in scene.snapshots for t in snap.texts)
