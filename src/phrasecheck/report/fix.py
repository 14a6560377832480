"""Output of ``phrasecheck fix``: what each edit did or why it was not made, a summary, or one JSON object."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.markup import escape

from ..fixer import Fix, FixedText
from ..i18n import in_lang, tr
from ..models import Diagnostic
from ..scoring.catalogue import Catalogue


@dataclass(slots=True)
class FixTally:
    """Replacements made (or to make), in how many files, and what was left (findings named by ``words`` in ``lang``)."""

    words: Catalogue
    lang: str = "zh"
    replacements: int = 0
    files: int = 0
    unsafe: int = 0
    by_hand: int = 0
    #: Informal wording left as it is (a suggestion, as in ``check``: never a reason to fail).
    informal: int = 0
    records: list[dict] = field(default_factory=list)
    file_records: list[dict] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    def add(self, fixed: FixedText, written: bool) -> None:
        self.replacements += len(fixed.applied)
        self.files += bool(fixed.applied)
        prohibited = [edit for edit in fixed.left if not is_informal(edit)]
        self.unsafe += sum(1 for edit in prohibited if edit.applicability == "unsafe")
        # informal wording left to a person (beside a clause only a person can fix) is to fix by hand, not for --unsafe
        self.by_hand += sum(1 for edit in fixed.left if edit.applicability == "none")
        self.informal += sum(1 for edit in fixed.left if is_informal(edit) and edit.applicability != "none")
        self.records += ([fix_record(edit, True, self.words, self.lang) for edit in fixed.applied]
                         + [fix_record(edit, False, self.words, self.lang) for edit in fixed.left])
        self.file_records.append({"path": fixed.path, "changed": bool(fixed.applied), "written": written and bool(fixed.applied),
                                  "replacements": len(fixed.applied)})
        self.problems += fixed.warnings

    def summary(self, written: bool) -> str:
        """``N replacements in M files`` and what is left, Chinese then English."""
        zh = [f"{'已替换' if written else '可替换'} {self.replacements} 处（{self.files} 个文件）"]
        en = [f"{self.replacements} replacement{'s' if self.replacements != 1 else ''} in {self.files} "
              f"file{'s' if self.files != 1 else ''}{'' if written else ' to make (--write makes them)'}"]
        if self.unsafe:
            zh.append(f"另有 {self.unsafe} 处不安全的替换未做（加 --unsafe 可做）")
            en.append(f"{self.unsafe} unsafe not made (--unsafe makes them)")
        if self.by_hand:
            zh.append(f"{self.by_hand} 处需人工修改")
            en.append(f"{self.by_hand} to fix by hand")
        if self.informal:
            zh.append(f"{self.informal} 处不当用语未改（加 --unsafe 可改）")
            en.append(f"{self.informal} informal not changed (--unsafe changes them)")
        return in_lang("；".join(zh) + " / " + "; ".join(en), self.lang)

    def document(self) -> dict:
        """The public JSON shape of ``fix --format json``."""
        return {"files": self.file_records, "fixes": self.records,
                "errors": [_problem(d) for d in self.problems if d.level == "error"],
                "warnings": [_problem(d) for d in self.problems if d.level == "warning"],
                "summary": {"replacements": self.replacements, "files": self.files, "unsafe": self.unsafe,
                            "by_hand": self.by_hand, "informal": self.informal}}


def fix_record(edit: Fix, applied: bool, words: Catalogue, lang: str) -> dict:
    """One edit of the public JSON interface: where, what, into what, how safe, and whether it was made."""
    return {
        "path": edit.path, "line": edit.line, "column": edit.column, "text": edit.text, "replacement": edit.replacement,
        "applicability": edit.applicability, "applied": applied, "reason": edit.reason, "pass": edit.round,
        "rules": list(dict.fromkeys(f.rule for f in edit.findings)),
        "findings": [{"rule": f.rule, "category": words.of(f, lang)[0], "severity": f.severity, "text": f.text, "match": f.match,
                      "similarity": f.similarity} for f in edit.findings],
    }


def is_informal(edit: Fix) -> bool:
    """Whether an edit is informal wording only."""
    return all(finding.kind == "informal" for finding in edit.findings)


def _problem(diagnostic: Diagnostic) -> dict:
    return {"path": diagnostic.path, "line": diagnostic.line, "message": diagnostic.message}


def edit_line(edit: Fix, applied: bool, lang: str) -> str:
    """``path:line:column: what happened “text” → “replacement”  rules`` in rich markup."""
    where = escape(f"{edit.path}:{edit.line}:{edit.column}:")
    rules = escape(", ".join(dict.fromkeys(f.rule for f in edit.findings)))
    if applied:
        state = f"[green]{tr('replaced', lang)}[/]"
    elif edit.applicability == "unsafe":
        state = f"[yellow]{tr('unsafe_fix', lang)}[/]"
    else:
        state = f"[red]{tr('unfixable', lang)}[/]"
    change = f"“{escape(edit.text)}”" + (f" → “{escape(edit.replacement)}”" if edit.replacement else "")
    reason = f"（{escape(in_lang(edit.reason, lang))}）" if edit.reason and not applied else ""
    return f"[bold]{where}[/] {state}: {change}{reason}  [dim]{rules}[/]"
