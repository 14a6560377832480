"""``phrasecheck fix``: rewrite the clauses that hold prohibited expressions as their courteous alternatives.

A fix follows the rules of mature linters' fixers (ruff, eslint):

* **Whole clauses.** A finding's clause (the text between two punctuation marks) is replaced by the
  rule's suggestion, so the result reads as a sentence: 有意见你去投诉好了 becomes 谢谢，欢迎您提宝贵意见,
  not 有意见谢谢，欢迎您提宝贵意见. A question or exclamation mark after it becomes 。, or ？ when the
  suggestion asks something (没看我正忙着吗？ → 请您稍等。).
* **Never overlapping.** Findings whose clauses overlap are one edit of their union, with their
  distinct suggestions once each (快点，我要下班了，明天再来吧。 → 我马上给您办手续。); neighbouring edits
  with the same suggestion, only punctuation between them, are one edit too.
* **Checked again.** The lines a pass changed are matched again and fixed again, until a pass has
  nothing left to apply (:data:`MAX_PASSES` at most), so fixing a fixed text changes nothing.
* **Safe or unsafe.** An edit is *safe* (applied by default) when every finding in it is the rule's
  wording (exact, a variant, a same-sound typo, or a fuzzy match of similarity at least
  :data:`FUZZY_FIX_SIMILARITY`), has a finished suggestion, and the clause says little else
  (:func:`_lost_limits`). It is *unsafe* (applied with ``--unsafe``) for a looser fuzzy match or a
  family match — a paraphrase the rule's words found, for which the suggestion was not written — or
  when the clause holds more words that the edit would drop. It is *none* (reported, never applied)
  without a usable suggestion (missing, unfinished, or with a slot such as 根据хх规定 to fill) or
  when the clause is mostly other words.
* **Informal wording** (kind ``informal``, e.g. 你 → 您) is replaced word for word, not by clause,
  and only with ``--unsafe`` (:func:`_word_edit`); inside a clause a prohibited edit rewrites, it
  is left to that edit. Like ``check``, which never fails a run for it, ``fix`` does not count it
  towards its exit status.
* Directives that suppress a rule for ``check`` (:mod:`phrasecheck.suppress`) suppress its fixes.
"""

from __future__ import annotations

import difflib
import io
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from .lexicon.model import SLOT_PATTERN, UNFINISHED_SUGGESTION
from .lint import MAX_LINE_CHARS
from .matching import Matcher
from .matching.matcher import RARE_LINE_BREAK
from .models import Diagnostic, Finding
from .suppress import Suppressions
from .textio import InputError

Applicability = Literal["safe", "unsafe", "none"]

#: A fuzzy match (a paraphrase or typo) at least this close to the rule's wording is a safe fix; a
#: looser one may be another sentence that resembles it, so it is applied only with ``--unsafe``.
FUZZY_FIX_SIMILARITY = 0.9
#: Passes over the changed lines before a draft counts as settled.
MAX_PASSES = 4
#: Lines fixed together: each pass matches them in one call, and what a pass keeps grows with them, not the draft.
CHUNK_LINES = 2_000
#: What ends a clause: punctuation, quotes and brackets, white space.
BOUNDARY = re.compile(r"[，,。.！!？?；;：:、…—～~“”‘’\"'()（）\[\]【】《》〈〉「」『』\s]")
#: Sentence-final particles and fillers: a clause may lose them without losing words.
PARTICLES = frozenset("吧呢啊呀嘛啦哦哈哇嗯呃喔噢唉哎么了")
#: Particles left off the end of words shown as dropped (not 么 and 了, which end words too: 什么, 为了).
_TRAILING = "".join(sorted(PARTICLES - set("么了")))
_FINAL = "。.！!？?"


@dataclass(frozen=True, slots=True)
class Fix:
    """One edit of one line: ``text`` (whole clauses, at ``start``:``end`` of the line as it was when
    the edit was planned, in pass ``round``) becomes ``replacement`` (``None``: nothing to put there)."""

    path: str
    line: int
    start: int
    end: int
    text: str
    replacement: str | None
    applicability: Applicability
    reason: str
    findings: tuple[Finding, ...]
    round: int = 1

    @property
    def column(self) -> int:
        """1-based, in characters."""
        return self.start + 1

    def applies(self, unsafe: bool) -> bool:
        """Whether the edit is made: safe ones always, unsafe ones with ``unsafe``, others never."""
        return self.applicability == "safe" or (unsafe and self.applicability == "unsafe")


