"""``phrasecheck lexicon …``: list, show, check and extract rules."""

from __future__ import annotations

import json
import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from ..i18n import pick, tr
from ..jsontext import indented
from ..ruletools.check import check_files
from ..lexicon.load import LexiconError, default_lexicon_files, load_lexicon
from ..config import Config
from ..lexicon.conditions import describe
from ..lexicon.model import AnyOf, Lexicon, Rule
from ..models import Diagnostic
from ..textio import os_reason
from .common import (
    EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, ConfigOption, LangOption, LexiconOption, build_engine, chosen_lang, err, fail,
    out, settings, stdout_bytes, write_text,
)

if TYPE_CHECKING:
    from ..ruletools.extract import Extraction

lexicon_app = typer.Typer(help="词库：列出、查看、检查、从规范文件提取 / Lexicons: list, show, check, extract.",
                          no_args_is_help=True)


class Kind(str, Enum):
    prohibited = "prohibited"
    courtesy = "courtesy"


class ExtractFormat(str, Enum):
    toml = "toml"
    json = "json"


def _lexicon(project: Config, extra: list[Path] | None) -> Lexicon:
    """The configured and extra lexicons; a broken one exits 2 with file:line errors."""
    try:
        return project.lexicon(extra or [])
    except LexiconError as error:
        fail(error.diagnostics)


class ListFormat(str, Enum):
    text = "text"
    json = "json"


@lexicon_app.command("list")
def list_rules(
    category: Annotated[str | None, typer.Option("--category", "-c", help="只列此类别 / only this category")] = None,
    kind: Annotated[Kind | None, typer.Option("--kind", help="只列此种类 / only this kind")] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="输出格式：text（终端中为表格，管道中每行一条规则、以制表符分隔）或 json / output format: text (a table on a terminal, one tab-separated rule a line when piped) or json")] = ListFormat.text,
    lexicon: LexiconOption = None,
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """列出所有规则 / List the rules that are checked."""
    project = settings(config)
    language = chosen_lang(lang, project)
    loaded = _lexicon(project, lexicon)
    rules = [rule for rule in loaded.rules
             if category in (None, rule.category, loaded.category_name(rule.category, "en"))
             and (kind is None or rule.kind == kind.value)]
    if output_format is ListFormat.json:
        stdout_bytes().write(indented({"rules": [_rule_record(rule, loaded, language) for rule in rules]}))
        return
    rows = [(rule.id, tr(rule.kind, language), loaded.category_name(rule.category, language), tr(rule.severity, language),
             rule.phrase, str(rule.sources[0]) if rule.sources else "") for rule in rules]
    header = ("id", tr("kind", language), tr("category", language), tr("severity", language), tr("phrase", language),
              tr("source", language))
    if out.is_terminal:
        table = Table(*header)
        table.columns[0].no_wrap = True  # an id is what people copy into rules.disable: never cut
        for row in rows:
            table.add_row(*map(escape, row))
        out.print(table)
    else:
        write_text("".join("\t".join(" ".join(cell.split()) for cell in row) + "\n" for row in [header, *rows]))


def _rule_record(rule: Rule, loaded: Lexicon, lang: str) -> dict:
    """One rule of ``lexicon list --format json``."""
    return {"id": rule.id, "kind": rule.kind, "category": rule.category,
            "category_name": loaded.category_name(rule.category, lang), "severity": rule.severity, "role": rule.role,
            "phrase": rule.phrase, "variants": list(rule.variants), "suggestion": rule.suggestion,
            "sources": [str(source) for source in rule.sources], "defined_in": str(rule.origin)}


@lexicon_app.command("show")
def show_rule(
    rule_id: Annotated[str, typer.Argument(metavar="RULE", help="规则名 / rule id")],
    lexicon: LexiconOption = None,
    lang: LangOption = None,
    config: ConfigOption = None,
) -> None:
    """显示一条规则的全部内容 / Show one rule: wordings, severity, suggestion, sources, examples."""
    project = settings(config)
    language = chosen_lang(lang, project)
    loaded = _lexicon(project, lexicon)
    rule = loaded.rule(rule_id)
    if rule is None:
        raise typer.BadParameter(f"没有这条规则 / no such rule: {rule_id}", param_hint="RULE")
    for label, value in _rule_fields(rule, loaded.category_name(rule.category, language), language):
        out.print(f"[bold]{escape(label)}[/]: {escape(value)}")


