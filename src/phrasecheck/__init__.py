"""phrasecheck: check Chinese service language against courtesy rules and standard scripts.

The public API (:mod:`phrasecheck.api`): ``Engine``, ``check``, ``fix``, ``read``, ``score``.
"""

__version__ = "0.1.0"

__all__ = ["Engine", "check", "fix", "read", "score", "__version__"]


def __getattr__(name: str):
    """The API, imported on first use (so that ``phrasecheck --help`` starts fast)."""
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'phrasecheck' has no attribute {name!r}")
