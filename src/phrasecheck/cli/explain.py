"""``phrasecheck explain``: why a text was or was not flagged."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from ..jsontext import indented
from ..lint import Block, file_blocks, numbered_lines, transcripts_among
from ..models import Diagnostic, severity_rank
from ..report.explain import explanation_json, explanation_lines
from .common import (
    ConfigOption, ParaphraseOption, LangOption, LexiconOption, build_engine, chosen_lang, err, out, settings, stdout_bytes,
)

if TYPE_CHECKING:
    from ..api import Engine


class Format(str, Enum):
    text = "text"
    json = "json"


class Speaker(str, Enum):
    staff = "staff"
    resident = "resident"


def explain(
    text: Annotated[str, typer.Argument(help="要解释的一句话 / the text to explain")],
    output_format: Annotated[Format, typer.Option("--format", "-f", help="输出格式 / output format")] = Format.text,
    lexicon: LexiconOption = None,
    lang: LangOption = None,
    config: ConfigOption = None,
    paraphrase: ParaphraseOption = False,
    speaker: Annotated[Speaker, typer.Option("--speaker", help="按谁的话解释：staff（工作人员）或 resident（群众，查 role 为 resident 的规则） / whose words: staff, or resident (the rules of role resident)")] = Speaker.staff,
) -> None:
    """说明一句话为何被标出或未被标出 / Show why a text was flagged or not.

    归一化文本及其与原文的对应、每个候选与判定（词边界、语境排除、被覆盖）、同类说法规则的各项条件是否成立（部分成立的也列出）、标出时未说到的排除词、接近但未达到阈值的说法。
    The normalised text and its map to the original, every candidate and its verdict (word
    boundary, context guard, covered by another finding), each family rule's conditions met or
    not (those half met too), the exclusions a finding's rule looked for, and the phrases nearly
    said with the threshold they missed. Rules about residents' words
    (role = "resident") are not evaluated in staff speech: what they would find is listed apart.
    """
    project = settings(config, paraphrase)
    language = chosen_lang(lang, project)
    explanation = build_engine(project, language, lexicon).explain(text, speaker.value)
    if output_format is Format.json:
        stdout_bytes().write(indented(explanation_json(explanation)))
    else:
        for line in explanation_lines(explanation, language):
            out.print(line)


def explain_drafts(engine: Engine, paths: list[str], as_json: bool, lang: str) -> tuple[int, int]:
    """``check --explain``: each line of the drafts where something was found or nearly found, explained.
    Returns the worst prohibited severity found and the number of input errors."""
    worst, errors, explained = 0, 0, []
    for warning in transcripts_among(paths, engine.read_options):   # a transcript read as a draft, as check says
        err.print(str(warning), markup=False)
    for item in (item for path in paths for item in file_blocks(path)):
        if isinstance(item, Diagnostic):
            errors += 1
            err.print(str(item), markup=False)
            continue
        if not isinstance(item, Block):  # a file's suppression directives: explain shows every verdict
            continue
        for number, column, text in numbered_lines(item):  # a line too long to hold: each piece at its column
            explanation = engine.explain(text.rstrip("\r\n"))
            if not explanation.came_close():
                continue
            worst = max([worst] + [severity_rank(d.rule.severity) for d in explanation.findings() if d.rule.kind == "prohibited"])
            if as_json:
                explained.append({"path": item.path, "line": number, "column": column + 1, **explanation_json(explanation)})
            else:
                out.print(f"[bold]{item.path}:{number}" + (f":{column + 1}" if column else "") + "[/]", highlight=False)
                for text in explanation_lines(explanation, lang):
                    out.print(text)
    if as_json:
        stdout_bytes().write(indented({"explanations": explained}))
    return worst, errors


def register(app: typer.Typer) -> None:
    app.command()(explain)