@dataclass(slots=True)
class FixedText:
    """A draft after fixing: its lines (each with its ending), the edits made in order, the edits left
    for a person (each line's from its last check), and warnings (suppressions that hid nothing)."""

    path: str
    lines: list[str]
    applied: list[Fix] = field(default_factory=list)
    left: list[Fix] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.lines)


#: A line longer than ``check`` matches (tried only where a line starts, so the search is linear).


def fix_text(matcher: Matcher, text: str, path: str, unsafe: bool = False) -> FixedText:
    """``text`` with its prohibited expressions fixed; InputError if a line is too long to match (the
    file is then left as it is, rather than rewritten with that line unchecked)."""
    return fix_lines(matcher, io.StringIO(text, newline="").readlines(), path, unsafe)


def fix_lines(matcher: Matcher, lines: list[str], path: str, unsafe: bool = False) -> FixedText:
    """Fix each line (a phrase never crosses a line break), :data:`CHUNK_LINES` lines at a time so that what is kept
    while fixing stays bounded (a staff trial's 20 MB draft took 1 GB), pass after pass, until a pass changes
    nothing; ``lines`` is not modified. After the first pass only the parts of lines around the
    last pass's replacements (:func:`_windows`) are matched again, so a long line costs no more
    for being fixed in several passes. InputError if a line is too long to match."""
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS and len(line.rstrip("\r\n")) > MAX_LINE_CHARS:
            raise InputError(path, f"行过长（超过 {MAX_LINE_CHARS} 个字符），未修改 / line longer than {MAX_LINE_CHARS} "
                                   "characters; not fixed", number)
    result = FixedText(path, list(lines))
    suppressions = Suppressions(path)
    for number, line in enumerate(lines, 1):
        suppressions.read(number, line)
    for first in range(0, len(lines), CHUNK_LINES):
        _fix_chunk(matcher, result, suppressions, range(first, min(first + CHUNK_LINES, len(lines))), unsafe)
    result.warnings = suppressions.unused() + result.warnings
    return result


def _fix_chunk(matcher: Matcher, result: FixedText, suppressions: Suppressions, indices: range, unsafe: bool) -> None:
    """Fix the lines at ``indices`` of ``result`` in passes (see :func:`fix_lines`), adding to its edits and warnings."""
    path = result.path
    left: dict[int, list[Fix]] = {}
    pending = {index: [(0, len(result.lines[index]))] for index in indices}
    for round_ in range(1, MAX_PASSES + 1):
        spans = [(index, start, end) for index, windows in pending.items() for start, end in windows]
        found = matcher.find_many([result.lines[index][start:end] for index, start, end in spans])
        edits: dict[int, list[Fix]] = {index: [] for index in pending}
        for (index, start, end), in_span in zip(spans, found):
            shown = [f for f in in_span if not suppressions.hides(index + 1, f.rule)]
            edits[index] += [replace(edit, start=edit.start + start, end=edit.end + start) for edit in
                             plan_line(path, index + 1, result.lines[index][start:end], shown, round_)]
        matched, pending = pending, {}
        for index, planned in edits.items():
            made = [edit for edit in planned if edit.applies(unsafe)]
            kept = [edit for edit in left.get(index, []) if not _inside_spans(edit, matched[index])]
            left[index] = _shifted(sorted(kept + [e for e in planned if not e.applies(unsafe)], key=lambda e: e.start), made)
            if not left[index]:
                del left[index]
            if made:
                result.lines[index] = apply_edits(result.lines[index], made)
                result.applied += made
                pending[index] = _covering(_windows(result.lines[index], made), left.get(index, []))
        if not pending:
            break
    else:
        result.warnings += [Diagnostic(path, i + 1, f"修改 {MAX_PASSES} 遍后仍有可改之处，请人工核对 / still changing after "
                                                    f"{MAX_PASSES} passes; check it by hand", "warning") for i in pending]
    result.left += [edit for index in sorted(left) for edit in left[index]]


