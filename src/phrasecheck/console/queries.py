"""What the console reads from the store: pages of calls by filter and sort, one call.

Each list page is two indexed queries (the page, and how many calls match), so a page of a store
of 200,000 calls comes in milliseconds (``benchmarks/console_bench.py`` measures it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from urllib.parse import urlencode

from ..batch.store import JOIN_REVIEWED, Store

#: Calls on one page of the list.
PAGE_SIZE = 50
#: The list's sort orders: each an ORDER BY the store's indexes serve.
SORTS: dict[str, str] = {
    "date": "calls.date DESC, calls.id DESC",
    "date_asc": "calls.date, calls.id",
    "score": "calls.score, calls.id",
    "score_desc": "calls.score DESC, calls.id DESC",
    "staff": "calls.staff_id, calls.id",
}
#: The grade that counts: the reviewer's when there is one.
GRADE = "coalesce(r.grade, calls.grade)"


@dataclass(frozen=True, slots=True)
class CallFilter:
    """The list's filters, sort and page, as the query string gives them."""

    staff: str = ""
    since: str = ""
    until: str = ""
    channel: str = ""
    grade: str = ""
    rule: str = ""
    reviewed: str = ""  # "", "yes", "no" or "changed" (the machine's result changed since the review)
    failing: str = ""
    sort: str = "date"
    page: int = 1

    @classmethod
    def of(cls, query: dict[str, str]) -> CallFilter:
        values = {f.name: query.get(f.name, "").strip()[:200] for f in fields(cls) if f.name in query}
        page = values.pop("page", "1")
        chosen = cls(**values, page=max(1, int(page)) if page.isdigit() else 1)
        return chosen if chosen.sort in SORTS else replace(chosen, sort="date")

    @property
    def join(self) -> str:
        """How the reviewed results are joined: only reviewed calls (from the small reviewed table), every call,
        or — when only counting and the filter does not look at reviews — not at all."""
        if self.reviewed in ("yes", "changed"):
            return "JOIN reviewed r ON r.path = calls.path AND r.ordinal = calls.ordinal"
        return JOIN_REVIEWED if self.grade or self.reviewed or self.failing else ""

    def where(self, failing_grades: tuple[str, ...]) -> tuple[str, list]:
        """SQL conditions over ``calls`` joined to ``reviewed r``, and their parameters."""
        conditions, parameters = ["1"], []
        for sql, value in (("calls.staff_id = ?", self.staff), ("calls.date >= ?", self.since),
                           ("calls.date <= ?", self.until), ("calls.channel = ?", self.channel),
                           (f"{GRADE} = ?", self.grade),
                           ("calls.id IN (SELECT call_id FROM findings WHERE rule = ?)", self.rule)):
            if value:
                conditions.append(sql)
                parameters.append(value)
        conditions += {"yes": ["r.path IS NOT NULL"], "no": ["r.path IS NULL"], "changed": ["r.changed = 1"]}.get(
            self.reviewed, [])
        if self.failing and failing_grades:
            conditions.append(f"{GRADE} IN ({', '.join('?' * len(failing_grades))})")
            parameters += failing_grades
        return " AND ".join(conditions), parameters

    def link(self, **changes) -> str:
        """The query string of this filter with ``changes`` (page 1 unless a page is given)."""
        chosen = replace(self, **({"page": 1} | changes))
        return "?" + urlencode({f.name: getattr(chosen, f.name) for f in fields(chosen)
                                if getattr(chosen, f.name) not in ("", 1) or f.name == "page" and chosen.page > 1})


@dataclass(slots=True)
class CallPage:
    """One page of the list and how many calls match in all."""

    rows: list[dict]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def call_page(store: Store, chosen: CallFilter, failing_grades: tuple[str, ...]) -> CallPage:
    """The calls that ``chosen`` lets through, one page of them, sorted as it asks."""
    where, parameters = chosen.where(failing_grades)
    # The page's ids first, from the indexes alone (a deep page skips index entries, not joined rows), then its rows.
    rows = store.query(
        f"SELECT calls.id, calls.source, calls.exchange_id, calls.staff_id, calls.date, calls.channel, calls.score, "
        f"calls.grade, calls.prohibited, r.score AS reviewed_score, r.grade AS reviewed_grade, r.reviews, r.changed "
        f"FROM (SELECT calls.id FROM calls {chosen.join} WHERE {where} ORDER BY {SORTS[chosen.sort]} LIMIT ? OFFSET ?) "
        f"AS page JOIN calls ON calls.id = page.id {JOIN_REVIEWED} ORDER BY {SORTS[chosen.sort]}",
        [*parameters, PAGE_SIZE, (chosen.page - 1) * PAGE_SIZE])
    found = [dict(row) for row in rows]
    total = next(store.query(f"SELECT count(*) FROM calls {chosen.join} WHERE {where}", parameters))[0]
    return CallPage(found, total, chosen.page)


@dataclass(frozen=True, slots=True)
class Choices:
    """What the filters offer: staff ids, channels, grades and rules found in the store."""

    staff: list[str]
    channels: list[str]
    grades: list[str]
    rules: list[str]


def store_version(store: Store) -> tuple:
    """Changes whenever a call is stored or scored again, or a review is added (ids only grow)."""
    return tuple(next(store.query("SELECT (SELECT max(id) FROM calls), (SELECT max(id) FROM reviews), "
                                  "(SELECT count(*) FROM reviewed)")))


def choices(store: Store, grades: list[str], channels: list[str]) -> Choices:
    """The values each filter can take: staff ids and rules from the store's indexes; the scripts' grades and
    channels (with not applicable)."""
    def distinct(sql: str) -> list[str]:
        return [row[0] for row in store.query(sql) if row[0]]

    return Choices(distinct("SELECT DISTINCT staff_id FROM calls ORDER BY staff_id"), channels, grades,
                   distinct("SELECT DISTINCT rule FROM findings ORDER BY rule"))


@dataclass(slots=True)
class StoredCall:
    """One call as stored: its row and its score-v1 card."""

    id: int
    path: str
    ordinal: int
    card: dict
    scored_at: str
    version: str


def stored_call(store: Store, call_id: int) -> StoredCall | None:
    row = next(store.query("SELECT id, path, ordinal, card, scored_at, version FROM calls WHERE id = ?", (call_id,)), None)
    if row is None:
        return None
    return StoredCall(row["id"], row["path"], row["ordinal"], json.loads(row["card"]), row["scored_at"], row["version"])
