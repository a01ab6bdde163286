"""Version numbers of the package and of its record schema."""

__version__ = "0.1.0"
