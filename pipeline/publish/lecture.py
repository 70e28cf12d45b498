"""The whole lecture: the clips joined into one video, a cache entry keyed by the clips it holds."""

from __future__ import annotations

from pathlib import Path

from .. import tools
from ..cache import entries, scratch
from ..cache.keys import lecture_key
from ..contracts import SceneResult, StoredFile
from ..errors import about
from ..narration.soundtrack import AAC, join_tracks


def _quote(path: Path) -> str:
    """A path for ffmpeg's concat list (single quotes, a quote inside escaped)."""
    return "'" + str(path).replace("'", "'\\''") + "'"


def join_lecture(scenes: list[SceneResult], cache_dir: Path) -> StoredFile:
    """The whole lecture (joined once; an unchanged lecture comes from the cache).

    The clips' pictures are joined without re-encoding; the narration is joined
    as PCM and encoded once, so sound and picture stay in sync to the end.
    """
    narrated = all(s.track is not None for s in scenes)
    entry = cache_dir / "lectures" / lecture_key([s.clip for s in scenes], narrated)
    verdict = entries.check(entry)
    if not verdict.valid:
        with about(cache_dir), scratch.work_folder(cache_dir, "lecture-") as work:
            listing = work / "clips.txt"
            listing.write_text("".join(f"file {_quote(s.video.path)}\n" for s in scenes), encoding="utf-8")
            args: list[str | Path] = ["-f", "concat", "-safe", "0", "-i", listing]
            maps: list[str | Path] = ["-map", "0:v", "-c:v", "copy"]
            if narrated:
                join_tracks([s.track for s in scenes if s.track is not None], work / "lecture.wav")
                args += ["-i", work / "lecture.wav"]
                maps += ["-map", "1:a", *AAC]
            made = work / "entry"
            made.mkdir()
            tools.ffmpeg(*args, *maps, "-movflags", "+faststart", "-f", "mp4", made / "lecture.mp4")
            entries.seal(made, {"kind": "lecture"})
            entries.commit(made, entry, replace=True)
        verdict = entries.check(entry)
    entries.mark_used(entry)
    return StoredFile(entry / "lecture.mp4", verdict.sha256("lecture.mp4"))
