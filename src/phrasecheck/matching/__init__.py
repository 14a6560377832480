"""Phrase matching: candidates from an automaton, confirmed by jieba boundaries and guards."""

from .matcher import Matcher
from .settings import MatchSettings

__all__ = ["Matcher", "MatchSettings"]