#: What ``lexicon show`` calls the parts of a rule that says what it matches beyond its wordings.
_SHOWN = {
    "match": ("条件", "match"),
    "legend": ("条件写法", "how to read it"),
    "legend_text": ("+ 都说到 · → 按此顺序 · →≤N 依次、相隔不超过 N 字 · | 任一 · N≤(…) 至少 N 项 · 非(…) 不能说到 · "
                    "/…/ 正则（归一化文本） · @类 同义词类",
                    "+ all said · → in this order · →≤N in order, at most N characters apart · | any · N≤(…) at least N "
                    "· 非(…) not said · /…/ a regular expression (normalised text) · @class a synonym class"),
    "within": ("范围", "within"),
    "clause": ("一个分句", "one clause"),
    "characters": ("{n} 字以内", "at most {n} characters"),
    "none": ("排除（none）", "cancelled by (none)"),
    "line": ("同一行内、匹配附近", "said near it in its line"),
    "sentence": ("只在匹配所在的句子", "said in its sentence only"),
    "answer": ("只在匹配所在的句子及对它的回答", "said in its sentence or the answer to it only"),
    "around": ("匹配附近，也在本句之前", "said near it, before its sentence too"),
    "none_in_sentence": ("本句排除（none_in_sentence）", "cancelled in its sentence by (none_in_sentence)"),
    "not_before": ("前面不能是", "not right after"),
    "not_after": ("后面不能是", "not right before"),
}


def _shown(key: str, lang: str) -> str:
    return pick(_SHOWN[key], lang)


def _match_fields(rule: Rule, lang: str) -> list[tuple[str, str]]:
    """What a rule matches beyond its wordings, as a person reads it: its family condition (each alternative), where it
    holds, and what cancels it."""
    fields = []
    if rule.match is not None:
        alternatives = rule.match.parts if isinstance(rule.match, AnyOf) else (rule.match,)
        fields += [(_shown("match", lang), describe(part)) for part in alternatives]
        fields += [(_shown("legend", lang), _shown("legend_text", lang)),
                   (_shown("within", lang), _shown("clause", lang) if rule.within == "clause"
                    else _shown("characters", lang).format(n=rule.within))]
    if rule.none is not None:
        fields.append((_shown("none", lang), f"{describe(rule.none)} ({_shown(rule.none_within, lang)})"))
    if rule.none_in_sentence is not None:
        fields.append((_shown("none_in_sentence", lang), describe(rule.none_in_sentence)))
    for key, words, pattern in (("not_before", rule.not_before, rule.not_before_pattern),
                                ("not_after", rule.not_after, rule.not_after_pattern)):
        shown = [*words, *([f"/{pattern.pattern}/"] if pattern else [])]
        fields += [(_shown(key, lang), "、".join(shown))] if shown else []
    return fields


def _rule_fields(rule: Rule, category: str, lang: str) -> list[tuple[str, str]]:
    fields = [("id", rule.id), (tr("kind", lang), tr(rule.kind, lang)), (tr("category", lang), category),
              (tr("role", lang), f"{tr(rule.role, lang)} (role = {rule.role})")]
    if rule.forms:
        fields += [(tr("phrase", lang), rule.phrase or "—"), (tr("variants", lang), "、".join(rule.variants) or "—")]
    fields += _match_fields(rule, lang)
    if rule.kind == "prohibited":
        fields += [(tr("severity", lang), tr(rule.severity, lang)), (tr("suggestion", lang), rule.suggestion or "—")]
        fields += [(f"{tr('suggestion', lang)}" + (f" (match alternative {n + 1})" if lang == "en" else f"（条件第 {n + 1} 项）"), own)
                   for n, own in enumerate(rule.suggestions) if own]
    note = rule.note_en if lang == "en" and rule.note_en else rule.note
    fields += [(tr("note", lang), note or "—")]
    fields += [(tr("source", lang), str(source)) for source in rule.sources]
    fields += [(tr("flag", lang), text) for text in rule.flag] + [(tr("pass", lang), text) for text in rule.passes]
    return fields + [(tr("defined_in", lang), str(rule.origin))]


@lexicon_app.command("check")
def check(
    paths: Annotated[list[Path] | None, typer.Argument(help="词库或话术文件/目录；不给则检查默认与配置中的 / files or directories; default: the shipped and configured ones")] = None,
    config: ConfigOption = None,
) -> None:
    """检查词库与话术文件：语法、字段、重复、互相包含、例句 / Lint lexicon and script files."""
    from ..scoring.scripts import default_script_files

    project = settings(config)
    if paths:
        base = _lexicon(project, [])
        set_aside = [rule for rule in load_lexicon(project.lexicons).rules if rule.id in project.disabled] if project.disabled else []
        problems = check_files(paths, base, project.disabled, set_aside)
    else:
        problems = check_files([*default_lexicon_files(), *project.lexicons, *default_script_files(), *project.scripts])
    for problem in problems:
        out.print(escape(str(problem)) + ("" if problem.level == "error" else " [yellow]（警告 / warning）[/]"))
    errors = sum(problem.level == "error" for problem in problems)
    warnings = len(problems) - errors
    out.print(f"{errors} 个问题" + (f"，{warnings} 个警告" if warnings else "") + " / problem(s)"
              + (f", {warnings} warning(s)" if warnings else ""))
    raise typer.Exit(EXIT_FINDINGS if errors else EXIT_CLEAN)


