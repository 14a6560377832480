"""Help pages and usage errors people can read.

Typer's own help wraps by characters, so a Chinese line (two columns a character) runs past the
terminal, and the command list cuts descriptions off with ``...``; it names values by Python type
(``<list[Path]>``) and reports a bad value in pydantic's words ("Value error, 'xml' is not one
of…"). Here lines are wrapped by display width, values are named (``PATH``, ``N``, ``TEXT``, the
choices), and a bad value gets a plain message, Chinese then English.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import MethodType
from typing import get_args

import typer
from rich.cells import cell_len
from typer._click.exceptions import BadParameter, UsageError
from typer._click.formatting import HelpFormatter
from typer._click._compat import get_text_stderr
from typer._click.utils import echo
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

#: What a value is called in help, by its Python type (without one: ``TEXT``).
VALUE_NAMES = {Path: "PATH", int: "N", float: "NUMBER", str: "TEXT"}
#: Pieces a line may break between: runs of spaces, words of Latin script, single other characters.
_PIECES = re.compile(r"\s+|[\x21-\x7e\u00a0-\u024f]+|.")
#: What may not begin a line (it stays with the character before it).
_CLOSING = "，。、；：！？）》」』】”’"


def wrap(text: str, width: int) -> list[str]:
    """``text`` (one paragraph) in lines of at most ``width`` columns where it can be (a Latin word
    longer than the width gets a line of its own); no line starts with closing punctuation."""
    lines: list[list[str]] = [[]]
    for piece in _PIECES.findall(" ".join(text.split())):
        line = lines[-1]
        if piece.isspace() or not line or cell_len("".join(line) + piece) <= width:
            line.append(piece)
            continue
        carried = [line.pop()] if piece[0] in _CLOSING and len(line) > 1 else []
        while line and line[-1].isspace():
            line.pop()
        lines.append([*carried, piece])
    return ["".join(line).strip() for line in lines if "".join(line).strip()]


class Formatter(HelpFormatter):
    """Click's help formatter with paragraphs and definition lists wrapped by display width."""

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        self.write("\n\n".join("\n".join(indent + line for line in wrap(p, self.width - self.current_indent))
                               for p in paragraphs) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max(cell_len(first) for first, _ in rows), col_max) + col_spacing
        margin = " " * (self.current_indent + first_col)
        for first, second in rows:
            lines = wrap(second, max(self.width - self.current_indent - first_col, 20)) if second else []
            self.write(" " * self.current_indent + first)
            if lines and cell_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_len(first)) + lines.pop(0))
            self.write("".join("\n" + margin + line for line in lines) + "\n")


class Context(typer.Context):
    formatter_class = Formatter


