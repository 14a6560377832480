"""``phrasecheck config``: the effective configuration and where each value came from."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from ..config import Config
from .common import ConfigOption, out, settings


def config(config: ConfigOption = None) -> None:
    """显示生效的配置及每项的来源 / Show the effective configuration and where each value came from."""
    project = settings(config)
    out.print(f"配置文件 / file: {escape(str(project.path)) if project.path else '（无，全部为默认值） / none: all defaults'}")
    table = Table("项 / key", "值 / value", "来源 / from")
    for column in table.columns:   # every value whole, wrapped: in a pipe or a narrow window too (a trial saw “hospital…”)
        column.overflow = "fold"
    for key, value in _values(project):
        table.add_row(key, escape(value), escape(project.origins.get(key, "default")))
    out.print(table)


def _values(project: Config) -> list[tuple[str, str]]:
    rows = [("lang", project.lang),
            ("lexicons", ", ".join(map(str, project.lexicons)) or "—"),
            ("scripts", ", ".join(map(str, project.scripts)) or "—"),
            ("disabled", ", ".join(project.disabled) or "—"),
            ("severities", ", ".join(f"{k}={v}" for k, v in project.severities.items()) or "—"),
            ("suggestions", "; ".join(f"{k}={v}" for k, v in project.suggestions.items()) or "—"),
            ("staff_labels", "、".join(project.staff_labels) or "—"),
            ("resident_labels", "、".join(project.resident_labels) or "—"),
            ("grades", ", ".join(f"{k} ≥ {v:g}" for k, v in project.grades.items()) if project.grades else "默认 / default")]
    rows += [(f"matching.{name}", str(getattr(project.matching, name))) for name in project.matching.__slots__]
    return rows


def register(app: typer.Typer) -> None:
    app.command("config")(config)
