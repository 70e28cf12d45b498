"""What ``render.py`` drives, grouped by stage and process boundary.

- :mod:`pipeline.contracts`: the typed objects that cross between stages (with their JSON form);
- :mod:`pipeline.cache`: keys, verified entries, scratch, the cap;
- :mod:`pipeline.render`: what runs inside a render process (its code is what a clip's key hashes);
- :mod:`pipeline.narration`: voices, speech, beat timing, the sound track;
- :mod:`pipeline.publish`: captions, page, joined lecture, manifest, the output folder;
- :mod:`pipeline.build`: plan, worker pool, clips, progress, the build itself;
- :mod:`pipeline.commands`: the click commands ``render.py`` assembles;
- :mod:`pipeline.tools`: the one place that runs ffmpeg, ffprobe, flite, espeak-ng, latex;
- :mod:`pipeline.errors`: what can stop a command, as one line and an exit status.
"""
