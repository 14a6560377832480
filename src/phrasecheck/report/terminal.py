"""The scorecard in the terminal: an annotated transcript, then the table of items and evidence."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..i18n import tr
from ..scoring import CardFinding, ScoreCard
from ..scoring.card import item_name
from ..scoring.catalogue import Catalogue
from .annotate import (
    bracket, by_turn, channel_note, cited_note, colon, evidence_lines, exchange_title, grade_note, notes, points_text,
    score_text, segments, uncharged_note, word,
)

STYLES = {"courtesy": "green", "prohibited": "bold red", "informal": "yellow", "trigger": "cyan",
          "missing": "bold black on yellow"}
_MARKS = {"prohibited": "✗", "informal": "✗", "missing": "⚠", "trigger": "↳"}


def scorecard(card: ScoreCard, lang: str = "zh") -> Group:
    """Header, the exchange's warnings (roles inferred …), annotated transcript and breakdown table, in ``lang``."""
    return Group(header(card, lang), *warnings(card, lang), transcript(card, lang), Text(), breakdown(card, lang))


def warnings(card: ScoreCard, lang: str = "zh") -> list[Text]:
    """One line per warning about how the exchange was read (an inferred role above all) or its script chosen."""
    return [Text(f"  ⚠ {warning.said(lang)}", style="yellow") for warning in card.warnings]


def header(card: ScoreCard, lang: str) -> Text:
    """source · id, the script and how it was chosen, the score and the grade."""
    text = Text.assemble((exchange_title(card), "bold"), "  ")
    how = bracket(channel_note(card, lang), lang)
    text.append(f"{word('script', lang)}{colon(lang)}{card.script.title.get(lang)}{how}  ")
    text.append(f"{word('score', lang)} {score_text(card)}  ", style="bold")
    text.append(f"{word('grade', lang)} {card.grade.band.label(lang)}", style="bold " + _grade_style(card))
    if note := grade_note(card, lang):
        text.append(bracket(note, lang), style="bold red")
    return text


def transcript(card: ScoreCard, lang: str) -> Group:
    """Every turn with its spans coloured, and a note line under it for each finding that matters."""
    category_of = _category_of(card, lang)
    lines: list[Text] = []
    for index, (turn, here) in enumerate(zip(card.exchange.turns, by_turn(card))):
        line = Text.assemble((f"{index + 1:>3} ", "dim"))  # the number alone is dim, not the line's base style
        speaker = turn.speaker or tr(turn.role, lang)
        line.append(f"{speaker}{colon(lang).strip()} ", style="bold" if turn.role == "staff" else "")
        for segment in segments(turn.text, here, lang, category_of):
            line.append(segment.text, style=STYLES[segment.finding.kind] if segment.finding else "")
        lines.append(line)
        lines += [_note(finding, card.words, lang) for finding in notes(here)]
    return Group(*lines)


def breakdown(card: ScoreCard, lang: str) -> Table:
    """One row per item: earned, max, and where points were lost (or what earned them)."""
    table = Table(show_footer=True, header_style="bold")
    table.add_column(word("item", lang), word("total", lang))
    table.add_column(word("earned", lang), f"{sum(s.earned for s in card.items):g}", justify="right")
    table.add_column(word("max", lang), f"{sum(s.item.weight for s in card.items):g}", justify="right")
    table.add_column(word("evidence", lang), overflow="fold")
    for score in card.items:
        style = "red" if score.earned == 0 and score.lost else "yellow" if score.lost else ""
        explanation = "\n".join(evidence_lines(score, card.words, lang)) or word("no_evidence", lang)
        table.add_row(item_name(score, card.script.name, card.words, lang), Text(f"{score.earned:g}", style=style), f"{score.item.weight:g}",
                      Text(explanation))
    return table


def _category_of(card: ScoreCard, lang: str):
    """What names a card's finding in ``lang`` (its category, or the script step's name)."""
    return lambda finding: card.words.of(finding, lang)[0]


def _note(finding: CardFinding, words: Catalogue, lang: str) -> Text:
    category, message = words.of(finding, lang)
    note = Text("      ")
    note.append(f"{_MARKS.get(finding.kind, '·')} {word(finding.kind, lang)}[{category}]", style=STYLES[finding.kind])
    if finding.text:
        note.append(f" “{finding.text}”")
    if finding.points:
        note.append(f" {points_text(finding.points)}", style="bold")
    if finding.kind != "trigger":
        note.append(f" {message}")
    if uncharged := uncharged_note(finding, lang):
        note.append(f" {uncharged}", style="dim")
    if finding.suggestion:
        note.append(f" → {word('suggestion', lang)}{colon(lang)}")
        note.append(f"“{finding.suggestion}”", style="green")
    if cited := cited_note(finding, words, lang):
        note.append(f" {cited}", style="dim")
    return note


def _grade_style(card: ScoreCard) -> str:
    return "red" if card.grade.lowest or card.grade.capped_by else "green"
