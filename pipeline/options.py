"""Click options shared by the commands of ``render.py``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def config_options(func: F) -> F:
    """``--config FILE`` and repeatable ``--set KEY=VALUE``."""
    func = click.option(
        "--set",
        "overrides",
        multiple=True,
        metavar="KEY=VALUE",
        help="Override one value of the config, e.g. --set log_base=2, --set draws=red,blue,blue, "
        "--set colors.red=#ff0000, --set guesses.good.probs.red=3/5. Repeatable.",
    )(func)
    func = click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        metavar="FILE",
        help="The lecture's TOML file (default: lecture.toml beside render.py).",
    )(func)
    return func


def cache_options(func: F) -> F:
    """``--cache DIR`` and ``--cache-max SIZE``."""
    func = click.option(
        "--cache-max",
        "cache_max",
        default=None,
        metavar="SIZE",
        help="The cache's cap, e.g. 500M or 10G [default: $LECTURE_CACHE_MAX, else 2G].",
    )(func)
    func = click.option(
        "--cache",
        "cache_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        metavar="DIR",
        help="The render cache [default: $LECTURE_CACHE_DIR, else .cache beside render.py].",
    )(func)
    return func
