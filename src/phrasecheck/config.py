"""Project configuration: ``phrasecheck.toml``, found from the working directory upwards.

Every value remembers where it came from (``default`` or ``file:line``) so that
``phrasecheck config`` can show the effective configuration and its origins.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from .lexicon.load import LexiconError, load_lexicon, with_overrides
from .lexicon.model import Lexicon
from .matching import Matcher, MatchSettings
from .models import SEVERITIES, Diagnostic
from .tomlfile import COUNT, FLAG, NUMBER, SHARE, TABLE, TEXT, TEXTS, Field, Kind, TomlReader, read_toml
from .transcripts.options import ReadOptions

FILE_NAME = "phrasecheck.toml"
_KINDS = {"int": COUNT, "float": SHARE, "float | None": SHARE, "bool": FLAG}
#: ``[matching]``: each field of :class:`MatchSettings`, a whole number, a similarity (0–1] or a switch.
MATCHING = {setting.name: Field(_KINDS[setting.type], default=setting.default) for setting in fields(MatchSettings)}
#: ``[rules] severity``: rule id = severity.
SEVERITY_BY_RULE = Kind(f"{{key}} 的值应为 {'、'.join(SEVERITIES)} / values must be one of {', '.join(SEVERITIES)}",
                        lambda value: isinstance(value, dict) and all(s in SEVERITIES for s in value.values()), dict)
#: ``[rules] suggestion``: rule id = the courteous wording a site suggests instead of the rule's own.
SUGGESTION_BY_RULE = Kind("{key} 的值应为文字 / values must be text",
                          lambda value: isinstance(value, dict) and all(isinstance(s, str) and s.strip() for s in value.values()),
                          dict)
#: ``[grades]``: band name = the lowest score (0–100) that earns it; one band at least.
GRADE_BOUNDS = Kind("[{key}] 应为 等级 = 下限分数（0–100） / must map grade names to lower bounds 0–100",
                    lambda value: isinstance(value, dict) and bool(value) and all(
                        NUMBER.fits(bound) and bound <= 100 for bound in value.values()),
                    lambda value: {name: float(bound) for name, bound in value.items()})
CONFIG = {
    "lang": Field(TEXT, default="zh", choices=("zh", "en")),
    "lexicons": Field(TEXTS, default=()),
    "scripts": Field(TEXTS, default=()),
    "rules": Field(TABLE, default={}, fields={"disable": Field(TEXTS, default=()),
                                              "severity": Field(SEVERITY_BY_RULE, default={}),
                                              "suggestion": Field(SUGGESTION_BY_RULE, default={})}),
    "matching": Field(TABLE, default={}, fields=MATCHING),
    "roles": Field(TABLE, default={}, fields={"staff": Field(TEXTS, default=()), "resident": Field(TEXTS, default=())}),
    "grades": Field(GRADE_BOUNDS),
}
#: Where each setting of :class:`Config` is written: its section (None: the top level) and key.
_WRITTEN_AT = {
    "lang": (None, "lang"), "lexicons": (None, "lexicons"), "scripts": (None, "scripts"),
    "disabled": ("rules", "disable"), "severities": ("rules", "severity"), "suggestions": ("rules", "suggestion"),
    **{f"matching.{name}": ("matching", name) for name in MATCHING},
    "staff_labels": ("roles", "staff"), "resident_labels": ("roles", "resident"), "grades": (None, "grades"),
}


class ConfigError(LexiconError):
    """A configuration file is broken; ``diagnostics`` name the file and line."""


@dataclass(frozen=True)
class Config:
    """The effective configuration. ``origins`` maps each key to ``default`` or ``file:line``."""

    lang: str = "zh"
    lexicons: tuple[Path, ...] = ()
    scripts: tuple[Path, ...] = ()
    disabled: tuple[str, ...] = ()
    severities: dict[str, str] = field(default_factory=dict)
    suggestions: dict[str, str] = field(default_factory=dict)
    matching: MatchSettings = MatchSettings()
    staff_labels: tuple[str, ...] = ()
    resident_labels: tuple[str, ...] = ()
    grades: dict[str, float] | None = None
    path: Path | None = None
    origins: dict[str, str] = field(default_factory=dict)

    def lexicon(self, extra: tuple[Path, ...] | list[Path] = ()) -> Lexicon:
        """Default lexicons, the configured ones and ``extra``, with disabled, re-graded and re-worded rules applied."""
        lexicon = load_lexicon([*self.lexicons, *extra])
        unknown = [(rule, origin) for names, origin in ((self.disabled, "disabled"), (self.severities, "severities"),
                                                         (self.suggestions, "suggestions"))
                   for rule in names if lexicon.rule(rule) is None]
        if unknown:
            raise ConfigError([Diagnostic(str(self.path), self._line(origin), f"没有这条规则 / no such rule: {rule}")
                               for rule, origin in unknown])
        if not (self.disabled or self.severities or self.suggestions):
            return lexicon
        overridden = with_overrides(lexicon, self.disabled, self.severities, self.suggestions)
        marker = ",".join([*sorted(self.disabled), *sorted(f"{k}={v}" for k, v in self.severities.items()),
                           *sorted(f"{k}~{v}" for k, v in self.suggestions.items())])
        return replace(overridden, version=f"{lexicon.version}~{_short_hash(marker)}")

    def _line(self, name: str) -> int:
        """The line a value was set on (0 when it was not set by the file)."""
        return int(self.origins.get(name, "0").rsplit(":", 1)[-1] or 0)

    def matcher(self, extra: tuple[Path, ...] | list[Path] = ()) -> Matcher:
        """A matcher over :meth:`lexicon` with the configured thresholds."""
        return Matcher(self.lexicon(extra), self.matching)

    def scorer_for(self, matcher: Matcher, scripts=()):
        """A scorer over ``matcher``'s rules with the configured scripts (and ``scripts``) and grade bands; a script naming
        a rule neither loaded nor disabled is refused."""
        from .scoring import Scorer
        from .scoring.scripts import load_scripts

        known = {rule.id for rule in matcher.lexicon.rules} | set(self.disabled)
        return Scorer(matcher, load_scripts([*self.scripts, *scripts], known), self.grades)

    def read_options(self) -> ReadOptions:
        """How transcripts are read with the configured speaker labels."""
        return ReadOptions(staff_labels=self.staff_labels, resident_labels=self.resident_labels)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``phrasecheck.toml`` in ``start`` (default: the working directory) or above."""
    here = (start or Path.cwd()).resolve()
    return next((d / FILE_NAME for d in (here, *here.parents) if (d / FILE_NAME).is_file()), None)