#: Characters matched again on either side of a replacement (more than the longest phrase spans).
RECHECK_CONTEXT = 64


def _inside_spans(edit: Fix, spans: list[tuple[int, int]]) -> bool:
    """Whether ``edit`` lies in one of ``spans`` (sorted, not overlapping): it was planned again."""
    at = bisect_right(spans, (edit.start, float("inf"))) - 1
    return at >= 0 and edit.end <= spans[at][1]


def _shifted(edits: list[Fix], made: list[Fix]) -> list[Fix]:
    """``edits`` (sorted, none overlapping ``made``) placed in the line after ``made`` is applied."""
    shifted, delta, done = [], 0, 0
    made = sorted(made, key=lambda e: e.start)
    for edit in edits:
        while done < len(made) and made[done].end <= edit.start:
            delta += len(made[done].replacement) - (made[done].end - made[done].start)
            done += 1
        shifted.append(replace(edit, start=edit.start + delta, end=edit.end + delta) if delta else edit)
    return shifted


def _windows(line: str, made: list[Fix]) -> list[tuple[int, int]]:
    """The parts of the fixed ``line`` to match again: each replacement with :data:`RECHECK_CONTEXT`
    characters either side, widened to whole clauses (a closing mark included), overlapping ones merged.
    Marks are looked for only between one window and the next, so a pass reads the line once at most."""
    windows: list[list[int]] = []
    delta, after = 0, -1  # the first mark found after the last window (-1: none looked for yet)
    for edit in sorted(made, key=lambda e: e.start):
        start = edit.start + delta
        end = start + len(edit.replacement)
        delta += len(edit.replacement) - (edit.end - edit.start)
        low = _mark_before(line, start - RECHECK_CONTEXT, windows[-1][1] if windows else 0)
        if after < end + RECHECK_CONTEXT:
            found = BOUNDARY.search(line, max(end + RECHECK_CONTEXT, 0))
            after = found.start() if found else len(line)
        window = [low, min(after + 1, len(line))]
        if windows and window[0] <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], window[1])
        else:
            windows.append(window)
    return [(start, end) for start, end in windows]


def _mark_before(line: str, position: int, floor: int) -> int:
    """Just after the last clause mark before ``position``, looking no further back than ``floor``
    (where the previous window ends: a window reaching it is merged with it anyway)."""
    found = None
    for found in BOUNDARY.finditer(line, floor, max(position, floor)):
        pass
    return found.start() + 1 if found else floor


def _covering(windows: list[tuple[int, int]], kept: list[Fix]) -> list[tuple[int, int]]:
    """``windows`` stretched over each edit left for later that they cut into (sorted, none
    overlapping), so that no phrase is matched again by halves."""
    starts = [edit.start for edit in kept]
    covered: list[tuple[int, int]] = []
    for start, end in windows:
        first = bisect_right(starts, start) - 1
        if first >= 0 and kept[first].end > start:
            start = kept[first].start
        last = bisect_left(starts, end) - 1
        if last >= 0 and kept[last].end > end:
            end = kept[last].end
        if covered and start <= covered[-1][1]:
            covered[-1] = (covered[-1][0], max(covered[-1][1], end))
        else:
            covered.append((start, end))
    return covered


def plan_line(path: str, number: int, line: str, found: list[Finding], round_: int = 1) -> list[Fix]:
    """The edits for the prohibited and informal findings of one line, none overlapping another, in line order."""
    clauses = _clause_edits(path, number, line, [f for f in found if f.kind == "prohibited"], round_)
    starts = [edit.start for edit in clauses]  # in line order, none overlapping
    words = [_word_edit(path, number, f, round_) for f in found if f.kind == "informal"
             and not _inside(clauses, starts, f)]
    return sorted(clauses + _beside_hand_fixes(line, clauses, words), key=lambda edit: edit.start)


