"""Render one scene of the lecture to an MP4 with manim, in this process (``tools/look.py``).

The render pipeline renders in worker processes instead (:mod:`pipeline.worker`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mathcore import LectureData

from .worker import QUALITY_SETTINGS


@dataclass(frozen=True)
class RenderedScene:
    """A scene's clip and the beats it played (times in seconds from the clip's start)."""

    name: str
    video: Path
    beats: tuple
    duration: float


def render_scene(
    name: str,
    data: LectureData,
    media_dir: Path,
    quality: str = "preview",
    dry_run: bool = False,
) -> RenderedScene:
    """Render the scene class ``name`` with ``data`` into ``media_dir``.

    Returns the path of the MP4 manim wrote (not written when ``dry_run``).
    """
    from manim import tempconfig

    from scenes import scene_class

    cls = scene_class(name)
    settings = {
        "quality": QUALITY_SETTINGS[quality][0],
        "media_dir": str(media_dir),
        "output_file": name,
        "disable_caching": True,
        "dry_run": dry_run,
        "verbosity": "WARNING",
        "progress_bar": "none",
        "write_to_movie": not dry_run,
    }
    with tempconfig(settings):
        scene = cls(data=data)
        scene.render()
        video = Path(scene.renderer.file_writer.movie_file_path) if not dry_run else Path()
    duration = scene.beats[-1].end if scene.beats else 0.0
    return RenderedScene(name, video, tuple(scene.beats), duration)
