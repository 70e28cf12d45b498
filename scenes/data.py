"""The lecture's data as a scene gets it: read-only, and only the fields the scene declares.

``render.py`` hands each scene its :class:`~mathcore.LectureData`; rendered with the plain
``manim`` command, a scene uses :func:`default_data`, the default ``lecture.toml``.

:class:`LectureScene <scenes.base.LectureScene>` wraps the data in a :class:`DataView`
that lets the scene read the fields it declares in :mod:`scenes.registry` and stops it with
:class:`UndeclaredRead` on any other: the render cache keys a scene's clip on the fields it
declares, so a field read but not declared could serve a stale clip.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from mathcore import LectureData, compute
from mathcore.config import load_params


@cache
def default_data() -> LectureData:
    """The lecture's data from the default ``lecture.toml``."""
    return compute(load_params())


class UndeclaredRead(AttributeError):
    """A scene read a field of :class:`~mathcore.LectureData` that it does not declare."""

    def __init__(self, scene: str, field: str, via: str | None = None) -> None:
        through = f" (through LectureData.{via})" if via else ""
        super().__init__(
            f"{scene} reads LectureData.{field}{through} but does not declare it: "
            f"add {field!r} to the reads of {scene} in scenes/registry.py"
        )
        self.scene = scene
        self.field = field


class DataView:
    """A read-only view of ``data`` that gives ``scene`` only the fields named in ``reads``.

    A declared field is read from ``data``. A method or property of :class:`LectureData`
    that is not declared itself (``guess(name)``, ``all_guesses``) runs on the view, so the
    fields it uses must be declared: ``data.guess("bad")`` needs ``guesses`` and ``best``.
    Anything else raises :class:`UndeclaredRead`, naming the scene and the field.
    """

    __slots__ = ("_data", "_reads", "_scene")

    def __init__(self, data: Any, scene: str, reads: Iterable[str]) -> None:
        object.__setattr__(self, "_data", data)
        object.__setattr__(self, "_scene", scene)
        object.__setattr__(self, "_reads", frozenset(reads))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if name in self._reads:
            return getattr(self._data, name)
        member = getattr(LectureData, name, None)
        if isinstance(member, property) and member.fget is not None:
            return self._through(name, member.fget)()
        if callable(member):
            return self._through(name, member)
        raise UndeclaredRead(self._scene, name)

    def _through(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` bound to this view; an undeclared read inside it names ``name``."""

        @functools.wraps(function)
        def bound(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(self, *args, **kwargs)
            except UndeclaredRead as err:
                raise UndeclaredRead(self._scene, err.field, via=name) from None

        return bound

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"the lecture's data is read-only; {self._scene} cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"the lecture's data is read-only; {self._scene} cannot delete {name!r}")

    def __copy__(self) -> DataView:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> DataView:
        return self

    def __repr__(self) -> str:
        return f"DataView({self._scene}: {', '.join(sorted(self._reads))})"
