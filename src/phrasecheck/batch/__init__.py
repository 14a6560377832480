"""Batch scoring: many call logs on all cores, results in a resumable SQLite store, summaries and reports.

``phrasecheck batch`` discovers the inputs (:mod:`.discover`), scores them in parallel
(:mod:`.runner`) into the results store (:mod:`.store`), and writes tables (:mod:`.writers`)
and an HTML report (:mod:`.html_report`) with per-staff summaries (:mod:`.summary`).
"""
