"""Stand-ins for the parts of server libraries that have no browser build here.

pyclipper and shapely are C/C++ extensions whose Pyodide builds cannot be
fetched from this site. Server code that uses a small part of them (rapidocr's
text detector grows each box with ``pyclipper.PyclipperOffset`` after
measuring it with ``shapely.geometry.Polygon``) changes one import line to
use these modules instead; they compute what the originals compute for the
inputs they accept and refuse every other input with ``NotImplementedError``.
They are not installed under the originals' names: code that needs more of
those libraries fails at its import, not later with a wrong answer.
"""
