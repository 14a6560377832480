"""Transcripts in: call logs, ASR exports, subtitles and role-play texts as conversations with roles.

>>> from phrasecheck.transcripts import ReadOptions, iter_exchanges
>>> for item in iter_exchanges("calls.csv", ReadOptions(staff_channel="0")):
...     ...  # an Exchange per call, or a Diagnostic per problem
"""

from .options import COLUMN_ROLES, FORMATS, ReadOptions, parse_columns
from .read import iter_exchanges, iter_text_exchanges, iter_workbook_exchanges, read_exchanges, read_text_exchange

__all__ = [
    "COLUMN_ROLES",
    "FORMATS",
    "ReadOptions",
    "iter_exchanges",
    "iter_text_exchanges",
    "iter_workbook_exchanges",
    "parse_columns",
    "read_exchanges",
    "read_text_exchange",
]
