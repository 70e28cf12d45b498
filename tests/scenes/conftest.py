"""Play scenes without writing video (manim's dry run) and look at what they showed."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from mathcore import LectureData, compute
from mathcore.config import load_params

CONFIGS = Path(__file__).resolve().parent.parent / "configs"
CONFIG_NAMES = ("default", "three_classes", "zero_prob", "log2", "longest")


@cache
def lecture_data(config: str) -> LectureData:
    """The data of a test configuration (``default`` is the project's lecture.toml)."""
    path = None if config == "default" else CONFIGS / f"{config}.toml"
    return compute(load_params(path))


MEDIA = Path(__file__).resolve().parents[2] / ".cache" / "test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")
"""Manim's media folder for the tests, one per test process (manim's TeX folder is not safe to
share: it deletes other processes' intermediate files). Compiled TeX is named by a hash of its
source, so it is kept between runs: each formula is compiled once."""


def media_dir() -> Path:
    MEDIA.mkdir(parents=True, exist_ok=True)
    return MEDIA


class RecordingData:
    """Forwards to a LectureData and remembers which of its attributes were read.

    A scene sees it through its :class:`~scenes.data.DataView`, which runs LectureData's
    methods (``guess(name)``, ``all_guesses``) on the view: what reaches the recorder are the
    fields those methods use.
    """

    def __init__(self, data: LectureData) -> None:
        object.__setattr__(self, "_data", data)
        object.__setattr__(self, "read", set())

    def __getattr__(self, name: str) -> object:
        self.read.add(name)
        return getattr(self._data, name)

    def fields_read(self) -> set[str]:
        """The LectureData attributes read."""
        return set(self.read)


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

    recorder = RecordingData(lecture_data(config))
    with tempconfig(dry_run_config()):
        scene = scene_class(name)(data=recorder)
        scene.render()
    scene.data_read = recorder.fields_read()
    return scene


@pytest.fixture
def play() -> Callable[[str, str], object]:
    """``play(scene_name, config_name)`` -> the played scene, with ``beats`` and ``snapshots``,
    and ``data_read``: the LectureData fields it read.

    Played once per (scene, config) for the whole session.
    """
    return _played


def shown_texts(scene) -> str:
    """Every TeX and Text string the scene showed at the end of any beat, joined by newlines."""
    return "\n".join(t for snap in scene.snapshots for t in snap.texts)
