"""Output of ``phrasecheck explain``: the normalised text with its map, every decision, what came close."""

from __future__ import annotations

from rich.markup import escape

from ..i18n import pick, tr
from ..lexicon.conditions import describe
from ..matching.explain import Explanation
from ..models import severity_rank

_VERDICT_STYLE = {"finding": "bold red"}
_WORDS = {
    "normalised": ("归一化文本", "normalised"),
    "map": ("对应原文位置", "original offsets"),
    "inferred": ("推断的句末（｜，无标点处或长句的逗号处）",
                 "sentence ends read (｜, where no marks were written or at the commas of a run-on sentence)"),
    "candidates": ("候选与判定", "candidates and verdicts"),
    "families": ("同类说法规则（在其关键词附近查看；部分条件成立的也列出）", "family rules, looked at around their key words "
                                                            "(and those some of whose conditions were met)"),
    "near": ("接近但未达到的说法", "phrases nearly said"),
    "model": ("改述模型（各句被判为禁语的可能性）", "paraphrase model (each sentence's chance of being prohibited)"),
    "family_of": ("类别", "family"),
    "weighed": ("依据", "weighed"),
    "none": ("（无）", "(none)"),
    "finding": ("标出", "flagged"),
    "dropped": ("未标出，因", "not flagged:"),
    "covered_by_itself": ("同一规则在此处已有先取的发现", "a finding of the same rule here, taken first"),
    "covered_graver": ("已有更重的发现覆盖此处", "a graver finding here covers it"),
    "covered_equal": ("已有同样重、先取的发现覆盖此处", "an equally grave finding, taken first, covers it"),
    "covered_lighter": ("已有较轻、但先取的发现覆盖此处", "a lighter finding, taken first, covers it"),
    "covered_courtesy": ("已有另一条文明用语的发现覆盖此处", "another courtesy finding here covers it"),
    "held": ("条件成立（是否标出见“候选与判定”）", "conditions met (whether flagged: see the candidates above)"),
    "not_held": ("接近：部分条件成立，未标出", "near miss: conditions partly met, not flagged"),
    "missing": ("未说到", "not said"),
    "others_unsaid": ("（另有 {count} 个写法未说到；--format json 全部列出）", "({count} other wordings not said; --format json lists all)"),
    "excluded": ("说到了，而此条件排除它", "said, which this excludes"),
    "not_said": ("未说到（此条件要求如此）", "not said, as this requires"),
    "ordered": ("各部分都说到，但不是按所写的顺序（ordered = true）", "every part said, but not in the order written "
                                                          "(ordered = true)"),
    "gap": ("各部分都说到，但不是按顺序、前后相隔不超过 {gap} 字（gap = {gap}）", "every part said, but not in order at most "
                                                               "{gap} characters apart (gap = {gap})"),
    "together": ("各部分单独都说到，但不能同时成立（同一处的词不能算作两个部分）", "every part said, but not at once (the "
                                                           "same words cannot be two parts)"),
    "guards": ("附近未说到其排除条件", "its exclusions, not said nearby"),
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
    "second reading": ("复核模型判为不是", "the second reading says no"),
    "quoted": ("在引号内，是引述", "quoted, someone else's words"),
}


def explanation_lines(explanation: Explanation, lang: str = "zh") -> list[str]:
    """Rich-markup lines explaining one text."""
    normal = explanation.normal
    lines = [f"[bold]{_word('as_resident', lang)}[/]"] if explanation.speaker == "resident" else []
    lines += [f"[bold]{_word('normalised', lang)}[/]: {escape(normal.text) or '∅'}",
              f"  {_word('map', lang)}: " + " ".join(f"{escape(char)}{normal.offset(i)}" for i, char in enumerate(normal.text))]
    if normal.inferred:
        lines.append(f"  {_word('inferred', lang)}: {escape(_with_ends(normal.text, normal.inferred))}")
    lines.append(f"[bold]{_word('candidates', lang)}[/]:")
    for decision in explanation.decisions:
        lines += [_decision(decision, lang)] + _guards_not_said(decision, lang)
    if not explanation.decisions:
        lines.append(f"  {_word('none', lang)}")
    lines.append(f"[bold]{_word('families', lang)}[/]:")
    for trace in explanation.families + explanation.half_met:
        verdict = _word("held" if trace.held else "not_held", lang)
        lines.append(f"  {escape(trace.rule.id)} 「{escape(trace.window)}」 → {verdict}")
        # a family that held lists what held it, not every other wording it has (a metro trial: 30 lines for one rule)
        shown = [part for part in trace.parts if part.said or part.excludes] if trace.held else trace.parts
        lines += [f"      {escape(part.asks)}: {_part_said(part, lang)}" for part in shown]
        if hidden := len(trace.parts) - len(shown):
            lines.append(f"      {_word('others_unsaid', lang).format(count=hidden)}")
        if trace.unmet:
            key, _, gap = trace.unmet.partition(" ")
            lines.append(f"      [yellow]{escape(_word(key, lang).format(gap=gap))}[/]")
    if not explanation.families + explanation.half_met:
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


