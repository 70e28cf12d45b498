"""How manim's frames become H.264: BT.709 colours, tagged, with pinned encoder settings.

Manim converts each RGBA frame to yuv420p with swscale's default matrix
(BT.601) and leaves the colour tags unset, so browsers guess. We convert with
the BT.709 matrix in limited range and tag primaries, transfer and matrix as
BT.709 (in the H.264 stream and the container). A run of identical frames
(a ``wait``) is converted once.
"""

from __future__ import annotations

from fractions import Fraction

ENCODER_OPTIONS: dict[str, str] = {
    "crf": "23",
    "preset": "veryfast",
    "threads": "2",
    "x264-params": "colorprim=bt709:transfer=bt709:colormatrix=bt709:range=tv",
}
"""libx264 options: manim's default quality (crf 23) at preset veryfast (SSIM 0.9965 against
manim's preset medium, see bench/RESULTS.md), threads pinned (the same inputs give the same
bytes) and BT.709 tags in the stream."""


def install_bt709_frames() -> None:
    """Make manim's segment encoder convert frames with BT.709 and tag them (idempotent)."""
    import av
    from manim.scene import video_segment_encoder as vse

    encoder_class = vse.VideoSegmentEncoder
    if getattr(encoder_class, "_bt709", False):
        return

    def write_frame(self, pixels, *, repeat: int = 1) -> None:  # type: ignore[no-untyped-def]
        self._validate_frame(pixels, repeat)
        time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
        try:
            rgba = av.VideoFrame.from_ndarray(pixels, format="rgba")
            yuv = rgba.reformat(
                format=self.spec.pixel_format,
                src_colorspace="ITU709",
                dst_colorspace="ITU709",
                dst_color_range="MPEG",
            )
            yuv.colorspace = 1  # AVCOL_SPC_BT709
            yuv.color_primaries = 1
            yuv.color_trc = 1
            yuv.time_base = time_base
            for _ in range(repeat):
                # The encoder takes its own reference to the frame's data and properties,
                # so one converted frame is sent again with the next timestamp.
                yuv.pts = self._next_pts
                self._next_pts += 1
                for packet in self._stream.encode(yuv):
                    self._container.mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error

    encoder_class.write_frame = write_frame
    encoder_class._bt709 = True