@lexicon_app.command("extract")
def extract(
    docs: Annotated[list[Path], typer.Argument(metavar="DOC", help="规范文件（.txt/.docx）或规则表（.xlsx/.csv） / regulation documents or rule sheets")],
    output_format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="输出格式 / output format")] = ExtractFormat.toml,
    out: Annotated[str | None, typer.Option("--out", "-o", metavar="PATH", help="写入此文件；多个文件或以 / 结尾时为目录（没有则创建） / write here: a file, or a directory for several documents or when it ends in / (made if missing)")] = None,
    lexicon: LexiconOption = None,
    config: ConfigOption = None,
) -> None:
    """从规范文件提取文明用语与禁用语，生成词库草稿 / Draft a lexicon from regulation documents.

    一个文件：输出词库草稿（TOML）或 JSON 对象 {"courtesy": [...], "prohibited": [...]}，有 --out 时写入该文件。
    多个文件：--out 为目录，每个文件写一个 <文件名>.toml（或 .json）；JSON 不给 --out 时每行一个对象。
    已载入的词库（默认、配置、--lexicon）已覆盖的说法在 JSON 中标为 covered_by，不写入 TOML 草稿。

    One document: its draft lexicon (TOML) or {"courtesy": [...], "prohibited": [...]} (JSON),
    written to --out when given. Several: --out DIR gets one <name>.toml (or .json) each; JSON
    without --out prints one object per line.
    Phrases the loaded lexicon (defaults, configuration, --lexicon) already covers are marked
    covered_by in JSON and left out of the TOML draft.
    """
    from ..ruletools.coverage import mark_covered
    from ..ruletools.draft import draft_names, draft_warnings
    from ..ruletools.extract import extract as run_extract
    from ..textio import InputError

    several = len(docs) > 1  # as given: the same file twice still asks for a folder
    output = Path(out) if out else None
    folder = _out_folder(output, several or bool(out and out.endswith(("/", os.sep))), output_format)
    docs = _once(docs)
    project = settings(config)
    matcher = build_engine(project, project.lang, lexicon).matcher
    failed = False
    for doc, name in zip(docs, draft_names(docs)):
        try:
            extraction = mark_covered(run_extract(doc), matcher)
        except InputError as error:
            err.print(f"[bold red]{escape(str(error))}[/]")
            failed = True
            continue
        for warning in draft_warnings(extraction):
            _warn(warning)
        text = _extracted(extraction, name, output_format, one_a_line=several and not output)
        failed |= not _emit(text, folder / f"{name}.{output_format.value}" if folder else output)
    raise typer.Exit(EXIT_ERROR if failed else EXIT_CLEAN)


def _out_folder(output: Path | None, folder: bool, output_format: ExtractFormat) -> Path | None:
    """The folder the drafts go to: ``--out`` when it is one, or when several documents (or a name ending in /, ``folder``)
    ask for one (made as ``mkdir -p`` makes it); None for one file or standard output."""
    if output is None and folder and output_format is ExtractFormat.toml:
        raise typer.BadParameter("多个文件须以 --out 指定目录 / several documents need --out DIR", param_hint="--out")
    if output is None or not (folder or output.is_dir()):
        return None
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise typer.BadParameter(f"无法创建目录 {output} / cannot create the directory {output}: "
                                 f"{os_reason(error)}", param_hint="--out") from None
    return output


def _once(docs: list[Path]) -> list[Path]:
    """The documents, each once: one named again (by the same path or another) is left out with a warning."""
    seen: set[str] = set()
    once = []
    for doc in docs:
        if (identity := os.path.realpath(doc)) in seen:
            _warn(Diagnostic(str(doc), 0, "重复给出，只提取一次 / given more than once: drafted once"))
        else:
            seen.add(identity)
            once.append(doc)
    return once


def _extracted(extraction: Extraction, name: str, output_format: ExtractFormat, one_a_line: bool) -> str:
    """One document's draft (TOML) or record (JSON; ``one_a_line``: on one line, with its path)."""
    from ..ruletools.draft import to_json, to_toml

    if output_format is ExtractFormat.toml:
        return to_toml(extraction, extraction.path.name, name)
    record = {"path": str(extraction.path), **to_json(extraction)} if one_a_line else to_json(extraction)
    return json.dumps(record, ensure_ascii=False, indent=None if one_a_line else 2)


def _emit(text: str, target: Path | None) -> bool:
    """Write ``text`` to ``target`` whole or not at all (standard output when None); False, said, when it cannot."""
    from ..textio import write_text_atomic

    if target is None:
        write_text(text + "\n")
        return True
    try:
        write_text_atomic(target, text)
    except OSError as error:
        err.print(f"[bold red]{escape(str(target))}: 无法写入 / cannot write: {escape(os_reason(error))}[/]")
        return False
    return True


def _warn(diagnostic: Diagnostic) -> None:
    err.print(f"[yellow]{escape(str(diagnostic))}[/]")


def register(app: typer.Typer) -> None:
    app.add_typer(lexicon_app, name="lexicon")
