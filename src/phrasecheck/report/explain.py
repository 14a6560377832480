"""Output of ``phrasecheck explain``: the normalised text with its map, every decision, what came close."""

from __future__ import annotations

from rich.markup import escape

from ..i18n import tr
from ..matching.explain import Explanation

_VERDICT_STYLE = {"finding": "bold red"}
_WORDS = {
    "normalised": ("归一化文本", "normalised"),
    "map": ("对应原文位置", "original offsets"),
    "candidates": ("候选与判定", "candidates and verdicts"),
    "families": ("同类说法规则（在其关键词附近查看）", "family rules, looked at around their key words"),
    "near": ("接近但未达到的说法", "phrases nearly said"),
    "model": ("改述模型（各句被判为禁语的可能性）", "paraphrase model (each sentence's chance of being prohibited)"),
    "family_of": ("类别", "family"),
    "weighed": ("依据", "weighed"),
    "none": ("（无）", "(none)"),
    "finding": ("标出", "flagged"),
    "dropped": ("未标出，因", "not flagged:"),
    "covered_by_itself": ("同一规则在此处有更长的发现", "a longer finding of the same rule here"),
    "held": ("条件成立（是否标出见“候选与判定”）", "conditions met (whether flagged: see the candidates above)"),
    "not_held": ("条件不成立", "conditions not met"),
    "missing": ("未说到", "not said"),
    "needed": ("需要", "needed"),
    "as_resident": ("按群众的话解释（只查 role 为 resident 或 any 的规则）", "explained as a resident's words (rules of role "
                                                                  "resident or any)"),
    "residents": ("只查群众的话的规则（role = \"resident\"），工作人员的话不查", "rules about residents' words (role = "
                                                                       "\"resident\"), not looked at in staff speech"),
    "as_resident_hint": ("按群众的话解释：explain --speaker resident", "to explain it as a resident's words: "
                                                                    "explain --speaker resident"),
}
#: What stopped a near miss, by the guard's key in the verdict (``none: 我马上``): said so a lexicon's maintainer sees
#: which field of the rule to look at.
_GUARDS = {
    "none": ("规则的排除条件（none）在附近说到", "the rule's exclusion (none) said nearby"),
    "paraphrase none": ("改述模型的排除条件（[paraphrase] none）说到", "the model's exclusion ([paraphrase] none) said"),
    "not_after": ("紧跟其后的排除词（not_after）", "an exclusion right after it (not_after)"),
    "not_before": ("紧挨其前的排除词（not_before）", "an exclusion right before it (not_before)"),
    "not_after_pattern": ("紧跟其后的排除模式（not_after_pattern）", "an exclusion pattern right after it (not_after_pattern)"),
    "not_before_pattern": ("紧挨其前的排除模式（not_before_pattern）", "an exclusion pattern right before it (not_before_pattern)"),
    "word boundary": ("会切开一个词", "it would cut a word"),
    "mention": ("是在提及这句话，不是说出", "a mention of the phrase, not said"),
    "joke": ("随即说明是开玩笑", "taken back at once as a joke"),
    "covered by": ("已有更重的发现覆盖此处", "a heavier finding here covers it"),
    "second reading": ("复核模型判为不是", "the second reading says no"),
    "quoted": ("在引号内，是引述", "quoted, someone else's words"),
}


