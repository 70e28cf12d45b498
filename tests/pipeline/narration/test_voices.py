"""Voices: one class per engine, each telling what its audio depends on."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from pipeline.narration.voices import Espeak, Flite, Recordings, Silent, VoiceError, parse_voice


@pytest.mark.parametrize(("text", "kind"), [("slt", Flite), ("awb", Flite), ("espeak", Espeak), ("none", Silent)])
def test_voice_names(text: str, kind: type) -> None:
    voice = parse_voice(text)
    assert isinstance(voice, kind)
    assert voice.label == text


def test_recordings_find_a_beats_file_by_any_audio_suffix(tmp_path: Path) -> None:
    (tmp_path / "Title-1.flac").write_bytes(b"x")
    voice = parse_voice(f"recordings:{tmp_path}")
    assert isinstance(voice, Recordings) and voice.speaks
    assert voice.recording("Title-1") == tmp_path / "Title-1.flac"
    assert voice.recording("Title-2") is None


def test_unknown_voices_and_missing_folders_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(VoiceError, match="unknown voice; the voices are slt, awb, rms, kal16, espeak, none"):
        parse_voice("robot")
    with pytest.raises(VoiceError, match="is not a folder of recordings"):
        parse_voice(f"recordings:{tmp_path / 'nope'}")


def test_silence_speaks_not_and_its_identity_is_stable() -> None:
    assert not Silent.speaks and Silent().identity() == {"kind": "none"}


@pytest.mark.parametrize("voice", [Flite("slt"), Espeak()])
def test_a_synthesizer_speaks_into_a_wav_and_names_its_engine(voice: Flite | Espeak, tmp_path: Path) -> None:
    voice.synthesize("Five candies leave the bag.", tmp_path / "speech.wav")
    with wave.open(str(tmp_path / "speech.wav")) as handle:
        assert handle.getnframes() / handle.getframerate() > 0.8
    identity = voice.identity()
    assert identity["voice"] == voice.name and identity["engine"] not in ("", "none")
