"""Command line of the lecture renderer: ``python render.py [COMMAND] [OPTIONS]``.

The commands live in :mod:`pipeline.commands`, one module each; this file only assembles them.
"""

from __future__ import annotations

import click

from pipeline.commands.batch import batch
from pipeline.commands.build import build
from pipeline.commands.cache import cache
from pipeline.commands.check import check
from pipeline.commands.numbers import numbers
from pipeline.commands.options import unwind_on_sigterm
from pipeline.commands.script import script
from pipeline.commands.storyboard import storyboard


class DefaultCommandGroup(click.Group):
    """A group that runs ``build`` when no command is named (``python render.py``)."""

    default_command = "build"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if self.default_command in self.commands and (
            not args or (args[0] not in self.commands and args[0] not in ("--help", "-h"))
        ):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Render the lecture "cross-entropy loss from a likelihood perspective".

    \b
    Examples:
      python render.py                      render the default lecture (lecture.toml)
      python render.py numbers --set log_base=2
      python render.py check --config my_lecture.toml
    """


for command in (build, batch, storyboard, numbers, check, script, cache):
    cli.add_command(command)


if __name__ == "__main__":
    unwind_on_sigterm()
    cli()
