"""The narration: voices (one engine class each), cached speech, beat timing from speech, the track.

Nothing is imported here: a render process imports only what beat timing needs.
"""
