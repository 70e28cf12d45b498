"""A scene's clip: its picture with the narration mixed, normalised and muxed (or silent), and its cues.

A clip is a cache entry ``clips/<clip>/`` (``clip.mp4``, ``track.flac`` when
narrated, ``cues.json``); its key is the picture's and the beats' audio.
"""

from __future__ import annotations

import json

from ..cache import entries, scratch
from ..cache.keys import clip_key
from ..contracts import Cue, Picture, SceneResult, Status, StoredFile
from ..cues import cues, snap
from ..narration.audio import write_wav
from ..narration.narrator import BeatAudio, Narrator
from ..narration.soundtrack import mix, mux, normalise
from .plan import DAMAGED, ScenePlan

TRACK = "track.flac"


def _narrated_cues(picture: Picture, audio: list[BeatAudio]) -> list[Cue]:
    """Each spoken piece's exact time, snapped to the picture's frames."""
    return [
        Cue(snap(b.start + piece.start, picture.fps), snap(b.start + piece.end, picture.fps), piece.text)
        for b, a in zip(picture.beats, audio, strict=True)
        for piece in a.pieces
    ]


def _silent_cues(picture: Picture) -> list[Cue]:
    """Each beat's caption split into cues sharing the beat's time."""
    return cues([Cue(b.start, b.end, b.text) for b in picture.beats], picture.fps)


def make_clip(p: ScenePlan, narrator: Narrator | None, force: bool) -> SceneResult:
    """The scene's clip, from the cache when intact (and not ``force``), else made now."""
    picture = Picture.read(p.picture_dir / "beats.json")
    audio = [narrator.beat(b.id, b.text) for b in picture.beats] if narrator is not None else []
    identity = narrator.identity() if narrator is not None else {"kind": "none"}
    key = clip_key(p.picture or "", identity, [a.digest for a in audio])
    folder = p.cache_dir / "clips" / key
    verdict = entries.check(folder)
    fresh = not verdict.valid or force
    if fresh:
        if verdict.state is entries.State.DAMAGED:
            p.note = DAMAGED
        with scratch.work_folder(p.cache_dir, f"clip-{p.spec.name}-") as work:
            made = work / "entry"
            made.mkdir()
            video = p.picture_dir / "video.mp4"
            if narrator is not None:
                write_wav(work / "raw.wav", mix([(b.start, a) for b, a in zip(picture.beats, audio, strict=True)],
                                                picture.duration))  # fmt: skip
                normalise(work / "raw.wav", made / TRACK)
                mux(video, made / TRACK, made / "clip.mp4")
                made_cues = _narrated_cues(picture, audio)
            else:
                mux(video, None, made / "clip.mp4")
                made_cues = _silent_cues(picture)
            (made / "cues.json").write_text(json.dumps([c.to_json() for c in made_cues], ensure_ascii=False))
            entries.seal(made, {"kind": "clip", "scene": p.spec.name, "picture": p.picture})
            entries.commit(made, folder, replace=True)
        verdict = entries.check(folder)
    entries.mark_used(folder)
    assert p.picture_record is not None
    return SceneResult(
        index=p.index,
        name=p.spec.name,
        title=p.spec.title,
        clip=key,
        video=StoredFile(folder / "clip.mp4", verdict.sha256("clip.mp4")),
        track=folder / TRACK if narrator is not None else None,
        poster=StoredFile(p.picture_dir / "poster.png", p.picture_record.sha256("poster.png")),
        cues=tuple(Cue.from_json(c) for c in json.loads((folder / "cues.json").read_text(encoding="utf-8"))),
        picture=picture,
        status=Status.RENDERED if fresh or p.picture_status is not Status.CACHED else Status.CACHED,
        picture_status=p.picture_status,
    )
