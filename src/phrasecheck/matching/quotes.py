"""Quotation marks, one table for every guard that tells quoted words from the speaker's own."""

from __future__ import annotations

import re

#: Each opening quotation mark and its closing one (an ASCII ' is an apostrophe as often as a quote: not one).
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"', "＂": "＂"}
#: Any quotation mark, opening or closing.
QUOTE_MARK = re.compile("[" + re.escape("".join(sorted(set(QUOTE_PAIRS) | set(QUOTE_PAIRS.values())))) + "]")
#: An opening mark.
OPENING_MARK = re.compile("[" + re.escape("".join(sorted(QUOTE_PAIRS))) + "]")
#: A quotation on one line: an opening mark, what it quotes, and the closing mark.
QUOTATION = re.compile("|".join(f"{re.escape(opening)}[^{re.escape(opening + closing)}\\n]*{re.escape(closing)}"
                                for opening, closing in QUOTE_PAIRS.items()))
