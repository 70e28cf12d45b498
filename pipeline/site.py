"""The course-site files: ``index.html`` (a page that plays the lecture) and ``embed.html``.

Both use relative URLs and load nothing from the network. Every text that
comes from the configuration is escaped. ``index.html`` carries its captions
and chapters inline as well, because browsers refuse ``<track>`` files on
``file://`` pages; the page adds them with the TextTrack API, so it works
opened from disk and from any static server alike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import Any

from .captions import Cue


@dataclass(frozen=True)
class ClipPage:
    """What the page shows for one scene."""

    name: str
    title: str
    video: str
    captions: str
    poster: str
    start: float
    duration: float
    cues: tuple[Cue, ...]


def _json_for_script(value: Any) -> str:
    """JSON that is safe inside ``<script>`` (no ``</script>``, no HTML comment openers)."""
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _cue_list(cues: tuple[Cue, ...] | list[Cue]) -> list[list[Any]]:
    return [[round(c.start, 3), round(c.end, 3), c.text] for c in cues]


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes}:{secs:02d}"


STYLE = """
:root { color-scheme: dark; --bg: #16181d; --fg: #eceff4; --muted: #9aa3b2; --accent: #f5c542; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
       font: 16px/1.5 "DejaVu Sans", system-ui, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 16px; }
h2 { font-size: 1.15rem; margin: 32px 0 8px; }
video { width: 100%; height: auto; background: #000; border-radius: 6px; display: block; }
.chapters { list-style: none; padding: 0; margin: 12px 0 0; display: grid;
            grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 6px; }
.chapters button { width: 100%; text-align: left; padding: 8px 10px; border-radius: 6px; cursor: pointer;
                   background: #232731; color: var(--fg); border: 1px solid #323845; font: inherit; }
.chapters button:hover, .chapters button:focus { border-color: var(--accent); }
.chapters .time { color: var(--muted); margin-right: 8px; font-variant-numeric: tabular-nums; }
.clips { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 16px; }
.clips figure { margin: 0; }
.clips figcaption { color: var(--muted); margin-top: 4px; }
"""

SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById('lecture-data').textContent);
  function addTrack(video, kind, cues, showing) {
    var track = video.addTextTrack(kind, kind === 'chapters' ? 'Chapters' : 'English', 'en');
    cues.forEach(function (c) { track.addCue(new VTTCue(c[0], c[1], c[2])); });
    track.mode = showing ? 'showing' : 'hidden';
    return track;
  }
  function useInline(video, captions, chapters) {
    // Tracks from files fail on file:// pages; the inline cues work everywhere.
    for (var i = 0; i < video.textTracks.length; i++) { video.textTracks[i].mode = 'disabled'; }
    var els = video.querySelectorAll('track');
    for (var j = 0; j < els.length; j++) { els[j].remove(); }
    addTrack(video, 'captions', captions, true);
    if (chapters) { addTrack(video, 'chapters', chapters, false); }
  }
  var lecture = document.getElementById('lecture');
  useInline(lecture, data.captions, data.chapters);
  data.clips.forEach(function (clip, i) {
    var v = document.getElementById('clip-' + i);
    if (v) { useInline(v, clip.captions, null); }
  });
  var buttons = document.querySelectorAll('.chapters button');
  for (var k = 0; k < buttons.length; k++) {
    buttons[k].addEventListener('click', function (event) {
      lecture.currentTime = parseFloat(event.currentTarget.getAttribute('data-start'));
      lecture.play().catch(function () {});
    });
  }
})();
"""


def index_html(
    title: str,
    lecture_video: str,
    lecture_poster: str,
    lecture_captions: str,
    chapters_file: str,
    lecture_cues: list[Cue],
    clips: list[ClipPage],
) -> str:
    """The page that plays the lecture, with chapters and every scene's clip."""
    chapters = [[round(c.start, 3), round(c.start + c.duration, 3), c.title] for c in clips]
    payload = {
        "captions": _cue_list(lecture_cues),
        "chapters": chapters,
        "clips": [{"name": c.name, "captions": _cue_list(c.cues)} for c in clips],
    }
    chapter_items = "\n".join(
        f'      <li><button type="button" data-start="{c.start:.3f}">'
        f'<span class="time">{_clock(c.start)}</span>{escape(c.title)}</button></li>'
        for c in clips
    )
    clip_items = "\n".join(
        f'      <figure>\n        <video id="clip-{i}" controls preload="none" poster="{escape(c.poster)}"'
        f' src="{escape(c.video)}">\n'
        f'          <track kind="captions" src="{escape(c.captions)}" srclang="en" label="English" default>\n'
        f"        </video>\n        <figcaption>{i + 1}. {escape(c.title)} ({_clock(c.duration)})</figcaption>\n"
        f"      </figure>"
        for i, c in enumerate(clips)
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(title)}</title>
  <style>{STYLE}</style>
</head>
<body>
  <main>
    <h1>{escape(title)}</h1>
    <video id="lecture" controls preload="metadata" poster="{escape(lecture_poster)}" src="{escape(lecture_video)}">
      <track kind="captions" src="{escape(lecture_captions)}" srclang="en" label="English" default>
      <track kind="chapters" src="{escape(chapters_file)}" srclang="en" label="Chapters">
    </video>
    <h2>Chapters</h2>
    <ol class="chapters">
{chapter_items}
    </ol>
    <h2>Scenes</h2>
    <div class="clips">
{clip_items}
    </div>
  </main>
  <script id="lecture-data" type="application/json">{_json_for_script(payload)}</script>
  <script>{SCRIPT}</script>
</body>
</html>
"""


def embed_html(title: str, lecture_video: str, lecture_poster: str, lecture_captions: str, chapters_file: str) -> str:
    """A fragment to paste into a course page: the lecture video with its tracks (relative URLs)."""
    return f"""<figure class="lecture-video" style="margin:0;max-width:960px">
  <video controls preload="metadata" playsinline style="width:100%;height:auto"
         poster="{escape(lecture_poster)}" src="{escape(lecture_video)}" title="{escape(title)}">
    <track kind="captions" src="{escape(lecture_captions)}" srclang="en" label="English" default>
    <track kind="chapters" src="{escape(chapters_file)}" srclang="en" label="Chapters">
  </video>
  <figcaption>{escape(title)}</figcaption>
</figure>
"""
