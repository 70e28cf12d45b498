"""How long a beat lasts: the time its sentence takes to read or to speak.

A scene is given a :class:`TimingSource`; by default :class:`ReadingPace`.
A narration voice can later be another source that returns the measured
length of each beat's recording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

WORDS_PER_MINUTE = 160
"""The default pace: a calm lecture voice reads about 150 to 170 words a minute."""


class TimingSource(Protocol):
    """Gives each beat its minimum length in seconds."""

    def seconds(self, beat_id: str, text: str) -> float:
        """Seconds the beat needs at least, for its caption ``text``."""
        ...


@dataclass(frozen=True)
class ReadingPace:
    """A beat lasts as long as its caption takes to read aloud.

    ``seconds = max(minimum, words / words_per_minute * 60 + pause)``; a formula
    written in the caption counts as the words a speaker would say for it,
    roughly one per symbol group.
    """

    words_per_minute: float = WORDS_PER_MINUTE
    pause: float = 0.6
    minimum: float = 2.0

    def seconds(self, beat_id: str, text: str) -> float:
        words = len(re.findall(r"[\w']+|[=×÷+\-/^]", text))
        return max(self.minimum, words * 60.0 / self.words_per_minute + self.pause)
