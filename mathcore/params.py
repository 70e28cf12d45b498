"""The lecture's parameters: everything a teacher can change, validated and frozen."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .colors import assign_colors
from .distribution import Distribution, DistributionError, make_distribution
from .numbers import LOG_BASES, LogBase, shown

MAX_TITLE_CHARS = 60
MAX_NAME_CHARS = 12
MIN_CLASSES, MAX_CLASSES = 2, 5
MAX_DRAWS = 20
MAX_GUESSES = 4
"""Limits that keep every frame readable at 480p: a row of 20 candies, a table
of 5 classes by 4 guesses plus the best guess, names that fit a table cell."""

TOP_LEVEL_KEYS = ("title", "draws", "log_base", "colors", "guesses")
GUESS_KEYS = ("name", "probs")

_INVISIBLE = frozenset(("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"))
"""Unicode categories a title must not hold: controls, format characters (zero-width spaces,
direction overrides such as U+202E), line and paragraph separators, private and unassigned."""

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")
_HEX = re.compile(r"^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")


class ParamError(ValueError):
    """An invalid parameter: the key, the bad value and what is allowed, in one line."""

    def __init__(self, key: str, value: object, allowed: str) -> None:
        self.key = key
        self.value = value
        self.allowed = allowed
        super().__init__(f"{key} = {_show(value)}: {allowed}")


def _show(value: object) -> str:
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, list | tuple):
        text = "[" + ", ".join(_show(v) for v in value) + "]"
        return text if len(text) <= 80 else text[:77] + "...]"
    if isinstance(value, Mapping):
        text = "{" + ", ".join(f"{k} = {_show(v)}" for k, v in value.items()) + "}"
        return text if len(text) <= 80 else text[:77] + "...}"
    return str(value)


@dataclass(frozen=True)
class Guess:
    """A named guess :math:`q` of the model."""

    name: str
    dist: Distribution


@dataclass(frozen=True)
class LectureParams:
    """Everything a teacher can change about the lecture, validated.

    Build it with :meth:`from_mapping` (what a TOML file holds); the
    constructor trusts its arguments.

    Attributes
    ----------
    title
        The lecture's title, at most :data:`MAX_TITLE_CHARS` characters.
    draws
        The training set, class names in draw order.
    classes
        The classes in the lecture's order: the ``[colors]`` table's order when
        it is given, else the order of first appearance in ``draws``.
    colors
        Display colour (``#RRGGBB``) of each class, in the order of ``classes``.
    guesses
        The guesses to compare, in the configuration's order.
    log_base
        ``"e"``, ``"2"`` or ``"10"``.
    """

    title: str
    draws: tuple[str, ...]
    classes: tuple[str, ...]
    colors: tuple[str, ...]
    guesses: tuple[Guess, ...]
    log_base: LogBase

    def color_of(self, name: str) -> str:
        """The display colour of a class."""
        return self.colors[self.classes.index(name)]

    def to_mapping(self) -> dict[str, Any]:
        """The parameters in the configuration's shape (fractions as strings)."""
        return {
            "title": self.title,
            "draws": list(self.draws),
            "log_base": self.log_base,
            "colors": dict(zip(self.classes, self.colors, strict=True)),
            "guesses": [
                {"name": g.name, "probs": {c: str(p) for c, p in g.dist.as_dict().items()}} for g in self.guesses
            ],
        }

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> LectureParams:
        """Validate a configuration mapping (the TOML file's shape).

        Raises
        ------
        ParamError
            On the first invalid entry, naming its key, its value and what is allowed.
        """
        for key in raw:
            if key not in TOP_LEVEL_KEYS:
                raise ParamError(key, raw[key], f"unknown key; the keys are {', '.join(TOP_LEVEL_KEYS)}")
        title = _title(raw.get("title", "Cross-entropy from likelihood"))
        log_base = _log_base(raw.get("log_base", "e"))
        draws = _draws(raw.get("draws"))
        classes, colors = _classes_and_colors(draws, raw.get("colors"))
        guesses = _guesses(raw.get("guesses"), classes)
        return cls(title, draws, classes, colors, guesses, log_base)


def _title(value: object) -> str:
    if not isinstance(value, str):
        raise ParamError("title", value, "must be a string")
    text = value.strip()
    if not text:
        raise ParamError("title", value, "must not be empty")
    if len(text) > MAX_TITLE_CHARS:
        raise ParamError("title", value, f"is {len(text)} characters long; at most {MAX_TITLE_CHARS} fit the frame")
    if any(ord(ch) < 32 for ch in text):
        raise ParamError("title", value, "must be one line without control characters")
    hidden = next((ch for ch in text if unicodedata.category(ch) in _INVISIBLE), None)
    if hidden is not None:
        raise ParamError(
            "title",
            value,
            f"holds the invisible or direction-changing character U+{ord(hidden):04X} "
            f"({unicodedata.name(hidden, 'unnamed')}); titles are visible text on one line",
        )
    return text


def _log_base(value: object) -> LogBase:
    text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else None
    if text not in LOG_BASES:
        raise ParamError("log_base", value, 'must be "e", 2 or 10')
    return text  # type: ignore[return-value]


def _name(key: str, value: object, what: str) -> str:
    if not isinstance(value, str) or not _NAME.match(value) or len(value) > MAX_NAME_CHARS:
        raise ParamError(
            key,
            value,
            f"a {what} name is 1 to {MAX_NAME_CHARS} letters, digits or hyphens, starting with a letter",
        )
    return value


def _draws(value: object) -> tuple[str, ...]:
    if value is None:
        raise ParamError("draws", "(missing)", 'is required: a list of class names, e.g. ["red", "blue", "red"]')
    if not isinstance(value, list | tuple):
        raise ParamError("draws", value, 'must be a list of class names, e.g. ["red", "blue", "red"]')
    if not value:
        raise ParamError("draws", value, "must hold at least one draw")
    if len(value) > MAX_DRAWS:
        raise ParamError("draws", f"{len(value)} draws", f"at most {MAX_DRAWS} draws fit a readable row")
    return tuple(_name(f"draws[{i}]", d, "class") for i, d in enumerate(value))


def _classes_and_colors(draws: tuple[str, ...], value: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    given = _given_colors(draws, value) if value is not None else {}
    classes = tuple(given) if value is not None else tuple(dict.fromkeys(draws))
    key = "draws" if value is None else "colors"
    if len(classes) < MIN_CLASSES:
        raise ParamError(
            key, list(classes), f"the lecture needs at least {MIN_CLASSES} classes (list the undrawn ones in [colors])"
        )
    if len(classes) > MAX_CLASSES:
        raise ParamError(key, list(classes), f"{len(classes)} classes; at most {MAX_CLASSES} fit the lecture's tables")
    return classes, assign_colors(classes, given)


def _given_colors(draws: tuple[str, ...], value: object) -> dict[str, str]:
    """The ``[colors]`` table, validated; every drawn class must be in it."""
    if not isinstance(value, Mapping):
        raise ParamError("colors", value, 'must be a table of class = "#RRGGBB"')
    given: dict[str, str] = {}
    for name, color in value.items():
        _name(f"colors.{name}", name, "class")
        if not isinstance(color, str) or not _HEX.match(color):
            raise ParamError(f"colors.{name}", color, 'must be a colour "#RRGGBB" or "#RGB"')
        given[name] = _expand_hex(color)
    for i, d in enumerate(draws):
        if d not in given:
            raise ParamError(
                f"draws[{i}]", d, f"has no colour in [colors]; the coloured classes are {', '.join(given)}"
            )
    return given


def _expand_hex(color: str) -> str:
    if len(color) == 4:
        color = "#" + "".join(ch * 2 for ch in color[1:])
    return color.upper()


def _guesses(value: object, classes: tuple[str, ...]) -> tuple[Guess, ...]:
    if value is None:
        raise ParamError("guesses", "(missing)", "is required: at least one [[guesses]] table with name and probs")
    if not isinstance(value, list | tuple) or not value:
        raise ParamError("guesses", value, "must be a list of [[guesses]] tables with name and probs")
    if len(value) > MAX_GUESSES:
        raise ParamError("guesses", f"{len(value)} guesses", f"at most {MAX_GUESSES} guesses fit the comparisons")
    guesses: list[Guess] = []
    for i, entry in enumerate(value):
        where = f"guesses[{i}]"
        if not isinstance(entry, Mapping):
            raise ParamError(where, entry, "must be a table with name and probs")
        for key in entry:
            if key not in GUESS_KEYS:
                raise ParamError(f"{where}.{key}", entry[key], f"unknown key; a guess has {', '.join(GUESS_KEYS)}")
        if "name" not in entry:
            raise ParamError(f"{where}.name", "(missing)", "every guess needs a name")
        name = _name(f"{where}.name", entry["name"], "guess")
        if any(g.name == name for g in guesses):
            raise ParamError(f"{where}.name", name, "guess names must be different from each other")
        if name == "best":  # mathcore.lecture.BEST_NAME, the guess q = p every lecture adds
            raise ParamError(f"{where}.name", name, 'the name "best" is reserved for the best guess q = p')
        probs = entry.get("probs")
        if not isinstance(probs, Mapping):
            raise ParamError(f"guesses.{name}.probs", probs, 'must be a table of class = probability, e.g. red = "4/5"')
        try:
            dist = make_distribution(classes, probs)
        except DistributionError as err:
            key = f"guesses.{name}.probs" + (f".{err.key}" if err.key else "")
            shown = err.value if err.value is not None else dict(probs)
            raise ParamError(key, shown, str(err)) from None
        guesses.append(Guess(name, dist))
    return tuple(guesses)
