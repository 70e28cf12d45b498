"""Command line of the lecture renderer: ``python render.py [COMMAND] [OPTIONS]``."""

from __future__ import annotations

import functools
import json
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from mathcore import compute
from mathcore.config import ConfigError, load_params
from pipeline import prune
from pipeline.build import BuildOptions, default_cache_dir, summary
from pipeline.build import build as run_build
from pipeline.errors import EnvironmentFailure, RenderFailure, UsageError, os_failure
from pipeline.narration import DEFAULT_VOICE
from pipeline.numbers import lecture_numbers
from pipeline.options import cache_options, config_options
from pipeline.script import format_script, lecture_script
from pipeline.worker import QUALITY_SETTINGS as QUALITIES


class DefaultCommandGroup(click.Group):
    """A group that runs ``build`` when no command is named (``python render.py``)."""

    default_command = "build"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if self.default_command in self.commands and (
            not args or (args[0] not in self.commands and args[0] not in ("--help", "-h"))
        ):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def fail(err: Exception, status: int) -> None:
    """Print the failure as one line and exit: 2 for the user's input, 1 for the machine or a render."""
    click.echo(f"error: {err}", err=True)
    sys.exit(status)


def answers_in_one_line(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn every failure a user can cause into one line and an exit status, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (UsageError, EnvironmentFailure, RenderFailure) as err:
            fail(err, err.exit_status)
        except ConfigError as err:
            fail(err, UsageError.exit_status)
        except OSError as err:
            fail(os_failure(err), EnvironmentFailure.exit_status)
        except KeyboardInterrupt:
            click.echo("error: interrupted; the previous output is as it was, run again to finish", err=True)
            sys.exit(130)

    return wrapper


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Render the lecture "cross-entropy loss from a likelihood perspective".

    \b
    Examples:
      python render.py                      render the default lecture (lecture.toml)
      python render.py numbers --set log_base=2
      python render.py check --config my_lecture.toml
    """


@cli.command()
@config_options
@click.option(
    "--quality",
    type=click.Choice(list(QUALITIES)),
    default="preview",
    show_default=True,
    help="preview = 480p15, 720p = 720p30, 1080p = 1080p60, 4k = 2160p60.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Folder for the course site: page, lecture, captions, clips, manifest.",
)
@click.option("--scenes", "scene_names", default=None, metavar="NAME,...", help="Render only these scenes.")
@click.option(
    "--jobs", type=click.IntRange(min=1), default=None, help="Parallel scene renders [default: one per core]."
)
@click.option(
    "--voice",
    default=DEFAULT_VOICE,
    show_default=True,
    help="Narration: slt, awb, rms, kal16 (flite voices), espeak, none (captions only), "
    "or recordings:DIR (your own recordings, DIR/<beat id>.wav; see the script command).",
)
@click.option("--force", is_flag=True, help="Render every scene again, ignoring the cache (also repairs it).")
@click.option("--quiet", is_flag=True, help="Print only the summary.")
@cache_options
@answers_in_one_line
def build(
    config_path: Path | None,
    overrides: tuple[str, ...],
    quality: str,
    out_dir: Path,
    scene_names: str | None,
    jobs: int | None,
    voice: str,
    force: bool,
    quiet: bool,
    cache_dir: Path | None,
    cache_max: str | None,
) -> None:
    """Render the lecture for a course site (the default command).

    Writes OUT/index.html, embed.html, lecture.mp4, lecture.vtt, lecture.srt,
    chapters.vtt, manifest.json and scenes/NN-<Name>.mp4/.vtt/.png. Scenes
    whose inputs did not change come from the cache.

    \b
    Examples:
      python render.py
      python render.py build --quality 1080p --set log_base=2 --out site-bits
    """
    params = load_params(config_path, overrides)
    names = tuple(n.strip() for n in scene_names.split(",") if n.strip()) if scene_names is not None else None
    options = BuildOptions(
        quality=quality,
        scenes=names,
        jobs=jobs,
        force=force,
        quiet=quiet,
        voice=voice,
        cache_dir=cache_dir,
        cache_max=prune.parse_size(cache_max, "--cache-max") if cache_max else None,
    )
    click.echo(summary(run_build(params, out_dir, options)))


@cli.command()
@config_options
@answers_in_one_line
def numbers(config_path: Path | None, overrides: tuple[str, ...]) -> None:
    """Print every number of the lecture as JSON.

    Exact values are fraction strings ("16/3125"); logarithms are in the
    configured base; infinities are the strings "inf" and "-inf".

    \b
    Example:
      python render.py numbers --set guesses.good.probs.red=3/5 --set guesses.good.probs.blue=2/5
    """
    data = compute(load_params(config_path, overrides))
    click.echo(json.dumps(lecture_numbers(data), indent=2, ensure_ascii=False))


@cli.command()
@config_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["txt", "csv", "json"]),
    default="txt",
    show_default=True,
    help="txt: one block per beat; csv: id,scene,text; json: a list of objects.",
)
@cache_options
@answers_in_one_line
def script(
    config_path: Path | None, overrides: tuple[str, ...], fmt: str, cache_dir: Path | None, cache_max: str | None
) -> None:
    """Print the narration script: every beat's id, scene and text.

    Record each beat as <beat id>.wav (or .mp3, .flac, .m4a) in one folder and
    render with --voice recordings:FOLDER. A beat's id stays the same while its
    text does.

    \b
    Example:
      python render.py script --format csv > script.csv
    """
    params = load_params(config_path, overrides)
    click.echo(format_script(lecture_script(params, cache_dir), fmt), nl=False)


@cli.command()
@config_options
@answers_in_one_line
def check(config_path: Path | None, overrides: tuple[str, ...]) -> None:
    """Validate a lecture's config and say what it would render.

    Exits with status 0 when the config is valid, 2 with a one-line error otherwise.

    \b
    Example:
      python render.py check --config my_lecture.toml
    """
    params = load_params(config_path, overrides)
    from scenes import SCENE_NAMES

    guesses = ", ".join(g.name for g in params.guesses)
    click.echo(f"valid: {params.title!r}")
    click.echo(f"  {len(params.draws)} draws of {len(params.classes)} classes ({', '.join(params.classes)})")
    click.echo(f"  {len(params.guesses)} guesses ({guesses}) and the best guess q = p; log base {params.log_base}")
    click.echo(f"  would render {len(SCENE_NAMES)} scenes: {', '.join(SCENE_NAMES)}")


@cli.command()
@cache_options
@click.option("--prune", "do_prune", is_flag=True, help="Remove the least recently used entries until the cache fits.")
@click.option("--clear", is_flag=True, help="Empty the cache.")
@answers_in_one_line
def cache(cache_dir: Path | None, cache_max: str | None, do_prune: bool, clear: bool) -> None:
    """Show the render cache: where it is, its size by kind of entry, and its cap.

    The cap is 2 GB, or LECTURE_CACHE_MAX / --cache-max (500M, 2G, ...). After
    every build that wrote to the cache, the least recently used entries go
    first until it fits; the entries of the build itself are kept.

    \b
    Examples:
      python render.py cache
      python render.py cache --prune --cache-max 500M
      python render.py cache --clear
    """
    folder = cache_dir or default_cache_dir()
    cap = prune.parse_size(cache_max, "--cache-max") if cache_max else prune.default_cap()
    if clear:
        click.echo(f"removed {prune.human(prune.clear(folder))} from {folder}")
    elif do_prune:
        done = prune.prune(folder, cap)
        click.echo(f"removed {done.removed} entries ({prune.human(done.freed)}); {prune.human(done.size)} left")
    click.echo(prune.usage(folder, cap).report())


def _terminate(signum: int, frame: object) -> None:
    # Unwind normally on SIGTERM so that workers are stopped and staging files removed;
    # published files are only ever replaced whole, so the output stays intact.
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    cli()
