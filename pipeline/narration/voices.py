"""The voices: one engine protocol, one class per engine.

``slt`` (the default), ``awb``, ``rms``, ``kal16``
    Debian's ``flite`` (CMU Flite). ``slt``, a female US English voice built
    from the CMU ARCTIC recordings, is the clearest of the free offline voices
    we tried: espeak-ng is more robotic, and festival's HTS voices are not in
    Debian's main archive.
``espeak``
    Debian's ``espeak-ng`` (en-us), small and robotic, for comparison.
``none``
    No voice: captions only, beats paced by reading speed.
``recordings:DIR``
    The teacher's own voice: ``DIR/<beat id>.wav`` (or ``.mp3``, ``.flac``,
    ``.m4a``) for every beat; ``python render.py script`` lists the ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import ClassVar, Protocol

from .. import tools
from ..errors import UsageError, quoted
from .spoken import spoken

FLITE_VOICES = ("slt", "awb", "rms", "kal16")
DEFAULT_VOICE = "slt"
AUDIO_SUFFIXES = (".wav", ".mp3", ".flac", ".m4a")


class VoiceError(UsageError):
    """A voice that cannot be used; the message is one line for the user."""


class Voice(Protocol):
    """What every engine tells about itself."""

    speaks: ClassVar[bool]

    @property
    def label(self) -> str:
        """The name ``--voice`` takes, as the summary and the manifest show it."""
        ...

    def identity(self) -> dict[str, str]:
        """What its audio depends on besides the text (part of cache keys)."""
        ...


class Synthesizer(Voice, Protocol):
    """An engine that speaks any text."""

    def check(self) -> None:
        """Raise :class:`~pipeline.tools.ToolMissing` when the engine is not installed."""
        ...

    def synthesize(self, text: str, target: Path) -> None:
        """Speak ``text`` into the WAV file ``target``."""
        ...


@cache
def _version(program: str) -> str:
    tools.require(program)
    out = tools.run([program, "--version"], check=False).stdout
    return " ".join(out.split())[:200]


@dataclass(frozen=True)
class Flite:
    """A voice of Debian's ``flite``."""

    name: str
    speaks: ClassVar[bool] = True

    @property
    def label(self) -> str:
        return self.name

    def identity(self) -> dict[str, str]:
        return {"kind": "flite", "voice": self.name, "engine": _version("flite"), "rate": "1.0"}

    def check(self) -> None:
        _version("flite")

    def synthesize(self, text: str, target: Path) -> None:
        tools.run(["flite", "-voice", self.name, "-t", spoken(text), "-o", target], writes=target)


@dataclass(frozen=True)
class Espeak:
    """Debian's ``espeak-ng``, US English, 160 words a minute."""

    name: str = "en-us"
    speaks: ClassVar[bool] = True

    @property
    def label(self) -> str:
        return "espeak"

    def identity(self) -> dict[str, str]:
        return {"kind": "espeak", "voice": self.name, "engine": _version("espeak-ng"), "rate": "1.0"}

    def check(self) -> None:
        _version("espeak-ng")

    def synthesize(self, text: str, target: Path) -> None:
        tools.run(["espeak-ng", "-v", self.name, "-s", "160", "-w", target, spoken(text)], writes=target)


@dataclass(frozen=True)
class Recordings:
    """The teacher's own recordings: one file per beat, named by the beat's id."""

    directory: Path
    speaks: ClassVar[bool] = True

    @property
    def label(self) -> str:
        return f"recordings:{self.directory}"

    def identity(self) -> dict[str, str]:
        return {"kind": "recordings", "voice": "recordings", "engine": "recordings", "rate": "1.0"}

    def recording(self, beat_id: str) -> Path | None:
        """The file for a beat, if there is one."""
        for suffix in AUDIO_SUFFIXES:
            path = self.directory / f"{beat_id}{suffix}"
            if path.is_file():
                return path
        return None


@dataclass(frozen=True)
class Silent:
    """No voice: captions only."""

    speaks: ClassVar[bool] = False

    @property
    def label(self) -> str:
        return "none"

    def identity(self) -> dict[str, str]:
        return {"kind": "none"}


def parse_voice(text: str) -> Flite | Espeak | Recordings | Silent:
    """``slt``, ``awb``, ``rms``, ``kal16``, ``espeak``, ``none`` or ``recordings:DIR``."""
    if text == "none":
        return Silent()
    if text in FLITE_VOICES:
        return Flite(text)
    if text == "espeak":
        return Espeak()
    if text.startswith("recordings:"):
        directory = Path(text.split(":", 1)[1]).expanduser()
        if not directory.is_dir():
            raise VoiceError(f"--voice {quoted(text)}: {directory} is not a folder of recordings")
        return Recordings(directory.resolve())
    allowed = ", ".join((*FLITE_VOICES, "espeak", "none", "recordings:DIR"))
    raise VoiceError(f"--voice {quoted(text)}: unknown voice; the voices are {allowed}")
