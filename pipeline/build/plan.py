"""What a build must do for each scene: its keys, which cache entries are intact, what to render."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mathcore import LectureParams
from scenes import SCENES, TYPICAL_RENDER_SECONDS, SceneSpec
from scenes.timing import TimingSource

from ..cache import entries
from ..cache.keys import picture_key
from ..contracts import BeatText, RenderJob, SceneResult, Status
from ..errors import UsageError, quoted
from ..narration.voices import Recordings
from .pool import play_for_beats

DAMAGED = "cache entry damaged"


@dataclass
class ScenePlan:
    """One scene of a build, filled in stage by stage: keys, picture, then the finished scene."""

    index: int
    spec: SceneSpec
    base: str
    cache_dir: Path
    texts: list[BeatText] | None = None
    picture: str | None = None
    picture_status: Status = Status.QUEUED
    picture_record: entries.Verdict | None = None
    note: str = ""
    """Why the scene was made again although it was cached (a damaged entry)."""
    took: float = 0.0
    result: SceneResult | None = None

    @property
    def picture_dir(self) -> Path:
        assert self.picture is not None
        return self.cache_dir / "pictures" / self.picture

    @property
    def done(self) -> SceneResult:
        assert self.result is not None
        return self.result

    def status_line(self) -> str:
        """What happened to the scene, for the progress display and the summary."""
        if self.result is not None and self.result.status is Status.CACHED:
            return "cached"
        if self.picture_status is Status.CACHED:
            return f"sound re-made ({self.note})" if self.note else "sound only (picture reused)"
        return f"re-rendered ({self.note})" if self.note else "rendered"


def select_scenes(names: Sequence[str] | None) -> list[SceneSpec]:
    """The scenes asked for, in lecture order (all when ``names`` is None)."""
    if names is None:
        return list(SCENES)
    known = {s.name for s in SCENES}
    if not names:
        raise UsageError(f"--scenes: no scene named; the scenes are {', '.join(known)}")
    unknown = [n for n in names if n not in known]
    if unknown:
        raise UsageError(f"--scenes {quoted(unknown[0])}: no such scene; the scenes are {', '.join(known)}")
    return [s for s in SCENES if s.name in names]


def ensure_texts(plans: list[ScenePlan], params: LectureParams) -> None:
    """Know every scene's beats: from the cache, else by playing the scene without video."""
    for p in plans:
        if p.texts is None:
            job = RenderJob(p.spec.name, params.to_mapping(), str(p.cache_dir), p.base, script_only=True)
            p.texts = list(play_for_beats(job).beats)


def check_recordings(plans: list[ScenePlan], voice: Recordings) -> None:
    """Every beat has a recording, or the build stops before it renders, listing every missing one."""
    missing = [b.id for p in plans for b in p.texts or [] if voice.recording(b.id) is None]
    if missing:
        raise UsageError(
            f"--voice {voice.label}: {len(missing)} beats have no recording "
            f"(<beat id>.wav, .mp3, .flac or .m4a): {', '.join(missing)}"
        )


def plan_pictures(plans: list[ScenePlan], timing: TimingSource, force: bool) -> None:
    """Which pictures are in the cache and intact; a damaged one is rendered again.

    A picture's key needs each beat's minimum length (``timing``: its
    narration's, or its reading time), known once the scene's sentences are.
    """
    for p in plans:
        if p.texts is None or force:
            continue
        p.picture = picture_key(p.base, [timing.seconds(b.id, b.text) for b in p.texts])
        verdict = entries.check(p.picture_dir)
        if verdict.valid:
            p.picture_status = Status.CACHED
            p.picture_record = verdict
            entries.mark_used(p.picture_dir)
        elif verdict.state is entries.State.DAMAGED:
            p.note = DAMAGED


def longest_first(todo: list[ScenePlan], seconds: dict[str, float], quality: str) -> list[ScenePlan]:
    """The scenes to render, longest first: by this machine's last times, else by typical ones."""
    measured = [seconds.get(f"{quality}:{p.spec.name}") for p in todo]
    if all(m is not None for m in measured):
        return [p for _, p in sorted(zip(measured, todo, strict=True), key=lambda mp: -mp[0])]  # type: ignore[operator]
    return sorted(todo, key=lambda p: -TYPICAL_RENDER_SECONDS.get(p.spec.name, 0.0))