def _beside_hand_fixes(line: str, clauses: list[Fix], words: list[Fix]) -> list[Fix]:
    """``words`` with those in a sentence that holds a clause only a person can fix left to that person too: 你 made 您
    beside 这是规定 你懂不懂 excused it (a gas hotline's trial: the fixed file passed ``check``)."""
    by_hand = [edit for edit in clauses if edit.applicability == "none"]
    if not by_hand:
        return words
    return [_left_to_the_person(word, hand) if (hand := next((edit for edit in by_hand if _same_sentence(line, edit, word)),
                                                             None)) else word
            for word in words]


def _left_to_the_person(edit: Fix, by_hand: Fix) -> Fix:
    """``edit`` not made, since ``by_hand`` in its sentence needs a person: the whole sentence is theirs."""
    return replace(edit, applicability="none", reason=f"句中的“{by_hand.text}”须人工修改，同句也一并留给人工 / “{by_hand.text}” in "
                                                      "the same sentence needs a person: the rest of it is left to them too")


def _same_sentence(line: str, one: Fix, other: Fix) -> bool:
    """Whether no sentence-final mark stands between ``one`` and ``other``."""
    low, high = sorted((one, other), key=lambda edit: edit.start)
    return not any(mark in line[low.end:high.start] for mark in _FINAL)


def _inside(clauses: list[Fix], starts: list[int], finding: Finding) -> bool:
    """Whether ``finding`` overlaps one of the clause edits (found by bisection: they are sorted)."""
    at = bisect_left(starts, finding.end) - 1
    return at >= 0 and clauses[at].end > finding.start


def _word_edit(path: str, number: int, finding: Finding, round_: int) -> Fix:
    """Informal wording (你 for 您) is replaced word for word, and only with ``--unsafe``: the rule's
    pattern cannot tell 你 said to the resident from 你 in a quotation or inside a word (迷你)."""
    replacement = safe_suggestion(finding.suggestion)
    if replacement is None:
        return Fix(path, number, finding.start, finding.end, finding.text, None, "none",
                   "无可用的建议说法 / no usable suggestion", (finding,), round_)
    return Fix(path, number, finding.start, finding.end, finding.text, replacement, "unsafe",
               "不当用语，逐词替换，请核对语境 / informal wording, replaced word for word: check the context",
               (finding,), round_)


def _clause_edits(path: str, number: int, line: str, prohibited: list[Finding], round_: int) -> list[Fix]:
    """Whole-clause edits for the prohibited findings, overlapping ones merged."""
    if not prohibited:
        return []
    content = len(line.rstrip("\r\n"))
    marks = [m.start() for m in BOUNDARY.finditer(line, 0, content)]
    groups: list[list] = []  # [clause start, clause end, findings]
    for start, end, finding in sorted(((*_clause(marks, f, content), f) for f in prohibited), key=lambda g: g[:2]):
        last = groups[-1] if groups else None
        if last and (start < last[1] or _same_neighbours(line, last, start, finding)):
            last[1] = max(last[1], end)
            last[2].append(finding)
        else:
            groups.append([start, end, [finding]])
    edits = [_edit(path, number, line, content, start, end, tuple(findings), round_) for start, end, findings in groups]
    starts = [edit.start for edit in edits]   # in order, none overlapping
    return _whole_sentences(line, [_unless_told_off_after(line, edit, edits, starts) for edit in edits])


def _whole_sentences(line: str, edits: list[Fix]) -> list[Fix]:
    """``edits`` (in order) with the safe ones made unsafe in a sentence where another is not safe: half a sentence
    rewritten reads against its other half (急什么急，请您稍等), and the courtesy put in can excuse the rudeness left, so
    that ``check`` no longer sees it (an outside trial's fixed draft passed). In a sentence where one needs a person, all
    are left to that person, ``--unsafe`` or not (规定就是这么定的，我也没办法 → 规定就是这么定的，请稍等，我帮您问一下… had
    passed ``check``: a second trial)."""
    sentences: list[list[int]] = []
    for index, edit in enumerate(edits):
        before = edits[index - 1] if index else None
        if before is None or line[before.end - 1] in _FINAL or any(mark in line[before.end:edit.start] for mark in _FINAL):
            sentences.append([])
        sentences[-1].append(index)
    for members in sentences:
        if (by_hand := next((edits[i] for i in members if edits[i].applicability == "none"), None)) is not None:
            for i in members:
                if edits[i].applicability != "none":
                    edits[i] = _left_to_the_person(edits[i], by_hand)
            continue
        left = next((edits[i] for i in members if edits[i].applicability != "safe"), None)
        for i in members if left is not None else ():
            if edits[i].applicability == "safe":
                edits[i] = replace(edits[i], applicability="unsafe",
                                   reason=f"句中的“{left.text}”不能安全替换，只改一半会自相矛盾 / “{left.text}” in the same sentence "
                                          "cannot be replaced safely: half the sentence rewritten reads against the rest")
    return edits


