"""What ``render.py`` drives: configuration loading, the lecture's numbers, rendering."""