def explanation_lines(explanation: Explanation, lang: str = "zh") -> list[str]:
    """Rich-markup lines explaining one text."""
    normal = explanation.normal
    lines = [f"[bold]{_word('as_resident', lang)}[/]"] if explanation.speaker == "resident" else []
    lines += [f"[bold]{_word('normalised', lang)}[/]: {escape(normal.text) or '∅'}",
              f"  {_word('map', lang)}: " + " ".join(f"{escape(char)}{normal.offset(i)}" for i, char in enumerate(normal.text))]
    lines.append(f"[bold]{_word('candidates', lang)}[/]:")
    lines += [_decision(decision, lang) for decision in explanation.decisions] or [f"  {_word('none', lang)}"]
    lines.append(f"[bold]{_word('families', lang)}[/]:")
    for trace in explanation.families or ():
        verdict = _word("held" if trace.held else "not_held", lang)
        lines.append(f"  {escape(trace.rule.id)} 「{escape(trace.window)}」 → {verdict}")
        for part in trace.parts:
            said = escape(part.said) if part.said else f"[yellow]{_word('missing', lang)}[/]"
            lines.append(f"      {escape(part.asks)}: {said}")
    if not explanation.families:
        lines.append(f"  {_word('none', lang)}")
    lines.append(f"[bold]{_word('near', lang)}[/]:")
    lines += [f"  {escape(miss.rule.id)} “{escape(miss.form)}” ≈ “{escape(miss.said)}” {miss.similarity:.2f} "
              f"({_word('needed', lang)} {escape(miss.needed)})" for miss in explanation.near] or [f"  {_word('none', lang)}"]
    if explanation.residents:
        lines.append(f"[bold]{_word('residents', lang)}[/]:")
        lines += [f"  {escape(found.rule)} “{escape(found.text)}”" for found in explanation.residents]
        lines.append(f"  ({escape(_word('as_resident_hint', lang))})")
    if explanation.model:
        lines.append(f"[bold]{_word('model', lang)}[/]:")
        lines += [f"  「{escape(trace.segment)}」 {trace.probability:.2f} / {trace.threshold:.2f} "
                  f"{_word('family_of', lang)} {escape(trace.family)} {_word('weighed', lang)} "
                  + " ".join(f"“{escape(gram)}”" for gram in trace.evidence) for trace in explanation.model]
    return lines


def explanation_json(explanation: Explanation) -> dict:
    """The explanation as plain data (``explain --format json``)."""
    normal = explanation.normal
    return {
        "speaker": explanation.speaker,
        "normalised": normal.text,
        "offsets": [normal.offset(i) for i in range(len(normal.text))],
        "decisions": [{"rule": d.rule.id, "match": d.how, "text": d.text, "start": d.start, "end": d.end,
                       "similarity": d.similarity, "verdict": d.verdict} for d in explanation.decisions],
        "families": [{"rule": t.rule.id, "window": t.window, "holds": t.held,
                      "parts": [{"asks": p.asks, "said": p.said} for p in t.parts]} for t in explanation.families],
        "near_misses": [{"rule": m.rule.id, "phrase": m.form, "said": m.said, "similarity": m.similarity,
                         "needed": m.needed} for m in explanation.near],
        "model": [{"segment": t.segment, "probability": t.probability, "threshold": t.threshold, "family": t.family,
                   "evidence": list(t.evidence)} for t in explanation.model],
        "residents_rules": [{"rule": f.rule, "text": f.text, "start": f.start, "end": f.end} for f in explanation.residents],
    }


def _decision(decision, lang: str) -> str:
    style = _VERDICT_STYLE.get(decision.verdict, "dim")
    if decision.verdict == "finding":
        verdict = _word("finding", lang)
    elif decision.verdict == f"covered by: {decision.rule.id}":  # the same rule's longer finding
        verdict = f"{_word('dropped', lang)} {_word('covered_by_itself', lang)}"
    else:  # none: 没事 (an exclusion said near it), quoted, covered by: another rule …
        verdict = f"{_word('dropped', lang)} {_guard(decision.verdict, lang)}"
    return (f"  [{style}]{escape(verdict)}[/] {escape(decision.rule.id)} “{escape(decision.text)}” "
            f"{tr(decision.how, lang)} {decision.similarity:.2f}")


def _guard(verdict: str, lang: str) -> str:
    """A guard's verdict said in words: ``none: 我马上`` → 规则的排除条件（none）在附近说到：“我马上”."""
    key, _, what = verdict.partition(": ")
    zh, en = _GUARDS.get(key, (key, key))
    said = en if lang == "en" else zh
    return f"{said}{'：' if lang != 'en' else ': '}“{what}”" if what else said


def _word(key: str, lang: str) -> str:
    zh, en = _WORDS[key]
    return en if lang == "en" else zh
