"""The course site from what a build made: clips, posters, captions, chapters, page and manifest."""

from __future__ import annotations

from pathlib import Path

from ..contracts import LECTURE_FILES, Cue, SceneEntry, SceneResult
from .captions import Chapter, chapter, description_cues, to_srt, to_vtt, transcript_text
from .lecture import join_lecture
from .output import Staging
from .site import ClipPage, LecturePage, embed_html, index_html

FILES = LECTURE_FILES


def _clip_page(scene: SceneResult, start: float) -> ClipPage:
    return ClipPage(scene.name, scene.title, f"scenes/{scene.stem}.mp4", f"scenes/{scene.stem}.vtt",
                    f"scenes/{scene.stem}.png", start, scene.duration, scene.cues)  # fmt: skip


def assemble(site: Staging, title: str, scenes: list[SceneResult], cache_dir: Path) -> tuple[SceneEntry, ...]:
    """Put every file of the site into ``site``; return the scenes' entries of the manifest."""
    pages: list[ClipPage] = []
    lecture_cues: list[Cue] = []
    transcript: list[Chapter] = []
    start = 0.0
    for scene in scenes:
        lecture_cues += [c.shifted(start) for c in scene.cues]
        transcript.append(chapter(scene.title, start, scene.picture.beats, scene.cues))
        site.copy(f"scenes/{scene.stem}.mp4", scene.video.path, scene.video.sha256)
        site.copy(f"scenes/{scene.stem}.png", scene.poster.path, scene.poster.sha256)
        site.write(f"scenes/{scene.stem}.vtt", to_vtt(list(scene.cues)))
        pages.append(_clip_page(scene, start))
        start += scene.duration
    lecture = join_lecture(scenes, cache_dir)
    site.copy(FILES["video"], lecture.path, lecture.sha256)
    site.copy(FILES["poster"], scenes[0].poster.path, scenes[0].poster.sha256)
    site.write(FILES["captions"], to_vtt(lecture_cues))
    site.write(FILES["captions_srt"], to_srt(lecture_cues))
    site.write(FILES["chapters"], to_vtt([Cue(c.start, c.start + c.duration, c.title) for c in pages]))
    site.write(FILES["descriptions"], to_vtt(description_cues(transcript)))
    site.write(FILES["transcript"], transcript_text(title, transcript))
    page = LecturePage(title, FILES["video"], FILES["poster"], FILES["captions"], FILES["chapters"],
                       FILES["descriptions"], FILES["transcript"])  # fmt: skip
    site.write(FILES["page"], index_html(page, lecture_cues, pages, transcript))
    site.write(FILES["embed"], embed_html(page))
    return tuple(
        SceneEntry(s.name, s.title, p.video, p.captions, p.poster, p.start, p.duration, s.clip, s.status,
                   s.picture_status, s.picture.beats)
        for s, p in zip(scenes, pages, strict=True)
    )  # fmt: skip
