"""The qualities a lecture renders at: manim's quality preset and the frame rate."""

from __future__ import annotations

QUALITY_SETTINGS = {
    "preview": ("low_quality", 15),
    "720p": ("medium_quality", 30),
    "1080p": ("high_quality", 60),
    "4k": ("fourk_quality", 60),
}
"""``--quality``: 480p15, 720p30, 1080p60, 2160p60."""
