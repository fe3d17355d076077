"""Frames to pictures and formulas to MathML. Imports app.core only."""
