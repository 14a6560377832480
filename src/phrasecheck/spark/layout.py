"""Where a Spark table keeps each part of a call, and the one shape the executors score (:mod:`.rows`).

Two layouts are read:

* **one row per utterance** (a call log, as in CSV): a call id column, a text column, and any of
  speaker, role, start, end, staff id, date, (audio) channel, and ``turn``, the utterance's place in
  its call. Rows are grouped by call id and put in ``turn`` order, else in the order they were read;
* **one row per call**: a call id, an array of utterance structs (``turns``) with text and any of
  speaker, role, start, end, channel, and any of staff id, date and channel (phone or reception)
  beside it — the documented JSON dialogue shape.

Columns and struct fields are found by the names the CSV reader knows (内容, 说话人, call_id …),
``turns``/``turn`` by their own, or named with ``--column ROLE=NAME``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, NumericType, StructType

from ..transcripts.tabular import column_role, header_key

#: Names of the Spark-only roles (folded like CSV headers), and the call id of the JSON dialogue shape.
_EXTRA = {
    "turn": ("turn", "turn_index", "turn_id", "seq", "sequence", "sentence_id", "utterance_id", "序号", "轮次", "句序号"),
    "turns": ("turns", "messages", "utterances", "sentences", "对话", "发言", "对话内容列表"),
    "call_id": ("id",),
}
_EXTRA_KEYS = {header_key(alias): role for role, aliases in _EXTRA.items() for alias in aliases}
#: The roles of an utterance (a row, or a field of a call's turns struct).
TURN_ROLES = ("speaker", "role", "text", "start", "end", "channel")


class LayoutError(ValueError):
    """The table has no call id, no text or no utterances where the layout needs them."""


@dataclass(frozen=True)
class Layout:
    """The columns of each role, and for one row per call the fields of its turns struct; ``numeric``
    names the time roles held as numbers (milliseconds), not as text."""

    columns: dict[str, str]
    fields: dict[str, str]
    numeric: frozenset[str]

    @property
    def per_turn(self) -> bool:
        return "turns" not in self.columns

    @property
    def names(self) -> dict[str, str]:
        """The column or turn field of every role."""
        return {**self.columns, **self.fields}


def find_layout(schema: StructType, overrides: Mapping[str, str], source: str) -> Layout:
    """The layout of a table with ``schema``; LayoutError naming ``source`` and its columns when unusable."""
    columns = _roles(schema, overrides, source)
    if "call_id" not in columns:
        raise _error(source, schema, "没有通话 ID 列（call_id、通话ID 等，或用 --column call_id=列名） / no call id column")
    if "turns" not in columns:
        if "text" not in columns:
            raise _error(source, schema, "没有文本列（内容、text 等，或用 --column text=列名） / no text column")
        return Layout(columns, {}, _numeric(schema, columns))
    kind = schema[columns["turns"]].dataType
    if not isinstance(kind, ArrayType) or not isinstance(kind.elementType, StructType):
        raise _error(source, schema, f"列 {columns['turns']} 不是发言结构的数组 / column {columns['turns']} is not an array of structs")
    turn_overrides = {role: name for role, name in overrides.items() if role in TURN_ROLES}
    fields = {role: name for role, name in _roles(kind.elementType, turn_overrides, source).items() if role in TURN_ROLES}
    if "text" not in fields:
        raise _error(source, kind.elementType, f"{columns['turns']} 的发言没有文本字段 / the utterances in {columns['turns']} have no text field")
    call_level = {role: name for role, name in columns.items() if role not in TURN_ROLES or role == "channel"}
    return Layout(call_level, fields, _numeric(kind.elementType, fields))


def calls_frame(frame: DataFrame, layout: Layout) -> DataFrame:
    """One row per call in the executors' shape: ordinal, call_id, staff_id, date, channel, turns."""
    if layout.per_turn:
        return _grouped(frame, layout)
    columns = layout.columns
    turns = F.transform(F.col(_quoted(columns["turns"])), lambda turn: _turn(layout, lambda role: turn[layout.fields[role]]
                                                                                 if role in layout.fields else None))
    return frame.select(F.monotonically_increasing_id().alias("ordinal"), _text(columns, "call_id"),
                        _text(columns, "staff_id"), _text(columns, "date"), _text(columns, "channel"), turns.alias("turns"))


def _grouped(frame: DataFrame, layout: Layout) -> DataFrame:
    """Rows of a call gathered into its turns, in ``turn`` order, else in reading order (numbered before any shuffle)."""
    columns = layout.columns
    read = frame.withColumn("__read", F.monotonically_increasing_id())
    order = F.col(_quoted(columns["turn"])).cast("double") if "turn" in columns else F.lit(None).cast("double")
    turn = _turn(layout, lambda role: F.col(_quoted(columns[role])) if role in columns else None,
                 order.alias("order"), F.col("__read").alias("read"), _text(columns, "staff_id"), _text(columns, "date"))
    grouped = read.groupBy(_text(columns, "call_id")).agg(F.sort_array(F.collect_list(turn)).alias("turns"))
    nothing = F.lit(None).cast("string")
    return grouped.select(F.monotonically_increasing_id().alias("ordinal"), "call_id", nothing.alias("staff_id"),
                          nothing.alias("date"), nothing.alias("channel"), "turns")


def _turn(layout: Layout, value, *first: Column) -> Column:
    """An utterance struct: ``first`` (the sort keys), each role as text, times also as numbers."""
    parts = list(first)
    for role in TURN_ROLES:
        found = value(role)
        numeric = role in layout.numeric
        parts.append((found.cast("string") if found is not None and not numeric else F.lit(None).cast("string")).alias(role))
        if role in ("start", "end"):
            parts.append((found.cast("double") if numeric else F.lit(None).cast("double")).alias(f"{role}_ms"))
    if not first:
        nothing = F.lit(None).cast("string")
        parts += [nothing.alias("staff_id"), nothing.alias("date")]
    return F.struct(*parts)


def _roles(schema: StructType, overrides: Mapping[str, str], source: str) -> dict[str, str]:
    """Each role's column: by name, then as ``overrides`` say (a name that is not there is an error)."""
    found: dict[str, str] = {}
    for name in schema.names:
        role = column_role(name) or _EXTRA_KEYS.get(header_key(name))
        if role and role not in found:
            found[role] = name
    by_key = {header_key(name): name for name in schema.names}
    for role, name in overrides.items():
        if header_key(name) in by_key:
            found[role] = by_key[header_key(name)]
        elif role not in TURN_ROLES or "turns" not in found:  # an utterance field is looked for in the turns struct
            raise _error(source, schema, f"找不到 --column {role}={name} 指定的列 / column {name!r} not found")
    return found


def _numeric(schema: StructType, names: Mapping[str, str]) -> frozenset[str]:
    return frozenset(role for role in ("start", "end") if role in names and isinstance(schema[names[role]].dataType, NumericType))


def _text(columns: Mapping[str, str], role: str) -> Column:
    value = F.col(_quoted(columns[role])).cast("string") if role in columns else F.lit(None).cast("string")
    return value.alias(role)


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _error(source: str, schema: StructType, message: str) -> LayoutError:
    return LayoutError(f"{source}: {message}；列有 / columns: {'、'.join(schema.names)}")
