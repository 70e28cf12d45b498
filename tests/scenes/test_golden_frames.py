"""Golden frames: the last frame of each scene at the default lecture, at 480x270.

Control data in ``control_data/golden/``; regenerate on purpose with ``--set_test``.
These tests must run: tests/conftest.py fails the session if any of them is skipped.
"""

from __future__ import annotations

from manim.utils.testing import frames_comparison as _fc
from manim.utils.testing.frames_comparison import frames_comparison

from scenes.binary_cross_entropy import BinaryCrossEntropy
from scenes.candy_draws import CandyDraws
from scenes.cross_entropy import CrossEntropy
from scenes.likelihood_formula import LikelihoodFormula
from scenes.likelihood_products import LikelihoodProducts
from scenes.log_compression import LogCompression
from scenes.recap import Recap
from scenes.title import Title

from .conftest import MEDIA

__module_test__ = "golden"

# Compiled TeX and text shared with the other scene tests.
SMALL = {"tex_dir": str(MEDIA / "Tex"), "text_dir": str(MEDIA / "texts")}

_manim_config_test = _fc._config_test


def _small_frames(last_frame: bool):  # type: ignore[no-untyped-def]
    """manim's test configuration at 480x270 (manim sizes its control data from this, not from
    the decorator's settings, so the size is set here)."""
    config = _manim_config_test(last_frame)
    config.pixel_width, config.pixel_height = 480, 270
    return config


_fc._config_test = _small_frames


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
