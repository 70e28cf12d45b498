"""From cached clips to the course site: the joined lecture, captions, chapters, page and manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mathcore import LectureParams

from . import store
from .captions import Cue, to_srt, to_vtt
from .errors import about
from .media import run_ffmpeg
from .output import Staging
from .plan import ScenePlan, digest
from .site import ClipPage, embed_html, index_html
from .soundtrack import AAC_BITRATE, SAMPLE_RATE, join_tracks

TRACK = "track.flac"


def _quote(path: Path) -> str:
    """A path for ffmpeg's concat list (single quotes, a quote inside escaped)."""
    return "'" + str(path).replace("'", "'\\''") + "'"


def join_lecture(plans: list[ScenePlan], cache_dir: Path, narrated: bool) -> tuple[Path, store.Verdict]:
    """The whole lecture, a cache entry keyed by the clips it holds (an unchanged lecture is not joined again).

    The clips' pictures are joined without re-encoding; the narration is joined
    as PCM and encoded once, so sound and picture stay in sync to the end.
    """
    entry = cache_dir / "lectures" / digest({"clips": [p.clip for p in plans], "narrated": narrated})
    verdict = store.check(entry)
    if not verdict.valid:
        with about(cache_dir), store.work_folder(cache_dir, "lecture-") as work:
            listing = work / "clips.txt"
            listing.write_text("".join(f"file {_quote(p.clip_dir / 'clip.mp4')}\n" for p in plans), encoding="utf-8")
            args = ["-f", "concat", "-safe", "0", "-i", str(listing)]
            maps = ["-map", "0:v", "-c:v", "copy"]
            if narrated:
                track = work / "lecture.wav"
                join_tracks([p.clip_dir / TRACK for p in plans], track)
                args += ["-i", str(track)]
                maps += ["-map", "1:a", "-c:a", "aac", "-b:a", AAC_BITRATE, "-ar", str(SAMPLE_RATE)]
            made = work / "entry"
            made.mkdir()
            run_ffmpeg([*args, *maps, "-movflags", "+faststart", "-f", "mp4", str(made / "lecture.mp4")])
            store.seal(made, {"kind": "lecture"})
            store.commit(made, entry, replace=True)
        verdict = store.check(entry)
    store.mark_used(entry)
    return entry, verdict


def stage(site: Staging, params: LectureParams, quality: str, voice: str, plans: list[ScenePlan]) -> dict[str, Any]:
    """Put every output file into the staged site; return the manifest."""
    clips: list[ClipPage] = []
    lecture_cues: list[Cue] = []
    start = 0.0
    for p in plans:
        assert p.clip_record is not None and p.picture_record is not None
        scene_cues = [Cue(a, b, text) for a, b, text in p.cues]
        lecture_cues += [Cue(c.start + start, c.end + start, c.text) for c in scene_cues]
        site.copy(f"scenes/{p.stem}.mp4", p.clip_dir / "clip.mp4", p.clip_record.sha256("clip.mp4"))
        site.copy(f"scenes/{p.stem}.png", p.picture_dir / "poster.png", p.picture_record.sha256("poster.png"))
        site.write(f"scenes/{p.stem}.vtt", to_vtt(scene_cues))
        clips.append(
            ClipPage(p.spec.name, p.spec.title, f"scenes/{p.stem}.mp4", f"scenes/{p.stem}.vtt",
                     f"scenes/{p.stem}.png", start, p.duration, tuple(scene_cues))
        )  # fmt: skip
        start += p.duration
    entry, record = join_lecture(plans, plans[0].cache_dir, narrated=voice != "none")
    site.copy("lecture.mp4", entry / "lecture.mp4", record.sha256("lecture.mp4"))
    first = plans[0]
    assert first.picture_record is not None
    site.copy("lecture.png", first.picture_dir / "poster.png", first.picture_record.sha256("poster.png"))
    site.write("lecture.vtt", to_vtt(lecture_cues))
    site.write("lecture.srt", to_srt(lecture_cues))
    chapters = [Cue(c.start, c.start + c.duration, c.title) for c in clips]
    site.write("chapters.vtt", to_vtt(chapters))
    title = params.title
    site.write(
        "index.html",
        index_html(title, "lecture.mp4", "lecture.png", "lecture.vtt", "chapters.vtt", lecture_cues, clips),
    )
    site.write("embed.html", embed_html(title, "lecture.mp4", "lecture.png", "lecture.vtt", "chapters.vtt"))
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