def _clause(marks: list[int], finding: Finding, content: int) -> tuple[int, int]:
    """The clauses a finding lies in: from after the mark before it to the mark after it."""
    before = bisect_left(marks, finding.start)
    after = bisect_left(marks, finding.end)
    return (marks[before - 1] + 1 if before else 0), (marks[after] if after < len(marks) else content)


def _same_neighbours(line: str, group: list, start: int, finding: Finding) -> bool:
    """Whether a clause of the same sentence, only a comma or the like away from the group's end, would
    get the same suggestion (then one edit says it once)."""
    gap = line[group[1]:start]
    return (not BOUNDARY.sub("", gap) and not any(mark in gap for mark in _FINAL) and not RARE_LINE_BREAK.search(gap)
            and {safe_suggestion(f.suggestion) for f in group[2]} == {safe_suggestion(finding.suggestion)} != {None})


def _edit(path: str, number: int, line: str, content: int, start: int, end: int, findings: tuple[Finding, ...],
          round_: int) -> Fix:
    suggestions = list(dict.fromkeys(s for f in findings if (s := safe_suggestion(f.suggestion))))
    if not suggestions:
        return Fix(path, number, start, end, line[start:end], None, "none", "无可用的建议说法 / no usable suggestion",
                   findings, round_)
    core = _said_once(s.rstrip(_FINAL) for s in suggestions)
    replacement = core
    if end < content and line[end] in _FINAL:
        replacement += "？" if _asks(core) else line[end] if line[end] in "。." else "。"
        while end < content and line[end] in _FINAL:   # 好吗？？？ ends once (a trial's fix left 。？？)
            end += 1
    partial = any(safe_suggestion(f.suggestion) is None for f in findings)
    applicability, reason = _applicability(line, start, end, findings, partial)
    return Fix(path, number, start, end, line[start:end], replacement, applicability, reason, findings, round_)


def _said_once(suggestions: Iterable[str]) -> str:
    """The suggestions joined by commas, each clause said once: one already said is left out, one that goes on from an
    earlier one takes its place (这个我不太清楚，请稍等，我帮您问一下 + 请稍等，我帮您问一下其他社工 → 这个我不太清楚，请稍等，
    我帮您问一下其他社工 — a trainer's trial had the offer twice)."""
    clauses: list[str] = []
    for suggestion in suggestions:
        for clause in filter(None, (part.strip() for part in re.split("[，,]", suggestion))):
            if any(said.startswith(clause) for said in clauses):
                continue
            clauses = [clause if clause.startswith(said) else said for said in clauses]
            if clause not in clauses:
                clauses.append(clause)
    return "，".join(clauses)


def _asks(suggestion: str) -> bool:
    """Whether a suggestion is a question (its last clause starts with 请问, or it ends with 吗 or 呢)."""
    return suggestion.endswith(("吗", "呢")) or suggestion.rsplit("，", 1)[-1].startswith("请问")


def _applicability(line: str, start: int, end: int, findings: tuple[Finding, ...], partial: bool) -> tuple[Applicability, str]:
    """Safe, unsafe or none, and why (empty when safe)."""
    if any(f.match == "model" for f in findings):
        return "none", "改述模型的判断，没有可替换的原话，请人工修改 / the paraphrase model's judgement names no wording to replace: fix it by hand"
    lost, said = _lost_words(line, start, end, findings)
    covered = sum(f.end - f.start for f in findings)
    safe_limit, unsafe_limit = _lost_limits(covered)
    if lost > unsafe_limit:
        return "none", f"分句中其他词语过多（{said[:12]}…），请人工修改 / the clause says much else; fix it by hand"
    doubts = {_doubt(finding) for finding in findings}
    reasons = [reason for reason in (_FAMILY, _LOOSE) if reason in doubts]
    if partial:
        reasons.append("其中有的发现无可用建议 / some findings in it have no usable suggestion")
    if lost > safe_limit:
        reasons.append(f"会删去“{said}” / drops “{said}”")
    return ("unsafe", "；".join(reasons)) if reasons else ("safe", "")


