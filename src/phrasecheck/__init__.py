"""phrasecheck: check Chinese service language against courtesy rules and standard scripts."""

__version__ = "0.1.0"