def _with_ends(text: str, ends: tuple[int, ...]) -> str:
    """``text`` with ｜ at each of ``ends``."""
    edges = (0, *ends, len(text))
    return "｜".join(text[low:high] for low, high in zip(edges, edges[1:]))


def explanation_json(explanation: Explanation) -> dict:
    """The explanation as plain data (``explain --format json``)."""
    normal = explanation.normal
    return {
        "speaker": explanation.speaker,
        "normalised": normal.text,
        "offsets": [normal.offset(i) for i in range(len(normal.text))],
        "inferred_sentence_ends": [normal.offset(end) for end in normal.inferred],
        "decisions": [{"rule": d.rule.id, "match": d.how, "text": d.text, "start": d.start, "end": d.end,
                       "similarity": d.similarity, "verdict": d.verdict,
                       **({"none_not_said": _guard_words(d)} if d.verdict == "finding" and _guard_words(d) else {})}
                      for d in explanation.decisions],
        "families": [_trace_json(trace) for trace in explanation.families],
        "half_met": [_trace_json(trace) for trace in explanation.half_met],
        "near_misses": [{"rule": m.rule.id, "phrase": m.form, "said": m.said, "similarity": m.similarity,
                         "needed": m.needed} for m in explanation.near],
        "model": [{"segment": t.segment, "probability": t.probability, "threshold": t.threshold, "family": t.family,
                   "evidence": list(t.evidence)} for t in explanation.model],
        "residents_rules": [{"rule": f.rule, "text": f.text, "start": f.start, "end": f.end} for f in explanation.residents],
    }


def _trace_json(trace) -> dict:
    return {"rule": trace.rule.id, "window": trace.window, "holds": trace.held, "unmet": trace.unmet or None,
            "parts": [{"asks": part.asks, "said": part.said, "holds": part.held} for part in trace.parts]}


def _decision(decision, lang: str) -> str:
    style = _VERDICT_STYLE.get(decision.verdict, "dim")
    if decision.verdict == "finding":
        verdict = _word("finding", lang)
    elif decision.verdict == f"covered by: {decision.rule.id}":  # the same rule's finding, taken first
        verdict = f"{_word('dropped', lang)} {_word('covered_by_itself', lang)}"
    elif decision.cover is not None:  # another rule's finding: said how grave it is beside this one
        verdict = f"{_word('dropped', lang)} {_word(_cover_key(decision), lang)}{_colon(lang)}“{decision.cover.id}”"
    else:  # none: 没事 (an exclusion said near it), quoted, covered by: another rule …
        verdict = f"{_word('dropped', lang)} {_guard(decision.verdict, lang)}"
    return (f"  [{style}]{escape(verdict)}[/] {escape(decision.rule.id)} “{escape(decision.text)}” "
            f"{tr(decision.how, lang)} {decision.similarity:.2f}")


def _part_said(part, lang: str) -> str:
    """What was said for one part of a family's condition, or that nothing was (as it must be, for a ``not``)."""
    if part.excludes:
        return (f"[yellow]“{escape(part.said)}” {_word('excluded', lang)}[/]" if not part.held
                else _word("not_said", lang))
    return escape(part.said) if part.said else f"[yellow]{_word('missing', lang)}[/]"


#: How much of a rule's exclusions a finding's explanation shows.
_GUARD_CHARS = 60


def _guard_words(decision) -> dict[str, str]:
    """The exclusions (``none``, ``none_in_sentence``) of a finding's rule, written as the rule writes them, in short."""
    rule = decision.rule
    found = {key: describe(condition) for key, condition in (("none", rule.none), ("none_in_sentence", rule.none_in_sentence))
             if condition is not None}
    return {key: words if len(words) <= _GUARD_CHARS else words[:_GUARD_CHARS] + "…" for key, words in found.items()}


def _guards_not_said(decision, lang: str) -> list[str]:
    """For a finding (a false alarm, maybe): the exclusions its rule looked for near it, none of which was said."""
    guards = _guard_words(decision) if decision.verdict == "finding" else {}
    return [f"      [dim]{_word('guards', lang)}: " + "; ".join(f"{key} = {escape(words)}" for key, words in guards.items())
            + "[/]"] if guards else []


def _cover_key(decision) -> str:
    """How the finding covering a candidate compares with it: graver, as grave, lighter (or both courteous)."""
    if decision.rule.kind == decision.cover.kind == "courtesy":
        return "covered_courtesy"
    graver = severity_rank(decision.cover.severity) - severity_rank(decision.rule.severity)
    return "covered_graver" if graver > 0 else "covered_equal" if graver == 0 else "covered_lighter"


def _colon(lang: str) -> str:
    return ": " if lang == "en" else "："


def _guard(verdict: str, lang: str) -> str:
    """A guard's verdict said in words: ``none: 我马上`` → 规则的排除条件（none）在附近说到：“我马上”."""
    key, _, what = verdict.partition(": ")
    said = pick(_GUARDS.get(key, (key, key)), lang)
    return f"{said}{_colon(lang)}“{what}”" if what else said


def _word(key: str, lang: str) -> str:
    return pick(_WORDS[key], lang)
