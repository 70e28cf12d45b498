"""The command line: one small module per command of ``render.py``; shared options and the one-line
failure handling in :mod:`.options`.
"""
