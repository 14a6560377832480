"""The monthly trend as inline SVG (no script, no asset from the network); the histogram and staff bars are the HTML report's."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from ..batch.summary import GroupSummary
from .words import word

_WIDTH, _HEIGHT, _LEFT, _TOP, _BOTTOM = 640, 220, 40, 16, 40


def markup(html: str) -> Markup:
    """HTML built here from escaped parts, marked safe for the templates."""
    return Markup(html)


def trend(months: list[GroupSummary], lang: str) -> str:
    """Mean score per month as a line (machine), and the reviewed mean as a dashed line where reviews exist."""
    points = [(m.key, m.mean, m.reviewed_mean if m.reviewed else None) for m in months if m.key and m.mean is not None]
    caption = escape(word("trend", lang))
    if not points:
        return f"<figure><figcaption>{caption}</figcaption><p>—</p></figure>"
    step = (_WIDTH - _LEFT - 20) / max(1, len(points) - 1)
    plot = _HEIGHT - _TOP - _BOTTOM

    def xy(index: int, value: float) -> tuple[float, float]:
        return round(_LEFT + index * step, 1), round(_TOP + plot * (1 - value / 100), 1)

    parts = [_axis(plot)]
    machine = [xy(i, mean) for i, (_, mean, _) in enumerate(points)]
    parts.append(_line(machine, "trend"))
    reviewed = [xy(i, value) for i, (_, _, value) in enumerate(points) if value is not None]
    if reviewed:
        parts.append(_line(reviewed, "trend reviewed"))
    for (key, mean, value), (x, y) in zip(points, machine):
        parts.append(f'<circle class="dot" cx="{x}" cy="{y}" r="3"><title>{escape(key)}: {mean:g}'
                     f'{"" if value is None else f" → {value:g}"}</title></circle>'
                     f'<text x="{x}" y="{_HEIGHT - _BOTTOM + 16}" text-anchor="middle">{escape(key)}</text>'
                     f'<text x="{x}" y="{y - 6}" text-anchor="middle">{mean:g}</text>')
    return (f'<figure><figcaption>{caption}</figcaption><svg viewBox="0 0 {_WIDTH} {_HEIGHT}" width="{_WIDTH}" '
            f'role="img" aria-label="{caption}">{"".join(parts)}</svg></figure>')


def _axis(plot: float) -> str:
    lines = []
    for value in (0, 60, 80, 100):
        y = round(_TOP + plot * (1 - value / 100), 1)
        lines.append(f'<line class="grid" x1="{_LEFT}" x2="{_WIDTH - 10}" y1="{y}" y2="{y}"/>'
                     f'<text x="{_LEFT - 6}" y="{y + 4}" text-anchor="end">{value}</text>')
    return "".join(lines)


def _line(points: list[tuple[float, float]], css: str) -> str:
    return f'<polyline class="{css}" points="{" ".join(f"{x},{y}" for x, y in points)}"/>'
