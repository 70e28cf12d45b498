"""Where a scene's data comes from when it is not handed one.

``render.py`` passes :class:`~mathcore.LectureData` to each scene. Rendered with
the plain ``manim`` command, a scene reads the parameters named by the
environment variable ``LECTURE_PARAMS`` (a JSON file in the configuration's
shape, written by the render pipeline), else the default ``lecture.toml``.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

from mathcore import LectureData, LectureParams, compute

PARAMS_ENV = "LECTURE_PARAMS"


@cache
def _load(path: str | None) -> LectureData:
    if path:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        return compute(LectureParams.from_mapping(raw))
    from mathcore.config import load_params

    return compute(load_params())


def default_data() -> LectureData:
    """The lecture's data from ``$LECTURE_PARAMS`` or the default ``lecture.toml``."""
    return _load(os.environ.get(PARAMS_ENV) or None)
