"""Words a user reads, Chinese first, English with ``--lang en``."""

from __future__ import annotations

import re

LANGS = ("zh", "en")
#: The English half of a “中文 / English” text: after the first " / " that a Latin letter, digit, quote or bracket follows.
_ENGLISH_PART = re.compile(r" / ([A-Za-z0-9“\"'(].*)$", re.S)


def in_lang(text: str, lang: str) -> str:
    """A text written “中文 / English” as ``lang`` reads it: only its English for ``en``, all of it (Chinese first) for
    ``zh``; a text in one language as it is."""
    return english.group(1) if lang == "en" and (english := _ENGLISH_PART.search(text)) else text

_WORDS: dict[str, tuple[str, str]] = {
    "prohibited": ("禁用语", "Prohibited"),
    "courtesy": ("文明用语", "Courtesy"),
    "informal": ("不当用语", "Informal wording"),
    "missing": ("缺失", "Missing"),
    "suggestion": ("建议", "suggestion"),
    "cited": ("依据", "see"),
    "exact": ("原文", "exact"),
    "variant": ("变体", "variant"),
    "homophone": ("谐音", "homophone"),
    "fuzzy": ("近似", "fuzzy"),
    "family": ("同类说法", "family"),
    "model": ("改述模型", "model"),
    "info": ("提示", "info"),
    "low": ("轻微", "low"),
    "medium": ("一般", "medium"),
    "high": ("严重", "high"),
    "critical": ("一票否决", "critical"),
    "staff": ("工作人员", "staff"),
    "resident": ("群众", "resident"),
    "any": ("工作人员和群众", "staff and residents"),
    "role": ("查谁的话", "whose words"),
    "unknown": ("未知", "unknown"),
    "inferred": ("推断", "inferred"),
    "unfixable": ("无安全替换，未改动", "no safe replacement, left as is"),
    "replaced": ("已替换", "replaced"),
    "unsafe_fix": ("不安全的替换，未做（--unsafe）", "unsafe, not made (--unsafe)"),
    "kind": ("类型", "kind"),
    "category": ("类别", "category"),
    "severity": ("严重程度", "severity"),
    "phrase": ("说法", "phrase"),
    "variants": ("变体", "variants"),
    "note": ("说明", "note"),
    "source": ("来源", "source"),
    "flag": ("应标出", "must flag"),
    "pass": ("不应标出", "must pass"),
    "defined_in": ("定义于", "defined in"),
    "forced": ("指定", "forced"),
    "given": ("文件标明", "from the file"),
    "detected": ("自动识别", "detected"),
    "default": ("默认", "default"),
}


def pick(words: tuple[str, str], lang: str) -> str:
    """The half of a (中文, English) pair that ``lang`` reads: every table of words in ``(zh, en)`` pairs is read
    through this."""
    return words[1] if lang == "en" else words[0]


def tr(key: str, lang: str = "zh") -> str:
    """The user-facing word for ``key`` in ``lang`` (the key itself when unknown)."""
    return pick(_WORDS.get(key, (key, key)), lang)
