"""The words of batch results and reports: Chinese first, English with ``--lang en``."""

from __future__ import annotations

from ..i18n import tr

_WORDS: dict[str, tuple[str, str]] = {
    # progress and end of run
    "scoring": ("评分中", "scoring"),
    "calls_unit": ("通", "calls"),
    "rate_unit": ("通/秒", "calls/s"),
    "errors_so_far": ("错误", "errors"),
    "done": ("完成：新评分 {scored} 通，沿用已有结果 {skipped} 通，错误 {errors} 个，警告 {warnings} 个，用时 {seconds} 秒（{rate} 通/秒）",
             "Done: {scored} calls scored, {skipped} already in the store, {errors} errors, {warnings} warnings, "
             "{seconds} s ({rate} calls/s)"),
    "interrupted": ("已中断：已评分的 {scored} 通已保存，再次运行同一命令即从中断处继续",
                    "Interrupted: the {scored} calls scored are saved; run the same command again to resume"),
    "written": ("已写入 {path}", "written: {path}"),
    "problems": ("错误 {errors} 个、警告 {warnings} 个（全部记录在结果库的 errors 表中）：",
                 "{errors} errors and {warnings} warnings (all recorded in the store's errors table):"),
    "more_problems": ("……另有 {count} 个", "… and {count} more"),
    "no_calls": ("没有评分结果", "no scored calls"),
    "not_applicable": ("不适用 {count} 通：没有工作人员的发言（如来电留言），或转写未区分说话人（见上面的问题），保留在结果中但不评分",
                       "{count} calls not applicable: no staff speech (a voicemail, say), or a transcript that does not tell "
                       "who speaks (see the problems above); kept in the results, not scored"),
    "dated_by_file_time": ("{count} 通的日期取自文件修改时间：日志和文件名都没有日期（可用 --staff-from 的 (?P<date>…) 分组从文件名读取）",
                           "{count} calls are dated by their file's modification time: neither the log nor the file name gives "
                           "a date (a (?P<date>…) group in --staff-from reads it from the name)"),
    "staff_cleared": ("{count} 通通话在结果库中原有工号，本次重新评分时未给出工号，已不再归属任何坐席（是否漏了 --staff-from？）",
                      "{count} calls stored with a staff id were scored again without one and no longer count for any "
                      "staff member (was --staff-from left out?)"),
    "reviews_changed": ("{count} 通已复核的通话重新评分后机器结果有变，请在复核台重新复核（phrasecheck serve）",
                        "{count} reviewed calls were scored again and the machine now judges them differently: review "
                        "them again in the console (phrasecheck serve)"),
    # table headers
    "source": ("来源", "source"),
    "call": ("通话编号", "call id"),
    "staff_id": ("工号", "staff id"),
    "month": ("月份", "month"),
    "date": ("日期", "date"),
    "date_from": ("日期来源", "date from"),
    "date_from_content": ("通话记录", "the log"),
    "date_from_file_name": ("文件名", "file name"),
    "date_from_file_time": ("文件修改时间", "file time"),
    "date_from_unreadable": ("无法识别，未填", "unreadable, left empty"),
    "channel": ("渠道", "channel"),
    "channel_by": ("渠道依据", "channel by"),
    "roles_by": ("角色依据", "roles by"),
    "roles_by_given": ("文件标明", "given"),
    "roles_by_inferred": ("推断", "inferred"),
    "roles_by_inferred_unsure": ("推断（把握不大）", "inferred, low confidence"),
    "roles_by_swapped": ("标签对调", "labels swapped"),
    "roles_by_unknown": ("未知", "unknown"),
    "grade_note": ("等级说明", "grade note"),
    "channel_phone": ("电话", "phone"),
    "channel_reception": ("窗口接待", "reception"),
    "script": ("话术", "script"),
    "score": ("得分", "score"),
    "grade": ("等级", "grade"),
    "reviewed_score": ("复核得分", "reviewed score"),
    "reviewed_grade": ("复核等级", "reviewed grade"),
    "reviewed_mean": ("复核后平均分", "reviewed mean"),
    "reviewed_calls": ("通已复核", "calls reviewed"),
    "reviewed_as": ("复核：", "reviewed: "),
    "confirmed": ("确认", "confirmed"),
    "rejected": ("误报", "rejected"),
    "added": ("漏报", "missed"),
    "precision": ("准确率", "precision"),
    "false_alarms": ("误报示例（原因）", "false alarms (reason)"),
    "prohibited_count": ("禁用语次数", "prohibited"),
    "expressions": ("禁用语", "prohibited expressions"),
    "missed": ("缺失项", "missed items"),
    "version": ("评分版本", "scoring version"),
    "calls": ("通话数", "calls"),
    "mean": ("平均分", "mean"),
    "median": ("中位数", "median"),
    "per_100": ("每百通禁用语", "prohibited per 100 calls"),
    "top_prohibited": ("高频禁用语", "most frequent prohibited"),
    "top_missed": ("常缺项目", "most often missed"),
    "rank": ("排名", "rank"),
    "kind": ("类型", "kind"),
    "rule": ("规则", "rule"),
    "category": ("类别", "category"),
    "severity": ("严重程度", "severity"),
    "count": ("次数", "count"),
    "affected": ("涉及通话", "calls affected"),
    "share": ("占比(%)", "share (%)"),
    "message": ("说明", "message"),
    "examples": ("示例", "examples"),
    "unknown_staff": ("（未标明）", "(unknown)"),
    "no_date": ("（无日期）", "(no date)"),
    # sheets and report sections
    "sheet_calls": ("通话明细", "Calls"),
    "sheet_staff": ("坐席汇总", "Staff summary"),
    "narrow_terminal": ("终端太窄，未显示“{columns}”列；完整的表见 --out 的 .xlsx/.csv 文件",
                        "terminal too narrow: columns “{columns}” not shown; the whole table is in the --out .xlsx/.csv"),
    "sheet_violations": ("高频违规", "Top violations"),
    "sheet_problems": ("输入问题", "Input problems"),
    "problem_line": ("行", "line"),
    "problem_level": ("级别", "level"),
    "level_error": ("错误", "error"),
    "level_warning": ("警告", "warning"),
    "by_staff": ("按坐席", "By staff"),
    "by_month": ("按月份", "By month"),
    "by_rule": ("按规则", "By rule"),
    "by_channel": ("按渠道", "By channel"),
    "batch_title": ("批量评分报告", "Batch scoring report"),
    "report_title": ("评分趋势报告", "Scoring report"),
    "overview": ("概况", "Overview"),
    "histogram": ("得分分布", "Score distribution"),
    "staff_bars": ("坐席平均分", "Mean score by staff"),
    "group_bars": ("平均分", "Mean score"),
    "failing_calls": ("不合格通话", "Failing calls"),
    "failing_note": ("这里只列出不合格通话，点击一通即展开其逐通评分。全部 {calls} 通的结果见 XLSX/CSV 输出的通话明细；"
                     "在复核台（phrasecheck serve --db 结果库）可逐通浏览并复核全部通话。",
                     "Only failing calls are listed here; click one to open its scorecard. The results of all {calls} calls "
                     "are in the Calls table of the XLSX/CSV outputs; the review console (phrasecheck serve --db STORE) "
                     "browses and reviews every call."),
    "failing_left_out": ("另有 {count} 通不合格通话（得分较高者）未列出，以免页面过大。",
                         " {count} more failing calls (those with the higher scores) are left out to keep the page small."),
    "no_failing": ("没有不合格通话。", "No failing calls."),
    "axis_from": ("横轴从 {low} 分起（按数据取范围，不从 0 起）；条形颜色为平均分所在的等级，虚线为各等级的分数线。",
                  "The axis starts at {low} (fitted to the data, not from 0); a bar's colour is the grade its mean "
                  "reaches; dashed lines are the grades' lowest scores."),
    "period": ("时间范围", "period"),
    "informal": ("不当用语", "Informal wording"),
}


def word(key: str, lang: str = "zh", **values: object) -> str:
    """The batch word for ``key`` in ``lang``, with ``values`` filled in; falls back to :func:`tr`."""
    zh, en = _WORDS.get(key, (tr(key, "zh"), tr(key, "en")))
    return (en if lang == "en" else zh).format(**values)
