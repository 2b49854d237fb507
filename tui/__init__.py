"""footpain: a terminal companion for runners whose feet hurt after running."""

__version__ = "0.1.0"