class Command(TyperCommand):
    """A command whose help names its values and is wrapped by width."""

    context_class = Context

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            name_value(param)

    def format_options(self, ctx, formatter) -> None:
        sections = {"argument": [], "option": []}
        for param in self.get_params(ctx):
            if (record := param.get_help_record(ctx)) is not None:
                name = _argument_name(param) if isinstance(param, TyperArgument) else record[0]
                sections[param.param_type_name].append((name, record[1]))
        for title, rows in (("Arguments", sections["argument"]), ("Options", sections["option"])):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class Group(TyperGroup):
    """A group whose command list shows each command's whole first line, and whose usage errors are plain."""

    context_class = Context

    def format_commands(self, ctx, formatter) -> None:
        rows = [(name, _first_paragraph(command)) for name in self.list_commands(ctx)
                if (command := self.get_command(ctx, name)) is not None and not command.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except UsageError as error:
            if isinstance(error, BadParameter):
                error.message = plain_message(error)
            error.show = MethodType(show_usage_error, error)
            raise


def _argument_name(param: TyperArgument) -> str:
    return param.metavar.removesuffix("...") + ("..." if param.nargs != 1 else "")


def _first_paragraph(command) -> str:
    return command.short_help or (command.help or "").split("\n\n")[0].strip()


def name_value(param) -> None:
    """Give a parameter a value name (``metavar``) unless it has one, is a flag or offers choices."""
    if param.metavar is not None or getattr(param, "is_flag", False):
        return
    descriptor = param.type_descriptor
    if isinstance(param, TyperArgument):
        param.metavar = param.name.upper()
    elif not descriptor.is_choice:
        annotation = descriptor.annotation
        element = get_args(annotation)[0] if descriptor.is_list else annotation
        param.metavar = VALUE_NAMES.get(element, "TEXT")


def plain_message(error) -> str:
    """A bad value's message in plain words: the choices, the kind of value wanted, or the range."""
    param, cause = error.param, error.__cause__
    if not isinstance(param, TyperOption | TyperArgument) or not hasattr(cause, "errors") or not cause.errors():
        return error.message
    problem = cause.errors()[0]
    value, kind = problem.get("input"), problem.get("type", "")
    if param.type_descriptor.is_choice:
        choices = [str(getattr(c, "value", c)) for c in param.type_descriptor.choices]
        zh, en = _option_named(error.ctx, str(value))
        return f"“{value}”不是可选值（{'、'.join(choices)}）{zh} / {value!r} is not one of: {', '.join(choices)}{en}"
    if kind.endswith("_parsing") or kind.endswith("_type"):
        return f"“{value}”不是数字 / {value!r} is not a number"
    if kind in ("greater_than_equal", "less_than_equal"):
        return _range(param.min, param.max)
    return re.sub(r"^Value error, ", "", error.message)


#: Click's usage errors, each with its Chinese: the English is kept after it (a pattern, then the Chinese, its groups
#: filled in; a group that did not match leaves its part out).
_USAGE_MESSAGES = [
    (re.compile(r"No such option: (\S+)(?: \(Possible options: (.+)\))?"), "没有这个选项：{0}{1:（可能是：{1}）}"),
    (re.compile(r"Missing argument '(.+)'\."), "缺少参数 {0}"),
    (re.compile(r"Missing option '(.+?)'\..*", re.S), "缺少选项 {0}"),
    (re.compile(r"Got unexpected extra arguments? \((.+)\)"), "多余的参数：{0}"),
    (re.compile(r"No such command '(.+?)'\.(?: Did you mean '(.+)'\?)?"), "没有这个命令：{0}{1:（是不是“{1}”？）}"),
    (re.compile(r"Option '(.+)' requires an argument\."), "选项 {0} 需要一个值"),
    (re.compile(r"Option '(.+)' does not take a value\."), "选项 {0} 不带值"),
    (re.compile(r"Invalid value for (.+?): (.*)", re.S), "{0} 的值无效"),
]


class _Part(str):
    """A message part whose format spec is shown only when the part was said (``{1:（可能是：{1}）}``: the spec, its own
    ``{1}`` filled in by ``str.format``, when group 1 matched; nothing when it did not)."""

    def __format__(self, spec: str) -> str:
        return (spec if self else "") if spec else str(self)


def bilingual_usage(message: str) -> str:
    """A usage error's message, Chinese first (for the errors click raises in English), then as click said it."""
    for pattern, chinese in _USAGE_MESSAGES:
        if found := pattern.fullmatch(message):
            return f"{chinese.format(*(_Part(group or '') for group in found.groups()))} / {message}"
    return message


def show_usage_error(error: UsageError, file=None) -> None:
    """Click's usage error, with its usage line, the way to help and the message, each in Chinese then English."""
    file = file or get_text_stderr()
    color = error.ctx.color if error.ctx is not None else None
    if error.ctx is not None:
        command = error.ctx.command_path
        echo(f"用法 / {error.ctx.get_usage()}\n运行“{command} --help”查看帮助 / Try '{command} --help' for help.\n",
             file=file, color=color)
    echo(f"错误 / Error: {bilingual_usage(error.format_message())}", file=file, color=color)


def _option_named(ctx, value: str) -> tuple[str, str]:
    """A hint, Chinese and English, when the command writes that kind of file with an option of its own (score
    --format html: --html FILE); empty otherwise."""
    option = f"--{value.strip().lower()}"
    if ctx is None or not any(option in getattr(param, "opts", ()) for param in ctx.command.params):
        return "", ""
    return f"；{value} 报告请用 {option} 文件名", f"; for {value}, use {option} FILE"


def _range(low, high) -> str:
    if low is not None and high is not None:
        return f"应在 {low} 到 {high} 之间（含） / must be from {low} to {high}"
    return f"应不小于 {low} / must be at least {low}" if low is not None else f"应不大于 {high} / must be at most {high}"


def apply(application: typer.Typer) -> None:
    """Make ``application``, its commands and its sub-applications use these classes (set before the
    click commands are built)."""
    application.info.cls = application.info.cls or Group
    for info in application.registered_commands:
        info.cls = Command if info.cls in (None, TyperCommand) else info.cls
    for group in application.registered_groups:
        apply(group.typer_instance)