#: A clause telling the resident not to (别跟我说, 不要天天打电话来): after an edit in the same sentence, what was
#: said goes on, and the courteous suggestion would read against it (谢谢，欢迎您提宝贵意见，别跟我说).
#: Not comfort nor a reminder (您别着急, 不要紧的, 不要不好意思, 您别嫌麻烦; 别忘了带户口本, 不要把原件弄丢了). An order to hurry
#: too (多大人了，有什么不好意思的，赶紧脱 rewritten as 请放心，…保护您的隐私，赶紧脱: a hospital trial).
_TELLING_OFF = re.compile(r"(?:以后|下次|今后|再)?(?:你|您|你们)?(?:可|就|也|再)?(?:别|不要|少|甭|用不着)"
                          r"(?!着?急|担心|客气|介意|害怕|怕|慌|紧张|紧|不好意思|嫌|忘|把|落下|弄丢|丢|走错|跑错|跑冤枉路)[\u4e00-\u9fff]"
                          r"|(?:你|你们)?(?:赶紧|赶快|快点|快些|麻利点?|抓紧)[\u4e00-\u9fff]")


#: Characters after an edit, in its sentence, read for a clause telling the resident off: the next clause or two
#: (a line of thousands of edits and no full stop is read in linear time).
TOLD_OFF_REACH = 24


def _unless_told_off_after(line: str, edit: Fix, edits: list[Fix], starts: list[int]) -> Fix:
    """A safe ``edit`` made unsafe when a clause soon after it in its sentence (none when the edit ends it), that no
    other safe edit rewrites, tells the resident off."""
    if edit.applicability != "safe" or line[edit.end - 1] in _FINAL:
        return edit
    reach = min(len(line), edit.end + TOLD_OFF_REACH)
    final = min((found for mark in _FINAL if (found := line.find(mark, edit.end, reach)) >= 0), default=reach)
    start = edit.end
    for mark in [*BOUNDARY.finditer(line, edit.end, final), None]:
        end = mark.start() if mark else final
        clause = line[start:end]
        if _TELLING_OFF.match(clause) and not _rewritten(edits, starts, start):
            return replace(edit, applicability="unsafe", reason=f"句中其后的“{clause}”仍在，与建议说法相悖 / “{clause}” "
                                                                "stays after it in the sentence, against the suggestion")
        start = end + 1
    return edit


def _rewritten(edits: list[Fix], starts: list[int], position: int) -> bool:
    """Whether a safe edit of ``edits`` (in order, by their ``starts``) rewrites ``position``."""
    before = bisect_right(starts, position) - 1
    return before >= 0 and edits[before].end > position and edits[before].applicability == "safe"


_FAMILY = "同类说法匹配，建议说法未必贴切 / a family match: the suggestion was written for other words"
_LOOSE = "近似匹配，未必是同一句话 / a loose fuzzy match: it may be another sentence"


def _doubt(finding: Finding) -> str | None:
    """Why the rule's suggestion may not fit what was said (None: it was the rule's own wording)."""
    if finding.match == "family":
        return _FAMILY
    if finding.match == "fuzzy" and finding.similarity < FUZZY_FIX_SIMILARITY:
        return _LOOSE
    return None


def finding_fix(finding: Finding) -> tuple[str | None, Applicability]:
    """What would replace this finding's words, and how safely: ``safe`` for the rule's own wording with
    a finished suggestion; ``unsafe`` for a family or loose fuzzy match, or informal wording (replaced
    word for word); ``none`` without a usable suggestion or for the paraphrase model's judgement.
    ``fix`` rewrites the finding's whole clause, which may make an edit less safe (:func:`_applicability`)."""
    replacement = safe_suggestion(finding.suggestion)
    if replacement is None or finding.match == "model":
        return None, "none"
    return replacement, "unsafe" if finding.kind == "informal" or _doubt(finding) else "safe"


