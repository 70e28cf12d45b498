"""The building blocks the scenes share; a scene imports these and never another scene.

- :mod:`~scenes.parts.style`: colours, fonts, text sizes and the formula sizes (:data:`~scenes.parts.style.FORMULA`)
- :mod:`~scenes.parts.formatting`: the lecture's values written for the screen and for captions (never computed)
- :mod:`~scenes.parts.layout`: the frame's safe area, :func:`~scenes.parts.layout.fit` (scale down into a box),
  :func:`~scenes.parts.layout.flow` (mobjects in centred rows)
- :mod:`~scenes.parts.mobjects`: a candy, the bag, probability bars, coloured formulas, labels, headings
- :mod:`~scenes.parts.formulas`: formulas that wrap between their terms
- :mod:`~scenes.parts.table`: the one table (cells in aligned columns and evenly spaced rows)
- :mod:`~scenes.parts.plot`: a screen box and the plot that maps values into it
- :mod:`~scenes.parts.labels`: placing name tags on a plot, clear of each other and of the curve
- :mod:`~scenes.parts.transforms`: a formula turning into another part by part; tidying up afterwards

Submodules are imported one by one (this file imports none of them), so the render cache of a
scene depends only on the parts it uses.
"""
