"""The scorecard as one self-contained HTML page (inline CSS, no external assets), readable and printable.

:func:`exchange_html` renders one scored exchange as a fragment; :func:`page` wraps fragments in
a full document, so a multi-call report can put many scorecards on one page.
"""

from __future__ import annotations

import re
from html import escape

from ..i18n import tr
from ..models import Diagnostic
from ..scoring import CardFinding, ScoreCard
from ..scoring.card import item_name
from ..scoring.catalogue import Catalogue
from .annotate import (
    bracket, by_turn, channel_note, cited_note, colon, evidence_lines, exchange_title, grade_note, notes, points_text,
    score_text, segments, uncharged_note, word,
)

CSS = """
:root { --ok: #1b7f3b; --bad: #b3261e; --warn: #8a5a00; --cue: #0b6e8a; --line: #d9d9d9; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; line-height: 1.6;
       color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 0; }
.exchange { border-top: 2px solid #1a1a1a; padding: 1rem 0 2rem; break-inside: avoid-page; }
.exchange header { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
.meta { color: #555; font-size: .9rem; margin: .25rem 0 0; }
.warning { color: var(--warn); font-size: .9rem; margin: .25rem 0 0; }
.result { font-size: 1.6rem; font-weight: bold; white-space: nowrap; }
.result .grade { font-size: 1.1rem; margin-left: .5rem; padding: 0 .5rem; border-radius: .25rem; color: #fff; background: var(--ok); }
.result .grade.low { background: var(--bad); }
.result .why { display: block; font-size: .85rem; color: var(--bad); text-align: right; }
ol.transcript { list-style: none; padding: 0; margin: 1rem 0; }
ol.transcript > li { padding: .35rem 0; border-bottom: 1px solid var(--line); }
.n { display: inline-block; width: 2.5rem; color: #888; font-size: .85rem; }
.who { font-weight: normal; margin-right: .25rem; }
.staff .who { font-weight: bold; }
mark { padding: 0 .1rem; border-radius: .15rem; }
mark.courtesy { background: #dff3e4; color: var(--ok); }
mark.prohibited { background: #fde2e0; color: var(--bad); font-weight: bold; text-decoration: line-through; }
mark.informal { background: #fff1c2; color: var(--warn); }
mark.trigger { background: #dcf0f6; color: var(--cue); }
.marker { background: var(--warn); color: #fff; font-size: .8rem; padding: 0 .3rem; border-radius: .2rem; }
ul.notes { margin: .25rem 0 0 2.75rem; padding: 0; list-style: none; font-size: .9rem; }
ul.notes li::before { margin-right: .35rem; }
ul.notes li.prohibited::before, ul.notes li.informal::before { content: "✗"; color: var(--bad); }
ul.notes li.missing::before { content: "⚠"; color: var(--warn); }
ul.notes li.trigger::before { content: "↳"; color: var(--cue); }
.pts { font-weight: bold; }
.suggest { color: var(--ok); }
table.breakdown { width: 100%; border-collapse: collapse; font-size: .92rem; }
table.breakdown th, table.breakdown td { border: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; text-align: left; }
table.breakdown td.num, table.breakdown th.num { text-align: right; white-space: nowrap; }
table.breakdown tr.lost td.num.earned { color: var(--warn); font-weight: bold; }
table.breakdown tr.zero td.num.earned { color: var(--bad); }
table.breakdown tfoot td { font-weight: bold; }
.where { color: #555; }
.problems li.error { color: var(--bad); }
.problems li.warning { color: var(--warn); }
@page { size: A4; margin: 12mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9pt; line-height: 1.35; }
  h1 { font-size: 12pt; margin: 0 0 .25rem; }
  .exchange { break-before: page; break-inside: auto; border-top: 1px solid #1a1a1a; padding: .35rem 0 0; }
  h1 + .exchange { break-before: auto; }
  .meta, .warning { font-size: 8.5pt; margin: 0; }
  .result { font-size: 14pt; } .result .grade { font-size: 10pt; }
  ol.transcript { margin: .35rem 0; }
  ol.transcript > li { padding: .05rem 0; break-inside: avoid; }
  .n { width: 1.75rem; font-size: 8pt; }
  ul.notes { margin-left: 1.75rem; font-size: 8.5pt; line-height: 1.3; }
  table.breakdown { font-size: 8.5pt; line-height: 1.3; break-inside: avoid; }
  table.breakdown th, table.breakdown td { padding: .1rem .35rem; }
  mark, .marker, .result .grade { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def page(title: str, body: str, lang: str = "zh") -> str:
    """A complete HTML document around ``body`` (fragments from :func:`exchange_html`)."""
    html_lang = "en" if lang == "en" else "zh-CN"
    return (f'<!DOCTYPE html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"<h1>{escape(title)}</h1>\n{body}\n</body>\n</html>\n")


def exchange_html(card: ScoreCard, lang: str = "zh") -> str:
    """One scored exchange: header with score and grade, annotated transcript, breakdown table."""
    return (f'<section class="exchange" id="{escape(_anchor(card))}">\n{_header(card, lang)}\n'
            f"{_transcript(card, lang)}\n{_breakdown(card, lang)}\n</section>")


def problems_html(problems: list[Diagnostic], lang: str = "zh") -> str:
    """The inputs that could not be read or scored, or were empty, as a list (empty string when there are none)."""
    if not problems:
        return ""
    items = "".join(f'<li class="{escape(p.level)}">{escape(str(p))}</li>' for p in problems)
    return f'<section class="problems"><h2>{escape(word("input_problems", lang))}</h2><ul>{items}</ul></section>'


def _anchor(card: ScoreCard) -> str:
    """An id for linking to one scorecard: source and exchange id, with only word characters."""
    return re.sub(r"[^\w-]+", "-", f"x-{card.exchange.source}-{card.exchange.id}")


def _header(card: ScoreCard, lang: str) -> str:
    exchange = card.exchange
    meta = [f"{word('script', lang)}{colon(lang)}{card.script.title.get(lang)}{bracket(channel_note(card, lang), lang)}"]
    meta += [f"{word(key, lang)}{colon(lang)}{value}" for key, value in (("staff_id", exchange.staff_id), ("date", exchange.date)) if value]
    low = " low" if card.grade.lowest or card.grade.capped_by else ""
    why = f'<span class="why">{escape(note)}</span>' if (note := grade_note(card, lang)) else ""
    warned = "".join(f'<p class="warning">⚠ {escape(warning.said(lang))}</p>' for warning in card.warnings)
    return (f"<header><div><h2>{escape(exchange_title(card))}</h2>"
            f'<p class="meta">{escape(" · ".join(meta))}</p>{warned}</div>'
            f'<div class="result">{escape(score_text(card))}<span class="grade{low}">{escape(card.grade.band.label(lang))}</span>{why}</div>'
            "</header>")


def _transcript(card: ScoreCard, lang: str) -> str:
    items = []
    for index, (turn, here) in enumerate(zip(card.exchange.turns, by_turn(card))):
        text = "".join(_segment(s.text, s.finding, s.marker, card.words, lang)
                       for s in segments(turn.text, here, lang, lambda f: card.words.of(f, lang)[0]))
        who = escape((turn.speaker or tr(turn.role, lang)) + colon(lang).strip())
        note_items = "".join(_note(f, card.words, lang) for f in notes(here))
        note_list = f'<ul class="notes">{note_items}</ul>' if note_items else ""
        items.append(f'<li class="{escape(turn.role)}"><span class="n">{index + 1}</span>'
                     f'<span class="who">{who}</span> {text}{note_list}</li>')
    return f'<ol class="transcript">{"".join(items)}</ol>'


def _segment(text: str, finding: CardFinding | None, marker: bool, words: Catalogue, lang: str) -> str:
    if marker:
        return f'<span class="marker">{escape(text)}</span>'
    if finding is None or finding.kind == "missing":
        return escape(text)
    message = words.of(finding, lang)[1]
    title = f' title="{escape(message)}"' if message else ""
    return f'<mark class="{finding.kind}"{title}>{escape(text)}</mark>'


def _note(finding: CardFinding, words: Catalogue, lang: str) -> str:
    category, message = words.of(finding, lang)
    parts = [f"{escape(word(finding.kind, lang))}[{escape(category)}]"]
    if finding.text:
        parts.append(f"“{escape(finding.text)}”")
    if finding.points:
        parts.append(f'<span class="pts">{points_text(finding.points)}</span>')
    if finding.kind != "trigger":
        parts.append(escape(message))
    if uncharged := uncharged_note(finding, lang):
        parts.append(escape(uncharged))
    if finding.suggestion:
        parts.append(f'→ {escape(word("suggestion", lang))}{colon(lang)}<span class="suggest">“{escape(finding.suggestion)}”</span>')
    if cited := cited_note(finding, words, lang):
        parts.append(f'<span class="cited">{escape(cited)}</span>')
    return f'<li class="{finding.kind}">{" ".join(parts)}</li>'


def _breakdown(card: ScoreCard, lang: str) -> str:
    rows = []
    for score in card.items:
        state = " zero" if score.lost and score.earned == 0 else ""
        rows.append(f'<tr class="{"lost" if score.lost else "full"}{state}"><td>{escape(item_name(score, card.script.name, card.words, lang))}</td>'
                    f'<td class="num earned">{score.earned:g}</td><td class="num">{score.item.weight:g}</td>'
                    f'<td class="where">{"<br>".join(map(escape, evidence_lines(score, card.words, lang))) or word("no_evidence", lang)}</td></tr>')
    earned = sum(s.earned for s in card.items)
    total = sum(s.item.weight for s in card.items)
    return (f'<table class="breakdown"><thead><tr><th>{escape(word("item", lang))}</th>'
            f'<th class="num">{escape(word("earned", lang))}</th><th class="num">{escape(word("max", lang))}</th>'
            f'<th>{escape(word("evidence", lang))}</th></tr></thead><tbody>{"".join(rows)}</tbody>'
            f'<tfoot><tr><td>{escape(word("total", lang))}</td><td class="num">{earned:g}</td>'
            f'<td class="num">{total:g}</td><td></td></tr></tfoot></table>')
