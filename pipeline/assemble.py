"""From cached clips to the course-site folder: stage every file, then publish atomically."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from mathcore import LectureParams

from .captions import Cue, to_srt, to_vtt
from .media import atomic_path, run_ffmpeg, write_text_atomic
from .plan import ScenePlan, digest
from .site import ClipPage, embed_html, index_html
from .soundtrack import AAC_BITRATE, SAMPLE_RATE, join_tracks


def _place(source: Path, target: Path) -> None:
    """Put ``source``'s content at ``target``: a hard link where possible, else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        import shutil

        shutil.copyfile(source, target)


def join_lecture(plans: list[ScenePlan], target: Path, narrated: bool) -> None:
    """The whole lecture: the clips' pictures joined without re-encoding; the narration joined
    as PCM and encoded once, so sound and picture stay in sync to the end."""
    with tempfile.TemporaryDirectory() as tmpdir:
        listing = Path(tmpdir) / "clips.txt"
        listing.write_text("".join(f"file '{p.clip_dir / 'clip.mp4'}'\n" for p in plans), encoding="utf-8")
        args = ["-f", "concat", "-safe", "0", "-i", str(listing)]
        maps = ["-map", "0:v", "-c:v", "copy"]
        if narrated:
            track = Path(tmpdir) / "lecture.wav"
            join_tracks([p.clip_dir / "track.wav" for p in plans], track)
            args += ["-i", str(track)]
            maps += ["-map", "1:a", "-c:a", "aac", "-b:a", AAC_BITRATE, "-ar", str(SAMPLE_RATE)]
        with atomic_path(target) as tmp:
            run_ffmpeg([*args, *maps, "-movflags", "+faststart", "-f", "mp4", str(tmp)])


def stage(folder: Path, params: LectureParams, quality: str, voice: str, plans: list[ScenePlan]) -> dict[str, Any]:
    """Write every output file into ``folder``; return the manifest."""
    clips: list[ClipPage] = []
    lecture_cues: list[Cue] = []
    start = 0.0
    for p in plans:
        scene_cues = [Cue(a, b, text) for a, b, text in p.cues]
        lecture_cues += [Cue(c.start + start, c.end + start, c.text) for c in scene_cues]
        _place(p.clip_dir / "clip.mp4", folder / "scenes" / f"{p.stem}.mp4")
        _place(p.picture_dir / "poster.png", folder / "scenes" / f"{p.stem}.png")
        (folder / "scenes" / f"{p.stem}.vtt").write_text(to_vtt(scene_cues), encoding="utf-8")
        clips.append(
            ClipPage(p.spec.name, p.spec.title, f"scenes/{p.stem}.mp4", f"scenes/{p.stem}.vtt",
                     f"scenes/{p.stem}.png", start, p.duration, tuple(scene_cues))
        )  # fmt: skip
        start += p.duration
    # The joined lecture is cached by the clips it holds: an unchanged lecture is not joined again.
    narrated = voice != "none"
    key = digest({"clips": [p.clip for p in plans], "narrated": narrated})
    lecture = plans[0].cache_dir / "lectures" / f"{key}.mp4"
    if not lecture.exists():
        join_lecture(plans, lecture, narrated=narrated)
    _place(lecture, folder / "lecture.mp4")
    _place(plans[0].picture_dir / "poster.png", folder / "lecture.png")
    (folder / "lecture.vtt").write_text(to_vtt(lecture_cues), encoding="utf-8")
    (folder / "lecture.srt").write_text(to_srt(lecture_cues), encoding="utf-8")
    chapters = [Cue(c.start, c.start + c.duration, c.title) for c in clips]
    (folder / "chapters.vtt").write_text(to_vtt(chapters), encoding="utf-8")
    title = params.title
    page = index_html(title, "lecture.mp4", "lecture.png", "lecture.vtt", "chapters.vtt", lecture_cues, clips)
    (folder / "index.html").write_text(page, encoding="utf-8")
    fragment = embed_html(title, "lecture.mp4", "lecture.png", "lecture.vtt", "chapters.vtt")
    (folder / "embed.html").write_text(fragment, encoding="utf-8")
    return {
        "title": title,
        "quality": quality,
        "voice": voice,
        "params": params.to_mapping(),
        "lecture": {
            "video": "lecture.mp4",
            "captions": "lecture.vtt",
            "captions_srt": "lecture.srt",
            "chapters": "chapters.vtt",
            "poster": "lecture.png",
            "page": "index.html",
            "embed": "embed.html",
            "duration_s": round(start, 6),
        },
        "scenes": [
            {
                "name": c.name,
                "title": c.title,
                "video": c.video,
                "captions": c.captions,
                "poster": c.poster,
                "start_s": round(c.start, 6),
                "duration_s": round(c.duration, 6),
                "hash": p.clip,
                "status": p.status,
                "picture": p.picture_status,
                "beats": [
                    {"id": b["id"], "start_s": round(b["start"], 6), "end_s": round(b["end"], 6)}
                    for b in (p.beats or {}).get("beats", [])
                ],
            }
            for c, p in zip(clips, plans, strict=True)
        ],
    }


def publish(folder: Path, out_dir: Path, manifest: dict[str, Any]) -> None:
    """Move staged files into place (one atomic rename each), the manifest last; drop stale clips."""
    staged = sorted(p for p in folder.rglob("*") if p.is_file())
    for path in staged:
        target = out_dir / path.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    write_text_atomic(out_dir / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    keep = {out_dir / p.relative_to(folder) for p in staged}
    scenes_dir = out_dir / "scenes"
    if scenes_dir.exists():
        for old in scenes_dir.iterdir():
            if old.is_file() and old not in keep:
                old.unlink()
