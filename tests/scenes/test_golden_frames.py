"""Golden frames: the last frame of each scene at the default lecture, at 480x270.

Control data in ``control_data/golden/``; regenerate on purpose with ``--set_test``.
These tests must run: tests/conftest.py fails the session if any of them is skipped.
"""

from __future__ import annotations

from manim.utils.testing.frames_comparison import frames_comparison
from scenes.binary_cross_entropy import BinaryCrossEntropy
from scenes.likelihood_formula import LikelihoodFormula
from scenes.recap import Recap

from scenes.candy_draws import CandyDraws
from scenes.cross_entropy import CrossEntropy
from scenes.likelihood_products import LikelihoodProducts
from scenes.log_compression import LogCompression
from scenes.title import Title

__module_test__ = "golden"

SMALL = {"pixel_width": 480, "pixel_height": 270}


@frames_comparison(base_scene=Title, **SMALL)
def test_title(scene: Title) -> None:
    Title.construct(scene)


@frames_comparison(base_scene=CandyDraws, **SMALL)
def test_candy_draws(scene: CandyDraws) -> None:
    CandyDraws.construct(scene)


@frames_comparison(base_scene=LikelihoodProducts, **SMALL)
def test_likelihood_products(scene: LikelihoodProducts) -> None:
    LikelihoodProducts.construct(scene)


@frames_comparison(base_scene=LikelihoodFormula, **SMALL)
def test_likelihood_formula(scene: LikelihoodFormula) -> None:
    LikelihoodFormula.construct(scene)


@frames_comparison(base_scene=LogCompression, **SMALL)
def test_log_compression(scene: LogCompression) -> None:
    LogCompression.construct(scene)


@frames_comparison(base_scene=CrossEntropy, **SMALL)
def test_cross_entropy(scene: CrossEntropy) -> None:
    CrossEntropy.construct(scene)


@frames_comparison(base_scene=BinaryCrossEntropy, **SMALL)
def test_binary_cross_entropy(scene: BinaryCrossEntropy) -> None:
    BinaryCrossEntropy.construct(scene)


@frames_comparison(base_scene=Recap, **SMALL)
def test_recap(scene: Recap) -> None:
    Recap.construct(scene)
