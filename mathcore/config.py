"""From a TOML file and ``--set`` overrides to one validated :class:`LectureParams`."""

from __future__ import annotations

import copy
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .numbers import shown
from .params import LectureParams, ParamError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "lecture.toml"

SETTABLE = "title, log_base, draws, colors.<class>, guesses.<name>.name, guesses.<name>.probs.<class>"


MAX_CONFIG_BYTES = 64 * 1024
"""A lecture's TOML is a few hundred bytes; a file far larger is not a lecture (and /dev/zero never ends)."""


class ConfigError(ValueError):
    """A configuration the lecture cannot use; its message is one line for the user."""


def _short(key: str) -> str:
    """A key as typed, cut to about 80 characters."""
    return key if len(key) <= 80 else key[:77] + "..."


def load_raw(path: Path) -> dict[str, Any]:
    """Read a TOML configuration file.

    Raises
    ------
    ConfigError
        When the file is missing or unreadable, or is not valid TOML (the
        message carries the line and column).
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: larger than {MAX_CONFIG_BYTES // 1024} KB; a lecture's TOML is far smaller")
        return tomllib.loads(data.decode("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, expected a TOML file") from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot be read ({err.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: invalid TOML: the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None


def parse_override(text: str) -> tuple[list[str], str]:
    """Split ``KEY=VALUE`` into the key's dotted parts and the value."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ConfigError(f"--set {shown(text)}: expected KEY=VALUE, e.g. --set log_base=2; the keys are {SETTABLE}")
    return key.split("."), value.strip()


def apply_overrides(raw: Mapping[str, Any], overrides: Iterable[str]) -> dict[str, Any]:
    """Apply ``--set KEY=VALUE`` overrides to a configuration mapping.

    Keys: ``title``, ``log_base``, ``draws`` (comma-separated),
    ``colors.<class>``, ``guesses.<name>.name`` and
    ``guesses.<name>.probs.<class>``, a guess addressed by its name. Values
    stay strings; :meth:`LectureParams.from_mapping` validates them.
    """
    result = copy.deepcopy(dict(raw))
    color_sets: list[tuple[str, str]] = []
    for text in overrides:
        parts, value = parse_override(text)
        key = ".".join(parts)
        if parts in (["title"], ["log_base"]):
            result[parts[0]] = value
        elif parts == ["draws"]:
            result["draws"] = [d.strip() for d in value.split(",")] if value.strip() else []
        elif len(parts) == 2 and parts[0] == "colors":
            color_sets.append((parts[1], value))
        elif len(parts) >= 3 and parts[0] == "guesses":
            _set_guess(result, parts, value, key)
        else:
            raise ConfigError(f"--set {_short(key)}: unknown key; the keys are {SETTABLE}")
    if color_sets:
        colors = result.get("colors")
        if not isinstance(colors, dict):
            colors = _default_colors(result)
        for name, value in color_sets:
            colors[name] = value
        result["colors"] = colors
    return result


def _set_guess(result: dict[str, Any], parts: list[str], value: str, key: str) -> None:
    guesses = result.get("guesses")
    tables = [g for g in guesses if isinstance(g, dict)] if isinstance(guesses, list) else []
    names = [g.get("name") for g in tables]
    if parts[1] not in names:
        listed = ", ".join(map(str, names)) or "none"
        raise ConfigError(f"--set {_short(key)}: no guess named {shown(parts[1])}; the guesses are {listed}")
    guess = tables[names.index(parts[1])]
    if parts[2:] == ["name"]:
        guess["name"] = value
    elif len(parts) == 4 and parts[2] == "probs":
        probs = guess.setdefault("probs", {})
        if not isinstance(probs, dict):
            raise ConfigError(f"--set {_short(key)}: guesses.{parts[1]}.probs in the file is not a table")
        probs[parts[3]] = value
    else:
        raise ConfigError(
            f"--set {_short(key)}: unknown key; a guess has guesses.<name>.name and guesses.<name>.probs.<class>"
        )


def _default_colors(raw: dict[str, Any]) -> dict[str, str]:
    """The colours validation would choose, so one of them can be overridden."""
    try:
        params = LectureParams.from_mapping(raw)
    except ParamError as err:
        raise ConfigError(str(err)) from None
    return dict(zip(params.classes, params.colors, strict=True))


def load_params(path: Path | None = None, overrides: Iterable[str] = ()) -> LectureParams:
    """Read, override and validate: the one way a configuration becomes parameters.

    Raises
    ------
    ConfigError
        With a one-line message naming the key, the bad value and what is allowed.
    """
    path = DEFAULT_CONFIG if path is None else path
    raw = apply_overrides(load_raw(path), overrides)
    try:
        return LectureParams.from_mapping(raw)
    except ParamError as err:
        raise ConfigError(f"{path.name}: {err}") from None
