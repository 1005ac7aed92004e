"""tqa: a translation-quality linter for English text machine-translated from Russian."""

__version__ = "0.1.0"
