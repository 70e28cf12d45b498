"""The lecture's scenes, in the order they are played, and what each one reads.

The order is data, readable without importing manim: :data:`SCENES` lists each scene's
class name, its module, its chapter title and the fields of :class:`mathcore.LectureData`
it reads. The render cache re-renders a scene only when one of those, or its code, changes;
a scene that reads a field it does not declare stops with an error
(:class:`scenes.data.DataView`). :func:`scene_class` imports one scene.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class SceneSpec:
    """A scene of the lecture: class name, module, chapter title, and the data fields it reads."""

    name: str
    module: str
    title: str
    reads: tuple[str, ...]


_CLASSES = ("classes", "colors")

SCENES: tuple[SceneSpec, ...] = (
    SceneSpec("Title", "scenes.title", "Introduction", ("title",)),
    SceneSpec("CandyDraws", "scenes.candy_draws", "Candy draws", (*_CLASSES, "draws", "counts", "n", "empirical")),
    SceneSpec(
        "LikelihoodProducts",
        "scenes.likelihood_products",
        "The likelihood of a guess",
        (*_CLASSES, "draws", "counts", "n", "empirical", "guesses", "best", "ranking", "reference", "log_base"),
    ),
    SceneSpec(
        "LikelihoodFormula",
        "scenes.likelihood_formula",
        "The general formula",
        (*_CLASSES, "draws", "counts", "n", "empirical", "underflow"),
    ),
    SceneSpec(
        "LogCompression",
        "scenes.log_compression",
        "Why the logarithm",
        (*_CLASSES, "counts", "n", "empirical", "curves", "guesses", "best", "ranking", "log_base"),
    ),
    SceneSpec(
        "CrossEntropy",
        "scenes.cross_entropy",
        "Log-likelihood is cross-entropy",
        (*_CLASSES, "counts", "n", "empirical", "entropy", "guesses", "best", "log_base"),
    ),
    SceneSpec(
        "BinaryCrossEntropy",
        "scenes.binary_cross_entropy",
        "Binary cross-entropy",
        (
            *_CLASSES,
            "draws",
            "counts",
            "n",
            "empirical",
            "labels",
            "guesses",
            "best",
            "binary_entropy",
            "log_base",
        ),
    ),
    SceneSpec("Recap", "scenes.recap", "Recap", (*_CLASSES, "entropy", "guesses", "ranking", "log_base")),
)
SCENE_NAMES: tuple[str, ...] = tuple(s.name for s in SCENES)

# Seconds each scene took to render the default lecture at preview quality on a 2-core
# machine (2026-11-30). Only the order of work uses them: the build starts the longest
# scenes first, so its worker processes finish together. Once a cache has this machine's
# own times for every scene to render, those are used instead.
TYPICAL_RENDER_SECONDS: dict[str, float] = {
    "Title": 3.7,
    "CandyDraws": 8.2,
    "LikelihoodProducts": 12.0,
    "LikelihoodFormula": 14.2,
    "LogCompression": 9.1,
    "CrossEntropy": 13.9,
    "BinaryCrossEntropy": 11.7,
    "Recap": 5.4,
}


def spec(name: str) -> SceneSpec:
    """The scene called ``name``."""
    for s in SCENES:
        if s.name == name:
            return s
    raise KeyError(f"no scene {name!r}; the scenes are {', '.join(SCENE_NAMES)}")


def spec_of_class(cls: type) -> SceneSpec | None:
    """The scene that ``cls`` is or derives from (by class name), or None for a class outside the lecture."""
    for klass in cls.__mro__:
        if klass.__name__ in SCENE_NAMES:
            return spec(klass.__name__)
    return None


def scene_class(name: str) -> type:
    """The scene class called ``name`` (imports manim)."""
    return getattr(importlib.import_module(spec(name).module), name)
