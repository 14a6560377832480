"""Tools for people who write rules, above matching and scoring: ``lexicon check`` (check.py, which
tries every rule's examples with the matcher) and ``lexicon extract`` (sources → document → extract →
coverage → draft: a draft lexicon from regulation documents)."""