def load_config(start: Path | None = None, explicit: Path | None = None) -> Config:
    """The configuration of ``explicit``, or of the nearest file; defaults when there is none."""
    path = explicit or find_config(start)
    if path is None:
        return Config()
    data, problems, text = read_toml(Path(path), "配置文件 / configuration file")
    if problems:
        raise ConfigError(problems)
    return _config(Path(path), data, TomlReader(str(path), text))


def _config(path: Path, data: dict, reader: TomlReader) -> Config:
    """The configuration in one file's ``data``; ConfigError with every problem at its line."""
    values = reader.table(data).read(CONFIG)
    paths = {key: _paths(reader, path, key, values[key]) for key in ("lexicons", "scripts")}
    if reader.problems:
        raise ConfigError(reader.sorted_problems())
    rules, roles = values["rules"], values["roles"]
    return Config(
        lang=values["lang"], **paths, disabled=rules["disable"], severities=rules["severity"],
        suggestions=rules["suggestion"],
        matching=MatchSettings(**values["matching"]), staff_labels=roles["staff"], resident_labels=roles["resident"],
        grades=values["grades"], path=path, origins=_origins(reader, path, data),
    )


def _paths(reader: TomlReader, path: Path, key: str, names: tuple[str, ...]) -> tuple[Path, ...]:
    """``names`` relative to the configuration file; each that does not exist is a problem."""
    paths = tuple(path.parent / name for name in names)
    for missing in (found for found in paths if not found.exists()):
        reader.problem(None, None, key, f"路径不存在 / no such path: {missing}")
    return paths


def _origins(reader: TomlReader, path: Path, data: dict) -> dict[str, str]:
    """``file:line`` of each setting the file makes."""
    return {name: f"{path}:{reader.line(section, None, key)}" for name, (section, key) in _WRITTEN_AT.items()
            if key in (data.get(section, {}) if section else data)}


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:8]
