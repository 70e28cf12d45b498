"""What the commands share: their options as small decorators that hand the command typed objects,
and the one-line answer to every failure.

``@lecture_options`` turns ``--config`` and ``--set`` into one ``params``
(:class:`~mathcore.LectureParams`); ``@cache_options`` gives ``cache_dir`` and
``cache_max``; ``@build_options`` gives ``options`` (:class:`~pipeline.contracts.BuildOptions`).
"""

from __future__ import annotations

import dataclasses
import functools
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from mathcore.config import ConfigError, load_params

from ..build.cluster import SCHEDULER_ENV
from ..cache.limit import parse_size
from ..contracts import BuildOptions
from ..errors import EnvironmentFailure, RenderFailure, UsageError, os_failure
from ..narration.voices import DEFAULT_VOICE
from ..publish.scorm import KINDS as PACKAGE_KINDS
from ..render.quality import QUALITY_SETTINGS
from ..tools import ToolError

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: object, status: int) -> None:
    """Print ``error: <message>`` as one line and exit with ``status``."""
    click.echo(f"error: {message}", err=True)
    sys.exit(status)


def answers_in_one_line(command: F) -> F:
    """Turn every failure a user can cause into one line and an exit status, never a traceback.

    2 for the user's input (config, options, folders, recordings); 1 for the
    machine (disk, permissions, programs, killed workers) and for failed renders.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (UsageError, EnvironmentFailure, RenderFailure, ToolError) as err:
            fail(err, err.exit_status)
        except ConfigError as err:
            fail(err, UsageError.exit_status)
        except OSError as err:
            fail(os_failure(err), EnvironmentFailure.exit_status)
        except KeyboardInterrupt:
            fail("interrupted; the previous output is as it was, run again to finish", 130)

    return wrapper  # type: ignore[return-value]


def lecture_options(func: F) -> F:
    """``--config FILE`` and repeatable ``--set KEY=VALUE``, validated into ``params``."""

    @functools.wraps(func)
    def wrapper(*args: Any, config_path: Path | None, overrides: tuple[str, ...], **kwargs: Any) -> Any:
        return func(*args, params=load_params(config_path, overrides), **kwargs)

    wrapper = click.option(
        "--set",
        "overrides",
        multiple=True,
        metavar="KEY=VALUE",
        help="Override one value of the config, e.g. --set log_base=2, --set draws=red,blue,blue, "
        "--set colors.red=#ff0000, --set guesses.good.probs.red=3/5. Repeatable.",
    )(wrapper)
    wrapper = click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        metavar="FILE",
        help="The lecture's TOML file (default: lecture.toml beside render.py).",
    )(wrapper)
    return wrapper  # type: ignore[return-value]


def cache_options(func: F) -> F:
    """``--cache DIR`` and ``--cache-max SIZE`` (a size such as 500M, parsed into bytes)."""

    @functools.wraps(func)
    def wrapper(*args: Any, cache_max: str | None, **kwargs: Any) -> Any:
        return func(*args, cache_max=parse_size(cache_max, "--cache-max") if cache_max else None, **kwargs)

    wrapper = click.option(
        "--cache-max",
        "cache_max",
        default=None,
        metavar="SIZE",
        help="The cache's cap, e.g. 500M or 10G [default: $LECTURE_CACHE_MAX, else 2G].",
    )(wrapper)
    wrapper = click.option(
        "--cache",
        "cache_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        metavar="DIR",
        help="The render cache [default: $LECTURE_CACHE_DIR, else .cache beside render.py].",
    )(wrapper)
    return wrapper  # type: ignore[return-value]


def _scene_names(text: str | None) -> tuple[str, ...] | None:
    return tuple(n.strip() for n in text.split(",") if n.strip()) if text is not None else None


def build_options(func: F) -> F:
    """The options of a build (quality, scenes, jobs, voice, force, quiet, cache), as ``options``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        names = ("quality", "scene_names", "jobs", "voice", "force", "quiet", "cache_dir", "cache_max", "cluster")
        given = {name: kwargs.pop(name) for name in names}
        given["scenes"] = _scene_names(given.pop("scene_names"))
        return func(*args, options=BuildOptions(**given), **kwargs)

    for option in reversed(_BUILD_OPTIONS):
        wrapper = option(wrapper)
    return cache_options(wrapper)  # type: ignore[arg-type]


_BUILD_OPTIONS = (
    click.option(
        "--quality",
        type=click.Choice(list(QUALITY_SETTINGS)),
        default="preview",
        show_default=True,
        help="preview = 480p15, 720p = 720p30, 1080p = 1080p60, 4k = 2160p60.",
    ),
    click.option("--scenes", "scene_names", default=None, metavar="NAME,...", help="Render only these scenes."),
    click.option(
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Parallel scene renders [default: one per core, at most 4].",
    ),
    click.option(
        "--voice",
        default=DEFAULT_VOICE,
        show_default=True,
        help="Narration: slt, awb, rms, kal16 (flite voices), espeak, none (captions only), "
        "or recordings:DIR (your own recordings, DIR/<beat id>.wav; see the script command).",
    ),
    click.option("--force", is_flag=True, help="Render every scene again, ignoring the cache (also repairs it)."),
    click.option("--quiet", is_flag=True, help="Print only the summary."),
    click.option(
        "--cluster",
        envvar=SCHEDULER_ENV,
        default=None,
        metavar="ADDRESS",
        help="Render the scenes as tasks on this Dask scheduler, e.g. tcp://10.0.0.5:8786; its workers need "
        f"this project and a --cache folder they all share [default: ${SCHEDULER_ENV}, else this machine].",
    ),
)


def package_option(func: F) -> F:
    """``--package scorm``: also write the site as an LMS package; sets ``options.package``.

    Put it below ``@build_options``, which hands it ``options``.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, options: BuildOptions, package: str | None, **kwargs: Any) -> Any:
        return func(*args, options=dataclasses.replace(options, package=package), **kwargs)

    return click.option(  # type: ignore[return-value]
        "--package",
        type=click.Choice(PACKAGE_KINDS),
        default=None,
        help="Also write the site as an LMS package: scorm = lecture-scorm12.zip (SCORM 1.2), "
        "to upload to Moodle, Canvas or Blackboard.",
    )(wrapper)


def out_option(default: str, what: str) -> Callable[[F], F]:
    """``--out DIR``, the folder a command writes."""
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path(default),
        show_default=True,
        help=what,
    )


def _terminate(signum: int, frame: object) -> None:
    # Unwind normally on SIGTERM so that workers are stopped and scratch removed;
    # the output folder is only ever swapped whole, so it stays intact.
    raise SystemExit(128 + signum)


def unwind_on_sigterm() -> None:
    """Make ``kill`` (SIGTERM) unwind like Ctrl-C: workers stopped, scratch removed."""
    signal.signal(signal.SIGTERM, _terminate)
