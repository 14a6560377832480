"""Reporters: turn results into text, JSON, tables and pages. They never re-match."""
