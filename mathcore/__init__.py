"""The mathematics of the lecture: exact where it can be, pure, no manim.

Every number the lecture shows is computed here, from a validated
:class:`LectureParams`, by :func:`compute`.
"""

from .curves import Curves, likelihood_curves, profile_guess, rest_shares
from .distribution import Distribution, DistributionError, Empirical, empirical, make_distribution
from .information import (
    binary_cross_entropy,
    cross_entropy,
    entropy,
    kl_divergence,
    mean_binary_cross_entropy,
)
from .lecture import BEST_NAME, GuessData, LectureData, compute
from .likelihood import (
    PowerFactor,
    Underflow,
    draw_factors,
    grouped_factors,
    grouped_likelihood,
    likelihood,
    log_likelihood,
    product_underflow,
)
from .numbers import LOG_BASES, LogBase, Number, exp_base, log, parse_number
from .params import Guess, LectureParams, ParamError

__all__ = [
    "BEST_NAME",
    "LOG_BASES",
    "Curves",
    "Distribution",
    "DistributionError",
    "Empirical",
    "Guess",
    "GuessData",
    "LectureData",
    "LectureParams",
    "LogBase",
    "Number",
    "ParamError",
    "PowerFactor",
    "Underflow",
    "binary_cross_entropy",
    "compute",
    "cross_entropy",
    "draw_factors",
    "empirical",
    "entropy",
    "exp_base",
    "grouped_factors",
    "grouped_likelihood",
    "kl_divergence",
    "likelihood",
    "likelihood_curves",
    "log",
    "log_likelihood",
    "make_distribution",
    "mean_binary_cross_entropy",
    "parse_number",
    "product_underflow",
    "profile_guess",
    "rest_shares",
]
