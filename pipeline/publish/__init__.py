"""From cached clips to the course site: captions, the page, the joined lecture, the manifest, and
the output folder (which folders a build may write, and the atomic swap).
"""