def _lost_words(line: str, start: int, end: int, findings: tuple[Finding, ...]) -> tuple[int, str]:
    """What the edit removes besides the findings: how many characters, neither punctuation nor a particle (了
    counts), and the words they stand in, as said (我…你怎么还不明白: runs between the findings, joined by …)."""
    covered = bytearray(end - start)
    for finding in findings:
        covered[max(finding.start, start) - start:min(finding.end, end) - start] = b"\1" * (
            max(0, min(finding.end, end) - max(finding.start, start)))
    kept, attached = [], False   # a particle right after a finding ends it (说了多少遍了): not a word dropped
    for char, inside in zip(line[start:end], covered):
        attached = bool(inside) or (attached and char in PARTICLES)
        kept.append(" " if attached or BOUNDARY.match(char) else char)
    runs = [run.rstrip(_TRAILING) for run in "".join(kept).split()]
    runs = [run for run in runs if run and not set(run) <= PARTICLES]
    # a 了 left in a run is part of what is said (机器坏了: a reason the edit would drop), not a particle
    return sum(char not in PARTICLES or char == "了" for run in runs for char in run), "…".join(runs)


def _lost_limits(covered: int) -> tuple[int, int]:
    """How many other characters a clause may lose in a safe edit, and in an unsafe one (more: none)."""
    return max(3, covered // 2), max(8, 2 * covered)


def safe_suggestion(suggestion: str | None) -> str | None:
    """The suggestion if it can stand in the text as it is: not missing, unfinished, or with slots to fill."""
    if not suggestion or suggestion == UNFINISHED_SUGGESTION or SLOT_PATTERN.search(suggestion) or "\n" in suggestion:
        return None
    return suggestion


def apply_edits(line: str, edits: list[Fix]) -> str:
    """``line`` with each edit made (none overlap); every other character stays as it was."""
    pieces, position = [], 0
    for edit in sorted(edits, key=lambda e: e.start):
        pieces += [line[position:edit.start], edit.replacement]
        position = edit.end
    return "".join(pieces) + line[position:]


def unified_diff(path: str, before: str, after: str, context: int = 3) -> list[str]:
    """The change as unified-diff lines (without line endings).

    A fix rewrites lines in place, so the changed lines are found by comparing the two texts line
    by line, in linear time (difflib's matcher is quadratic on long drafts, and loses its way in one
    whose lines repeat). Only when a replacement adds or removes a line break is difflib needed.
    """
    old, new = before.splitlines(), after.splitlines()
    if len(old) != len(new):
        return list(difflib.unified_diff(old, new, path, path, lineterm=""))
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    if not changed:
        return []
    lines = [f"--- {path}", f"+++ {path}"]
    for first, last in _hunks(changed, context):
        start, stop = max(0, first - context), min(len(old), last + context + 1)
        span = _range(start, stop)
        lines.append(f"@@ -{span} +{span} @@")
        at = start
        while at < stop:
            run_end = at
            while run_end < stop and old[run_end] != new[run_end]:
                run_end += 1
            if run_end == at:
                lines.append(" " + old[at])
                at += 1
            else:
                lines += ["-" + line for line in old[at:run_end]] + ["+" + line for line in new[at:run_end]]
                at = run_end
    return lines


def _hunks(changed: list[int], context: int) -> list[tuple[int, int]]:
    """Changed lines grouped as difflib groups them: closer than two contexts apart, one hunk."""
    hunks = [[changed[0], changed[0]]]
    for line in changed[1:]:
        if line - hunks[-1][1] - 1 > 2 * context:
            hunks.append([line, line])
        else:
            hunks[-1][1] = line
    return [(first, last) for first, last in hunks]


def _range(start: int, stop: int) -> str:
    """A hunk's line range as unified diff writes it (difflib's ``_format_range_unified``)."""
    length = stop - start
    return str(start + 1) if length == 1 else f"{start + 1 if length else start},{length}"
