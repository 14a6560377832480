"""Lexicon: the rule data (load, validate, inspect)."""
