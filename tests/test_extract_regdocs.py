"""`lexicon extract` on real regulation documents it was not built on (tests/data/regdocs).

The dev half may be looked at and tested in detail. The held-out half is never scored here: a floor on
it, checked on every run, would tell whoever tunes the extractor, change by change, whether the held-out
documents liked it. It is measured by ``benchmarks/extract_quality.py --sets heldout`` at the end of a
round of tuning, and the figures go to the README.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from phrasecheck.ruletools.check import check_files
from phrasecheck.ruletools.coverage import mark_covered
from phrasecheck.ruletools.draft import to_toml
from phrasecheck.ruletools.extract import KINDS, extract
from phrasecheck.lexicon.load import load_lexicon
from phrasecheck.matching import Matcher

ROOT = Path(__file__).resolve().parents[1]
REGDOCS = ROOT / "tests" / "data" / "regdocs"
DOCS = REGDOCS / "docs"
_spec = importlib.util.spec_from_file_location("extract_quality", ROOT / "benchmarks" / "extract_quality.py")
quality = sys.modules.setdefault("extract_quality", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(quality)

#: Per kind (precision, recall) that the dev half must keep, as tuned (rounds 1–14; round 14's advice articles and
#: shop-floor dialogues are read only in part: prohibited recall 0.92 → 0.89 when they came; round 15, untuned when it
#: came, took courtesy recall 0.912 → 0.898 and prohibited 0.899 → 0.869; tuned on, 0.899 and 0.876; round 16, untuned,
#: took courtesy 0.929 / 0.899 → 0.913 / 0.888, tuned on 0.927 / 0.892; round 17 came in at 43/58 and 19/35 found, the
#: dev half at 0.924 / 0.889 and 0.942 / 0.860; tuned on, 0.934 / 0.900 and 0.946 / 0.885; round 18 came in at 58/75
#: courtesy extracted right, 58/68 found, the dev half at 0.926 / 0.898; tuned on, 68/68 and 68/68, the dev half at 0.937 /
#: 0.905).
#: Round 19 came in at 38/49 and 38/67 courtesy, 99/152 and 99/117 prohibited: the dev half at 0.932 / 0.891 and 0.893 / 0.880;
#: tuned on, 62/64 and 62/67, 116/117 and 116/117: the dev half at 0.938 / 0.908 and 0.956 / 0.902.
#: Round 20 came in at 10/46 and 10/38 courtesy, 11/17 and 11/57 prohibited: the dev half at 0.919 / 0.894 and 0.949 / 0.858;
#: tuned on, 33/34 and 33/38, 57/57 and 57/57: the dev half at 0.940 / 0.908 and 0.958 / 0.908.
#: Round 21 came in at 20/21 and 20/31 courtesy, 4/17 and 4/65 prohibited: the dev half at 0.940 / 0.903 and 0.945 / 0.852;
#: tuned on (364's records, 365's words reported as abuse, 367's quotes said kindly), 23/24 and 23/31 courtesy, 64/64 and
#: 64/65 prohibited: the dev half at 0.940 / 0.905 and 0.961 / 0.913.
#: Round 22 came in at 75/83 and 75/97 courtesy, 6/6 and 6/12 prohibited: the dev half at 0.938 / 0.898 and 0.962 / 0.908;
#: tuned on (straight single quotes in prose, “…”，这些礼貌用语, questions with a request, a template's word choices), 88/91
#: and 88/97 courtesy, 8/8 and 8/12 prohibited: the dev half at 0.941 / 0.905 and 0.962 / 0.911.
#: Round 23 came in at 35/48 and 35/61 courtesy, 1/1 and 1/10 prohibited: the dev half at 0.936 / 0.895 and 0.962 / 0.903;
#: tuned on and then narrowed after an independent review, 45/56 and 45/61, 9/9 and 9/10: the dev half at 0.937 / 0.900 and
#: 0.962 / 0.911. Round 24 (pages nearly mined out: news, blog posts, a knowledge base) came in at 27/32 and 27/35 courtesy,
#: 2/8 and 2/6 prohibited: the dev half at 0.936 / 0.898 and 0.956 / 0.908; tuned on (避免…，回答「…」, 不要直接问「…」, 用户
#: no verb, a customer's 张女士说), 27/29 and 27/35, 5/7 and 5/6: the dev half at 0.938 / 0.898 and 0.958 / 0.911. Its courtesy
#: misses are phrases broken across lines between ** slots, a news lede's run of quotes, soothing words named after 等类似…
#: 的对话: the courtesy recall floor moved from 0.90 to 0.89 rather than tune on them one by one.
#: Round 26 (pages mined out: news items and essays quoting a line or two) came in at 23/36 and 23/46 courtesy, 5/19 and 5/8
#: prohibited: the dev half at 0.933 / 0.891 and 0.947 / 0.908; manners under 应避免的说话方式 (声音过大或过小) read as conduct,
#: not words said: 5/8 prohibited extracted right, the dev half at 0.934 / 0.891 and 0.957 / 0.908.
FLOORS = {"courtesy": (0.93, 0.89), "prohibited": (0.95, 0.90)}


def found(name: str, kind: str) -> set[tuple[int, str]]:
    return {(p.line, p.text) for p in extract(DOCS / f"{name}.txt").of_kind(kind)}


def test_the_dev_half_keeps_its_precision_and_recall():
    totals = {kind: quality.Score() for kind in KINDS}
    for document in quality.regdocs(REGDOCS):
        if document.split == "dev":
            results = quality.evaluate(document)
            for kind in KINDS:
                totals[kind].add(results[kind])
    for kind, (precision, recall) in FLOORS.items():
        assert totals[kind].precision >= precision and totals[kind].recall >= recall, (kind, totals[kind])


def _hashes(name: str) -> dict[str, str]:
    return dict(line.split("  ", 1)[::-1] for line in (REGDOCS / name).read_text("utf-8").splitlines())


def test_the_documents_and_gold_lists_are_those_written_before_tuning():
    on_disk = {path.relative_to(REGDOCS).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
               for folder in ("docs", "gold") for path in (REGDOCS / folder).iterdir()}
    on_disk["sources.jsonl"] = hashlib.sha256((REGDOCS / "sources.jsonl").read_bytes()).hexdigest()
    assert on_disk == _hashes("MANIFEST.sha256")


def test_the_held_out_sets_are_the_ones_frozen():
    """The held-out files and their rows of sources.jsonl stay byte for byte what they were when frozen
    (HELDOUT.sha256): documents added for tuning go to the dev half; a fresh held-out set (163–179, gathered
    by someone who never ran the extractor on it) is added to the file once, never changed after; so is the
    third (``heldout3``, 344–358), kept apart."""
    on_disk = {}
    for split, label in (("heldout", "held-out rows"), ("heldout3", "heldout3 rows")):
        rows = [line for line in (REGDOCS / "sources.jsonl").read_text("utf-8").splitlines(keepends=True)
                if line.strip() and json.loads(line)["split"] == split]
        on_disk |= {name: hashlib.sha256((REGDOCS / name).read_bytes()).hexdigest()
                    for row in rows for stem in [Path(json.loads(row)["file"]).stem]
                    for name in (f"docs/{stem}.txt", f"gold/{stem}.json")}
        on_disk[f"sources.jsonl ({label})"] = hashlib.sha256("".join(rows).encode("utf-8")).hexdigest()
    assert on_disk == _hashes("HELDOUT.sha256")


# --- what the dev documents look like, and what comes out of them ----------------------------------

def test_a_plugins_list_of_records_under_a_comment_naming_its_kind():
    prohibited = found("364-callcenter", "prohibited")
    assert {(11, "不可能"), (28, "这不是我的责任"), (42, "系统崩了")} <= prohibited and len(prohibited) == 58
    assert found("364-callcenter", "courtesy") == set()


def test_staff_words_a_news_item_reports_as_abuse_and_not_words_the_staff_were_abused_with():
    assert {text for _, text in found("365-welfare", "prohibited")} == {
        "你哋呢啲人成日都上嚟㗎啦,你有本事咪唔好拎綜援", "你唔滿意就去投訴,唔投訴就去投胎"}
    assert found("342-restaurant", "prohibited") == set()   # 說「不好意思」被客人嗆: the customer's words


def test_quotes_after_a_word_of_kind_manner_are_words_to_say():
    assert {text for _, text in found("367-library", "courtesy")} == {"您好!", "需要帮忙吗?", "您有什么需要?"}


def test_a_flattened_table_of_both_kinds_with_two_numberings_interleaved():
    assert (24, "零币较多,请您多等一会") in found("04-bank", "courtesy")
    assert (26, "真麻烦,全是零币") in found("04-bank", "prohibited")
    every = {text for kind in KINDS for _, text in found("04-bank", kind)}
    assert not every & {"当客户插队时", "临近下班时", "客户事项办理完毕", "服务场景"}


def test_numbered_items_run_on_and_broken_across_lines():
    courtesy = found("33-govservice", "courtesy")
    assert {(5, "您好!请问要办什么事?"), (5, "别急,有话慢慢儿说"), (6, "请您递上××资料。谢谢!")} <= courtesy
    assert (9, "您好,××市(县)公安局110报警服务台(××派出所等单位名称),××号接警员(××派出所等单位名称民警的姓)。"
               "请问有什么可以帮您?") in found("15-police", "courtesy")
    assert (29, "你反映的问题不属于法院职责范围,根据有关规定,应由××部门负责,建议你到××部门反映") in found("39-court", "courtesy")


def test_labelled_items_in_traditional_script_under_intro_sentences():
    assert (3, "你真笨,飯桶!") in found("29-school", "prohibited")
    assert (21, "請") in found("29-school", "courtesy") and (29, "你能幫我一下嗎?") in found("29-school", "courtesy")


def test_a_closing_quote_mark_used_for_both_ends():
    assert {(25, "不知道"), (25, "我不管"), (29, "这是policy规定")} <= found("42-telecom", "prohibited")
    assert (15, "您好,请问办理什么业务?") in found("42-telecom", "courtesy")
    assert "三轻" not in {text for _, text in found("42-telecom", "courtesy")}


@pytest.mark.parametrize("name", ["03-tax", "37-govservice", "41-court", "44-post"])
def test_documents_of_rules_slogans_and_news_without_phrases_give_none(name):
    assert found(name, "courtesy") == found(name, "prohibited") == set()


def test_quotes_run_together_before_the_label_they_are_recognised_as():
    """Ten quotes back to back, then 被广泛认可为最具普适性和实效性的基础用语 (round 17)."""
    assert {(1, "您好"), (1, "请稍等"), (1, "不客气"), (1, "感谢您的耐心等待"), (1, "祝您愉快")} <= found("306-general", "courtesy")


def test_an_example_taken_as_courteous_speech_may_say_it_is_an_honour():
    """(如“很高兴为您服务”“我的荣幸”): examples under no cue are taken when courteous, and 荣幸 is a word of courtesy."""
    assert {(3, "很高兴为您服务"), (3, "我的荣幸")} <= found("306-general", "courtesy")


def test_quotes_after_a_label_of_bad_talk_and_a_verb_that_lists_them():
    """第一,鄙視語。…輕一些的鄙視語有:“…”、“…”等等;重一些的鄙視語有“…”和“…” (round 17, traditional script): the label
    ends in 有, with or without a colon, and the quotes are prohibited, not courteous for their 您."""
    assert found("304-hotline", "courtesy") == set()
    assert found("304-hotline", "prohibited") == {(5, "我說的您是不會理解的"), (5, "您就直接按照我說的做就行了"),
                                                  (5, "相同的祝福也送給您"), (5, "不管您說什么我都聽不到")}


def test_quotes_given_as_examples_of_a_kind_of_talk_quoted_in_the_sentence_before():
    """…也或多或少地存有“話難聽”的現(xiàn)象。諸如“不清楚”“急什么,沒看我正忙著嗎”… (round 17): 话难听 names bad talk,
    and the run after 諸如 gives examples of it."""
    assert {(14, "不清楚"), (14, "急什么,沒看我正忙著嗎"), (14, "有牌子,自己看清楚了再來"),
            (14, "你看不懂漢字嗎")} <= found("305-govservice", "prohibited")
    assert not {text for kind in KINDS for _, text in found("305-govservice", kind)} & {"話難聽", "馬上辦", "丟"}


def test_an_unquoted_run_separated_by_semicolons_after_a_quoted_label_and_a_dash():
    """…歸納較為流行的“忌語”大約有七條——急什麼,沒看我正忙著了嗎;…;願意買就買,不買拉倒。 (round 17, a traditional-script
    news item): the dash stands for the label's colon, the label is quoted."""
    assert found("302-retail", "prohibited") == {
        (17, "急什麼,沒看我正忙著了嗎"), (17, "你問保質期,上面那不寫著了嗎"), (17, "你問商品嘛特點,沒研究過"),
        (17, "進嘛賣嘛,不滿意找廠家去吧"), (17, "剛才不是跟你説過了嗎,怎麼還問"), (17, "沒零錢,找不開,自己換去"),
        (17, "願意買就買,不買拉倒")}
    assert found("302-retail", "courtesy") == set()


def test_stock_words_listed_after_a_sentence_with_quotes_in_a_list_item():
    """二、服务用语(十个要)1、在工作中要使用“十字”文明用语。您好、请、对不起、谢谢、再见。2、… (round 17, a whole document on
    one line); its 十不准 rules give nothing."""
    assert {(1, "您好"), (1, "请"), (1, "对不起"), (1, "谢谢"), (1, "再见"), (1, "请稍候")} <= found("307-govservice", "courtesy")
    assert not {text for _, text in found("307-govservice", "courtesy")} & {"十字", "不准迟到、早退、旷工"}


def test_a_memos_header_fields_are_no_phrases():
    """第一篇:收银员礼貌用语 / 致:各**** / 由:财务部 / 时间:… (round 17): whom a memo goes to and comes from."""
    every = {text for kind in KINDS for _, text in found("309-retail", kind)}
    assert not every & {"各****", "财务部", "2010年4月1日", "收银员礼貌用语"}
    assert {(11, "请您稍候"), (13, "请问您需要帮忙吗?")} <= found("309-retail", "courtesy")


def test_a_bulleted_scene_ending_in_a_verb_of_saying_is_a_label():
    """◆ 当顾客向你致谢时说 / “请别客气”、“很高兴为您服务”… (round 17): the scene heads the quotes below it."""
    courtesy = found("309-retail", "courtesy")
    assert {(27, "请别客气"), (27, "很高兴为您服务"), (29, "没关系")} <= courtesy
    assert not {text for _, text in courtesy if text.endswith("时说")}


def test_a_slash_splits_a_quote_only_between_things_said_on_their_own():
    """• 「在 XX 医生 / 医院的照顾下」 and 「同意手术 / 操作,谅解一切意外 」 swap a word inside one utterance (round 17);
    请稍等,我马上给您看/ 请把病历卡一起给我 are two requests, and 张大姐/李经理 is one blank for a name."""
    prohibited = {text for _, text in found("308-hospital", "prohibited")}
    assert {"在 XX 医生 / 医院的照顾下", "同意手术 / 操作,谅解一切意外", "你懂还是我懂?"} <= prohibited
    assert not prohibited & {"在 XX 医生", "医院的照顾下", "同意手术", "操作,谅解一切意外"}
    assert {(5, "请稍等,我马上给您看"), (5, "请把病历卡一起给我")} <= found("153-hospital", "courtesy")
    assert not {text for _, text in found("150-property", "courtesy")} & {"张大姐", "李经理"}


def test_quotes_the_rest_of_their_clause_calls_words_said():
    """“您好”將是城管隊員執法時的第一句話 (round 17, and the same news item in 18), “请”“谢谢”“对不起”“你好”是人们在日常生活中
    最常用的礼貌用语 (213): phrases where they are first presented, not only where they are quoted again."""
    assert (6, "您好") in found("303-citymgmt", "courtesy") and (5, "您好") in found("18-citymgmt", "courtesy")
    assert {(5, "请"), (5, "谢谢"), (5, "对不起"), (5, "你好")} <= found("213-beauty", "courtesy")


def test_absolute_claims_named_by_the_advertising_laws_term_are_prohibited():
    """或用 “稳赚”“只赚不亏” 等绝对化词汇 (246, left in round 15: read as courtesy by the verb 用); 绝对性词汇:如“绝不” (310)."""
    assert {(3, "稳赚"), (3, "只赚不亏")} <= found("246-finance", "prohibited")
    assert found("246-finance", "courtesy") == set()
    assert {(2, "绝不"), (2, "一定"), (2, "保证")} <= found("310-ecommerce", "prohibited")


def test_double_prime_quotation_marks_are_quotes():
    """告知報(bào)警者“這里是寧陜縣120〞或“這里是寧陜縣120醫(yī)療急救報(bào)警〞。編輯課件第二步… (round 18, a slide deck on one
    line): 〞 closes the quote, so the phrase neither keeps it nor runs on into the next step."""
    courtesy = found("318-hotline", "courtesy")
    assert (4, "這里是寧陜縣120") in courtesy
    assert not {text for _, text in courtesy if "〞" in text or "編輯課件" in text}


def test_a_bare_verb_of_asking_after_proactively_is_an_instruction():
    """第二步緊接著主動(dòng)詢問“是否需要救護(hù)車〞…“傷病者情況怎么樣〞 (round 18): converter pinyin parts 主動 from 詢問, and
    the bare 詢問 then counts as an instruction, as after 先 or 然后, not as someone in a story asking."""
    assert (4, "傷病者情況怎么樣") in found("318-hotline", "courtesy")


def test_a_semicolon_inside_a_quote_joins_the_clauses_of_one_sentence():
    """建議說法 / 「這個方案效果比較好,但費用較高;另一個方式風險較低、但需要觀察。」 (round 18): one suggested sentence, its
    clauses with commas of their own; the quote is not three phrases."""
    courtesy = {text for _, text in found("319-vet", "courtesy")}
    assert "這個方案效果比較好,但費用較高;另一個方式風險較低、但需要觀察" in courtesy
    assert not courtesy & {"這個方案效果比較好,但費用較高", "另一個方式風險較低", "但需要觀察"}


def test_a_quote_whose_enumeration_comma_stands_for_commas_is_one_utterance():
    """…说:“您好,这里的车位是要收费的、您的车位使用费是—元、这是您的收据,祝您愉快!” (round 18): one script, not three
    things said one by one as the same pieces unquoted after 禁忌语是: would be."""
    courtesy = {text for _, text in found("316-security", "courtesy")}
    assert not courtesy & {"您好,这里的车位是要收费的", "您的车位使用费是—元", "这是您的收据,祝您愉快!"}
    assert "您好,这里的车位是要收费的、您的车位使用费是—元、这是您的收据,祝您愉快!" in courtesy


def test_a_documents_purpose_after_its_label_is_no_phrase():
    """…保安员的文明服务规范用语及礼仪要求目的:为了提升小区物业管理形象,… (round 18, a title glued before 目的:): the label
    ends in a part of the document, whatever kind the title before it names."""
    courtesy = found("316-security", "courtesy")
    assert not {text for _, text in courtesy if text.startswith("为了提升")}
    assert {(6, "请"), (6, "欢迎您再来")} <= courtesy


def test_a_bare_verb_of_saying_after_whom_it_is_said_to_is_an_instruction():
    """”三、对停车场内的闲杂人员说:“您好,为了您的安全请您不要在此玩耍,谢谢您的合作。 (round 18): 对…说: opening its item says
    to whom staff say it, no one in a story speaking; the quote after the next line's ”“ goes on with it."""
    courtesy = found("316-security", "courtesy")
    assert {(11, "您好,为了您的安全请您不要在此玩耍,谢谢您的合作"), (10, "对不起这是单行线,请您按规定方向行驶")} <= courtesy


def test_a_quote_open_at_a_lines_end_goes_on_over_a_line_to_the_closing_mark_that_starts_a_later_one():
    """二、对违章停车者说:“对不起这里是消防通道,…停车位上。 / 谢谢您的和作。 / ”“对不起这是单行线,… (round 18, a converted Word
    page): the line between has no quote marks, and the closing ” starts the line after it."""
    courtesy = {text for _, text in found("316-security", "courtesy")}
    assert "对不起这里是消防通道,不是停车位,请您将车停到停车位上。谢谢您的和作" in courtesy
    assert "对不起这里是消防通道,不是停车位,请您将车停到停车位上" not in courtesy


def test_a_quote_after_an_instruction_of_the_manner_to_speak_in_ending_with_a_full_stop():
    """不能用非常随意的口气,要用客气的口吻。“如果您不介意,可以让我看一下吗?”不能再粗声粗气地说话,要用和风细雨的方式讲话。
    “可以和先生详细谈谈吗?” (round 18): the full stop stands where a colon was meant, as in 应说。“…”."""
    assert {(4, "如果您不介意,可以让我看一下吗?"), (4, "可以和先生详细谈谈吗?")} <= found("315-security", "courtesy")


def test_quotes_named_as_talk_after_them_are_phrases_where_courteous():
    """…上面密密麻麻记录着“请不要将危险品带入车内”“您到哪个站下车”等维语词句 (round 18, a news feature): words staff learned
    to say, named after 等; the passengers' questions quoted in the story (“请问补票应该去哪里”“哪里有开水”) stay out."""
    courtesy = found("321-railway", "courtesy")
    assert {(10, "请不要将危险品带入车内"), (10, "您到哪个站下车")} <= courtesy
    assert not {text for _, text in courtesy} & {"请问补票应该去哪里", "哪里有开水"}


def test_an_unquoted_example_in_brackets_after_for_example_inside_a_rule():
    """八、接聽電話時,應注意電話禮貌,主動問候及清晰報明服務位置(例如:服務台,您好!),並長話短說,… (round 18, traditional-script
    numbered rules): the example is the greeting the rule asks for; the rules around it give nothing."""
    assert found("317-museum", "courtesy") == {(14, "服務台,您好!")}
    assert found("317-museum", "prohibited") == set()


def test_a_document_written_as_one_string_with_escaped_line_breaks_is_read_as_its_lines():
    """NSString *A = @"一、仪容仪表 \\n…4、对客户的禁语：\\n      哎！/喂！\\n       能不能快点！\\n… (round 19, an Objective-C
    file): each escape is a line break, so every item is one line, once and without the escape, and the list ends at the
    headings after it (整个配送流程微笑服务 / 配送流程)."""
    prohibited = found("325-delivery", "prohibited")
    assert {(47, "哎！"), (47, "喂！"), (47, "我就这态度！我态度怎么了？"), (47, "不是告诉你了吗？怎么还问"),
            (47, "地址怎么瞎写！")} <= prohibited
    assert len(prohibited) == 35 and not any("\\n" in text or "配送流程" in text for _, text in prohibited)


def test_a_slash_between_two_ways_of_addressing_someone_keeps_the_sentence_whole():
    """话术二：预约配送：“您好！请问是李先生/女士吗?” (round 19): 先生/女士 is one blank for a name inside the question, not two
    things said."""
    courtesy = {text for _, text in found("325-delivery", "courtesy")}
    assert "您好！请问是李先生/女士吗?" in courtesy and not courtesy & {"您好！请问是李先生", "女士吗?"}


def test_a_note_of_when_the_phrase_above_is_used_is_no_phrase():
    """3、基本用语： / “对不起，请问……” / 请客户等候时使用，态度要温和且有礼貌，… (round 19): the line after each quote tells when
    it is said; it is not said itself, though it opens with 请."""
    courtesy = {text for _, text in found("325-delivery", "courtesy")}
    assert {"让您久等了", "谢谢", "非常感谢"} <= courtesy
    assert not {text for text in courtesy if "时使用" in text or "此语" in text}


def test_a_slashed_list_in_brackets_given_as_examples_after_a_label():
    """…所以配送中多用礼貌用语比如（您/您好/请/麻烦/多谢）+干净整洁的仪容仪表， (round 19): the label's examples, parted by
    slashes."""
    assert {(47, "请"), (47, "麻烦"), (47, "多谢")} <= found("325-delivery", "courtesy")


def test_a_document_sites_page_chunks_are_read_as_the_one_text_they_cut():
    """Lines of one length, each opening with its chunk's number (1、…禁忌用 / 2、语:干什么事?… / 3、您好,…, round 19): the
    numbers go and the text runs on across the lines, so the label cut in two is read whole and an item's number cut
    from its 、 (…你怎么听不明白啊!3 / 3、、没什么,死不了!, 204) numbers it again."""
    assert (2, "干什么事?找哪个?你是什么人?找他干什么?不在,不知道") in found("327-security", "prohibited")
    prohibited = found("204-hospital", "prohibited")
    assert {(1, "快点收拾,我们要检查了!"), (2, "跟你说多少遍了,你怎么听不明白啊!"), (3, "没什么,死不了!")} <= prohibited
    assert not {text for _, text in prohibited if text[-1].isdigit()}


def test_a_label_of_another_kind_inside_a_run_of_short_sentences_starts_a_run_of_its_own():
    """1、接电话文明用语:您好,保卫部。XX不在,有事我帮你转告。禁忌用语:喂,找哪个?人不在,快点讲。 (round 19): the sentences after
    禁忌用语: are no courtesy, though the run's first sentences are."""
    courtesy = {text for _, text in found("327-security", "courtesy")}
    assert not courtesy & {"喂,找哪个?", "人不在,快点讲", "喂,找哪个?人不在,快点讲"}


def test_the_labels_before_a_bare_label_ending_a_line_keep_their_lists():
    """…文明用语:您好,请问您是几楼的业主,请出示您的房卡和放行条。 业主: (round 19, 327) and 9. 征询语:…小心台阶、小心地滑、
    请注意头顶、请不要遗忘您随身携带的物品!提醒语: (223): only a sentence that introduces a list below in words (嚴禁教師使用以下
    語言:, 29) leaves the labels before it on its line to that list."""
    assert (3, "您好,请问您是几楼的业主,请出示您的房卡和放行条") in found("327-security", "courtesy")
    assert {(23, "小心台阶"), (23, "请不要遗忘您随身携带的物品!")} <= found("223-leisure", "courtesy")
    assert not {text for _, text in found("29-school", "prohibited")} & {"不惡語傷人", "教師不講粗話臟話"}


def test_the_words_of_a_scenes_pair_of_labels_are_each_one_reply():
    """1、接电话文明用语:您好,保卫部。XX不在,有事我帮你转告。禁忌用语:喂,找哪个?人不在,快点讲。 (round 19): a line whose labels
    name both kinds gives each label's words whole, not cut at their sentences, nor read again as a run of sentences."""
    prohibited = {text for _, text in found("327-security", "prohibited")}
    assert {"喂,找哪个?人不在,快点讲", "干什么事?找哪个?你是什么人?找他干什么?不在,不知道",
            "这事不归我们管。我们忙的很,又不是只为你一个人服务"} <= prohibited
    assert not prohibited & {"喂,找哪个?", "找哪个?", "你是什么人?", "这事不归我们管"}
    assert "您好,保卫部。XX不在,有事我帮你转告" in {text for _, text in found("327-security", "courtesy")}


def test_numbered_lines_with_labels_naming_a_kind_are_no_run_of_phrases():
    """2、接到语言粗鲁…。文明用语:…禁忌用语:… 3、接待外来客户到单位找人文明用语:…找业主:您好,请问您预约了吗? (round 19): numbered
    scenes whose labels tell their words are not read again as a run of numbered phrases under no kind."""
    assert not {text for _, text in found("327-security", "courtesy") if text.startswith("找业主")}


def test_labelled_scenes_under_a_label_of_a_kind_take_its_kind():
    """3、接待外来客户到单位找人文明用语:到公司找人(应聘人员找人事部):您好,请问您找谁,请稍等,立刻帮您联系.找业主:您好,请问您预约了
    吗? (round 19): 文明用语: has no words of its own, only scenes labelled in their turn; their words are courtesy."""
    assert {(1, "您好,请问您找谁,请稍等,立刻帮您联系"), (1, "您好,请问您预约了吗?")} <= found("327-security", "courtesy")


def test_a_section_of_common_phrases_under_a_title_naming_both_kinds_is_courtesy():
    """物业服务常用服务用语和忌语 / 一、常用服务词组和句子01、您好(先生、小姐)!…05、早上好、下午好、晚上好、晚安!06、明天见!…二、服务忌语
    01、喂、哎找谁?干什么?… (round 19, one line): 常用…词组和句子 names phrases to use, as 常用语 does, so greetings and wishes
    without 您 or 请 are no 禁语 for want of them."""
    courtesy, prohibited = found("326-property", "courtesy"), found("326-property", "prohibited")
    assert {(17, "早上好"), (17, "晚安!"), (17, "明天见!"), (17, "节日快乐!"), (17, "有什么需要帮助的?")} <= courtesy
    assert len(prohibited) == 10 and (17, "站住!") in prohibited and not {(17, "早上好"), (17, "晚安!")} & prohibited


def test_a_list_named_by_the_label_after_it_in_a_line_with_quotes():
    """Deny即是「否認」,…為何偏要說成「否認吸煙」?…請信任你的病人,避免用deny或claim等具批判性的字眼。 (round 19): the quotes in
    the line do not keep its unquoted list, named by 字眼 after 等, from being read."""
    assert {(14, "deny"), (14, "claim")} <= found("328-hospital", "prohibited")


def test_a_list_of_words_called_words_and_banned_later_in_its_sentence():
    """在西方國家,Cancer、tumour、growth、malignancy(所指都是腫瘤)皆為民間通俗詞彙,在病人面前一律禁止使用,取而代之是neoplasm、…
    (round 19): the list opens its clause and the ban, with nothing after it, comes later in the sentence; the terms used
    instead stay out."""
    prohibited = found("328-hospital", "prohibited")
    assert {(11, "Cancer"), (11, "tumour"), (11, "growth"), (11, "malignancy")} <= prohibited
    assert not {text for _, text in prohibited} & {"neoplasm", "pleomorphic lesion"}


def test_insisting_on_saying_is_no_instruction_to_say():
    """Deny即是「否認」,病人沒吸煙就是沒吸煙,為何偏要說成「否認吸煙」? (round 19): 偏要说 (硬要, 非要) reproaches a wording; it
    does not ask for it."""
    assert "否認吸煙" not in {text for _, text in found("328-hospital", "courtesy")}


def test_a_short_quote_before_a_verb_of_addressing_someone_is_no_term():
    """…禁止用「喂」招呼客人,即使客人距離較遠。 (round 19, a flattened table): 招呼 greets with the word, it does not make a term
    of it as 车辆 does of “绿通”."""
    assert (3, "喂") in found("329-property", "prohibited")


def test_a_list_of_short_words_ends_at_its_full_stop_before_a_sentence_of_clauses():
    """…禮貌語言使用10字禮貌語:您好、請、對不起、謝謝、再見。接受別人的幫助或稱讚,應及時致謝,因自身原因給對方造成不便,應及時致歉。
    (round 19, a table flattened without separators): the rule after the words is no part of the last one."""
    courtesy = found("329-property", "courtesy")
    assert {(3, "您好"), (3, "請"), (3, "對不起"), (3, "謝謝"), (3, "再見")} <= courtesy
    assert not {text for _, text in courtesy if "稱讚" in text}


def test_a_question_and_answer_sites_label_is_no_phrase():
    """酒店服务中的四禁语 / 优质解答 / 酒店服务中的四禁语包括:… (round 19, a Q&A page): the site's label above the answer is no
    禁语, though it stands alone on a line under the title."""
    assert "优质解答" not in {text for _, text in found("330-hotel", "prohibited")}


def test_a_quote_that_brought_on_a_complaint_right_after_it_is_prohibited():
    """实际案例显示,一位因服务员说"这是你这号人用的东西吗?"而投诉的客人,… (round 19): 而投诉 right after the quote, as 遭…投诉 is."""
    assert (21, "这是你这号人用的东西吗?") in found("330-hotel", "prohibited")


def test_quotes_whose_speakers_face_a_penalty_are_prohibited():
    """…如果對女乘客使用“親”(英文原文為“babe”)這類詞匯,司機(jī)將面臨被炒魷魚的風(fēng)險。 (round 19, converted news): 这类词汇
    points back at the quote and the sacking judges it; 使用 before it does not make it courteous."""
    assert (1, "親") in found("332-transport", "prohibited")
    assert "親" not in {text for _, text in found("332-transport", "courtesy")}


def test_a_notice_quoted_after_its_written_words_is_no_phrase():
    """公司的警示上寫道:“請司機(jī)們注意,有些稱呼被認(rèn)為是性別歧視,可能會冒犯乘客! (round 19): 写道 quotes what the
    notice says to the drivers, not words for the passengers."""
    assert found("332-transport", "courtesy") == set()


def test_a_self_introduction_stays_with_the_greeting_before_it():
    """标准用语：您好！我是邦办即达达人！ (round 19): a category label's words are cut at their sentences, but 我是… after a
    greeting is no phrase alone; 你这个病看不好,住院也没用。我是医生还是你是医生? (67) is no greeting before it."""
    courtesy = {text for _, text in found("325-delivery", "courtesy")}
    assert "您好！我是邦办即达达人！" in courtesy and "我是邦办即达达人！" not in courtesy
    assert "我是医生还是你是医生?" in {text for _, text in found("67-hospital", "prohibited")}


def test_stock_words_between_commas_with_alternatives_in_brackets_are_each_a_phrase():
    """5、同公司领导、同事或业主打招呼。文明用语:早(中、晚)上好,(节日好:春节、中秋节),请进,再见,您慢走。 (round 19): the
    bracketed alternatives and note do not make the list one utterance."""
    assert {(2, "请进"), (2, "再见"), (2, "您慢走")} <= found("327-security", "courtesy")


def test_names_one_calls_someone_by_judged_as_disrespect_are_prohibited():
    """…所以稱患者為female和male實乃大大的不敬,請改用woman、man (round 19): the names after 稱…為, judged in their clause; the ones
    to use instead stay out."""
    prohibited = found("328-hospital", "prohibited")
    assert {(17, "female"), (17, "male")} <= prohibited
    assert not {text for _, text in prohibited} & {"woman", "man", "mal"}


def test_a_quote_showing_a_words_meaning_is_no_phrase():
    """──Claim(聲稱)亦有同樣的含義:「他聲稱曾聘請專業人士視察大宅。」 (round 19): the sentence shows what 聲稱 implies; it is not
    one staff say or must not say."""
    assert not {text for _, text in found("328-hospital", "prohibited") if "聲稱" in text}



def test_a_web_pages_markup_is_read_as_its_text():
    """<div class="train-text">&#x274C; 「那是你的问题」「别人用都没事」…<br>统一改为：「我帮你确认后回复」</div> (round 20, HTML
    training cards): the tags are no text (the class names were phrases), <br> breaks the line, &#x274C; is ❌, which marks the
    quotes after it wrong; the line numbers are the file's, and a reference inside a phrase is given as written."""
    prohibited, courtesy = found("335-ecommerce", "prohibited"), found("335-ecommerce", "courtesy")
    assert {(17, "那是你的问题"), (17, "别人用都没事"), (29, "可以赔"), (62, "请问您遇到了什么问题？")} <= prohibited
    assert (17, "我帮你确认后回复") in courtesy and not {text for _, text in courtesy} & {"那是你的问题", "train-text"}
    assert not {text for _, text in prohibited | courtesy if re.search(r"[<>]|train", text)}


def test_markup_is_read_one_tag_and_one_reference_at_a_time(tmp_path):
    """What a web page's line reads as; a placeholder in angle brackets and a bare ampersand are no markup."""
    from phrasecheck.ruletools.document import unmarked, unmarked_spans
    assert unmarked('<p class="C1"><span>A：</span>您好&nbsp;请坐</p>') == "A：您好 请坐\n"
    assert unmarked("&#x274C; 「不知道」<br/>&#10004; 「请稍等」") == "❌ 「不知道」\n✔ 「请稍等」"
    assert unmarked("您好，<Name>先生 & 女士，请坐") == "您好，<Name>先生 & 女士，请坐"
    read, spans = unmarked_spans("<b>您</b>&amp;")
    assert read == "您&" and spans == [(3, 4), (8, 13)]
    page = tmp_path / "page.txt"
    page.write_text('<div class="rule">禁止使用以下服务忌语：</div>\n<ul><li>&#x201C;不知道&#x201D;</li><li>找别人去</li></ul>\n',
                    encoding="utf-8")
    assert {(p.line, p.text) for p in extract(page).prohibited} >= {(2, "不知道")}


def test_a_question_and_answer_pages_question_heads_its_answers():
    """<span>Q：</span>符合要求的服务用语 / <span>A：</span>首问语：您好、早上好… / Q：忌语例句 / A：不行、不知道、… (round 20, a
    help page): a question naming a kind heads the answers below it, each an item of that kind (例句, example sentences, is
    no other topic); a question asking something (Q：如何拨打电话？) heads nothing."""
    courtesy = found("334-hotline", "courtesy")
    assert {(12, "您好"), (12, "早上好"), (15, "好的"), (16, "这是我工作的疏忽")} <= courtesy
    assert not {text for _, text in courtesy if "：" in text or "坐席" in text}


def test_an_answers_label_at_a_lines_start_only(tmp_path):
    """Q：/A： open a line of a Q&A page; 问：/答： stay words (答：“…” answers a question of what to say, a cue)."""
    path = tmp_path / "qa.txt"
    path.write_text("Q：服务禁语有哪些？\nA：不知道、找别人去。\nQ：文明用语例句\nA：您好、请坐、请稍等。\n"
                    "问：群众办事材料不全时怎么说？\n答：“对不起，请补齐后再来办理。”\n", encoding="utf-8")
    extraction = extract(path)
    assert {(p.line, p.text) for p in extraction.courtesy} == {(4, "您好"), (4, "请坐"), (4, "请稍等"), (6, "对不起，请补齐后再来办理")}
    assert not {p.text for p in extraction.prohibited} & {"您好", "请坐"}


def test_a_list_of_sentences_with_commas_inside_parted_by_enumeration_commas():
    """A：不行、不知道、你懂不懂、…、这是规定，就不行、有意见，告去，投诉啊，去投啊，去告啊、…、你问我，我问谁 (round 20, a 忌语例句
    answer): when two or more pieces have commas of their own, each piece is a sentence, short words among them; the closing
    rule glued to the last (…谁让你怎么怎么着除此之外，凡脏话、粗话…都为服务忌语) is no part of it, nor a list it bans. One
    piece with a comma leaves a list of short words whole (“请留下您的姓名、电话、住址、单位等联系方式，…”, 15)."""
    prohibited = found("334-hotline", "prohibited")
    assert {(21, "不行"), (21, "不知道"), (21, "这是规定，就不行"), (21, "有意见，告去，投诉啊，去投啊，去告啊"),
            (21, "你问我，我问谁"), (22, "着什么急，我正忙着"), (22, "烦的很，你不高兴就别接电话啊")} <= prohibited
    assert not {text for _, text in prohibited if "除此之外" in text} and (22, "你不高兴就别接电话啊") not in prohibited
    assert not {text for _, text in found("15-police", "courtesy")} & {"电话", "住址"}


def test_questions_in_a_row_after_a_category_label_are_each_a_phrase():
    """A：转化语：现在您时间方便吗？有没有打扰到您？请问哪个时间段打您电话您比较方便呢？ (round 20): questions that each ask the one
    spoken to are said one at a time; a category's words that are no such questions stay as they were (13-hotline)."""
    courtesy = found("334-hotline", "courtesy")
    assert {(13, "现在您时间方便吗？"), (13, "有没有打扰到您？"), (14, "我的解答您还满意吗？"), (14, "冒昧的问一下可以添加您的微信吗？")} <= courtesy
    assert not {text for _, text in courtesy if text.count("？") > 1}


def test_address_terms_in_brackets_after_a_greeting_are_a_blank_for_a_name():
    """A：首问语：您好、早上好、下午好、晚上好（某某先生/女士）。 (round 20) and 您好(先生、小姐)! (326): the bracket names whom the
    greeting is for, not words of it; a bracket that is no address term stays (请躺好(或坐好), 336's script; 早(中、晚)上好)."""
    assert (12, "晚上好") in found("334-hotline", "courtesy")
    assert (17, "您好!") in found("326-property", "courtesy")
    from phrasecheck.ruletools.extract import _clean
    assert _clean("晚上好（某某先生/女士）") == "晚上好" and _clean("早(中、晚)上好") == "早(中、晚)上好"
    assert _clean("您好（请出示证件）") == "您好（请出示证件）"


def test_a_line_opened_by_a_blank_for_whom_it_is_said_to_is_a_script():
    """收躺椅 / (称呼),您好!现在已是早上,请您把躺椅收起来,…舒适一些, / 指导摆放位置。 (round 20, nurses' scripts under scene labels):
    the line after the blank is one script, said whole, up to the next blank ((称呼)实在抱歉,…); the steps between them give
    nothing; a blank inside a sentence (您叫**(名字)吧?, 138) opens no script."""
    courtesy = found("336-hospital", "courtesy")
    assert {(4, "您好!现在已是早上,请您把躺椅收起来,晚上或中午再摊开休息好吗?这样病房会整洁、舒适一些"),
            (13, "对不起,穿刺不成功,增加了您的痛苦,实在对不起"), (13, "实在抱歉,这一次穿刺还是没有成功,为了减轻您的痛苦,我将请XX护士来为您穿刺"),
            (22, "现在帮您测血压,请躺好(或坐好),很快就好。您的血压是XX")} <= courtesy
    assert not {text for _, text in courtesy if "称呼" in text or "操作" in text or "指导" in text}
    assert not {text for _, text in found("138-hospital", "courtesy") if text.startswith("吧")}


def test_quoted_sentences_judged_by_the_sentence_after_them_are_prohibited(tmp_path):
    """…老师万不可调侃讽刺学生,… “你们这些小龙(聋)虾(瞎)”; “如果我抽烟,…这群草包”; … “一通操作猛如虎,再一看,原来还是个250”。 这样的
    调侃,骂学生又聋又瞎、脑子进水、愚笨,称学生是250,这岂是教师该说的话? (round 20, a commentary): the sentence that opens by
    pointing back at the quotes judges them; one that praises them does not."""
    prohibited = found("337-school", "prohibited")
    assert {(5, "你们这些小龙(聋)虾(瞎)"), (5, "来,同学们晃晃脑袋,有没有听到水的声音?"), (5, "一通操作猛如虎,再一看,原来还是个250")} <= prohibited
    assert len(prohibited) == 7
    path = tmp_path / "praise.txt"
    path.write_text("她常对老人说“您慢慢来”“我帮您拿”。这样的话语让老人感到温暖。\n", encoding="utf-8")
    assert extract(path).prohibited == []


def test_a_verb_of_not_saying_with_an_adverb_and_a_colon_before_a_quote():
    """( 4 )回答顾客之询问,如不知道,不可随便说:“不知道”。 (round 20, a hotel's rules): 不可 + 随便 + 说 and a colon bans the quote, as
    不可说“…” does; the bare 说: after it is not the cue. 说:“…” after a rule to say stays courteous."""
    assert (20, "不知道") in found("340-hotel", "prohibited") and found("340-hotel", "courtesy") == set()
    from phrasecheck.ruletools.cues import last_cue
    assert last_cue("如不知道,不可随便说：“", 0) == "prohibited" and last_cue("要耐心地说：“", 0) == "courtesy"


def test_a_short_quote_before_lai_and_a_verb_of_addressing_is_no_term(tmp_path):
    """A：称呼确切。切忌用“喂”来称呼客户，男士一般称为“某某先生”… (round 20): 来 before 称呼 leads to the verb, as in 用「喂」招呼 (329);
    a quote before 来 and another verb stays a term (“绿通”来车)."""
    assert (11, "喂") in found("334-hotline", "prohibited")
    path = tmp_path / "term.txt"
    path.write_text("严禁使用“绿通”来车辆通道。\n", encoding="utf-8")
    assert extract(path).prohibited == []


def test_sentences_quoted_alone_judged_by_a_later_sentence_pointing_back_are_prohibited(tmp_path):
    """「不好意思,稍後再來為您進行點餐的動作。」 / … / 有沒有覺得這些句子很熟悉? / …聽到這些似是而非的句子。像是: / 乘客登機,機門邊
    空服員:「我可以看您的座位號碼嗎?」 / … / 這些明顯有問題的用詞,… (round 20, a flight attendant's column): quotes alone on their
    lines that nothing gave a kind wait for a sentence pointing back at them; one that judges them wrong makes them prohibited,
    one that does not (很熟悉) leaves them."""
    prohibited = found("343-airline", "prohibited")
    assert {(9, "不好意思,稍後再來為您進行點餐的動作"), (19, "我可以看您的座位號碼嗎?"), (23, "請幫我把行李放在前方座位下"),
            (31, "請幫我在這裡簽名")} <= prohibited
    path = tmp_path / "column.txt"
    path.write_text("「您好，请问几位？」\n\n「这边请。」\n\n有没有觉得这些句子很熟悉？这些得体的用词让人舒服。\n", encoding="utf-8")
    assert extract(path).prohibited == []


def test_words_a_document_bans_are_not_courteous_where_it_quotes_them_again(tmp_path):
    """…內心小劇場總算有了抒發的出口: / 「請幫我繫緊安全帶。」 / OS「…」 (round 20, 343): the skit quotes again sentences the column
    judged 似是而非 above; they stay prohibited and are no courtesy there. Courtesy a document never bans stays."""
    assert found("343-airline", "courtesy") == set()
    path = tmp_path / "both.txt"
    path.write_text("严禁说“不知道”。\n应使用文明用语，如“请稍等”“不知道”。\n", encoding="utf-8")
    assert [p.text for p in extract(path).courtesy] == ["请稍等"]

# --- drafts of dev documents with the default lexicon ------------------------------------------------

@pytest.mark.parametrize("name", ["04-bank", "07-hospital", "09-hospital", "33-govservice", "42-telecom"])
def test_a_fresh_draft_checked_with_the_defaults_reports_only_unwritten_suggestions(tmp_path, name):
    defaults = load_lexicon()
    extraction = mark_covered(extract(DOCS / f"{name}.txt"), Matcher(defaults))
    draft = tmp_path / f"{name}.toml"
    draft.write_text(to_toml(extraction, f"{name}.txt"), encoding="utf-8")
    problems = check_files([draft], defaults)
    assert all("尚未填写文明替代说法" in problem.message for problem in problems), problems
    assert len(problems) == len({re.sub(r"\W", "", p.text) for p in extraction.prohibited if not p.covered_by})


def test_phrases_the_defaults_cover_are_marked_and_left_out_of_the_draft():
    extraction = mark_covered(extract(DOCS / "07-hospital.txt"), Matcher(load_lexicon()))
    covered = {p.text: p.covered_by for p in extraction.courtesy if p.covered_by}
    assert covered["您好"] == "courtesy.greet.hello" and covered["再见"] == "courtesy.farewell.goodbye"
    assert "请您按时吃药" not in covered
    draft = to_toml(extraction, "07-hospital.txt")
    assert 'phrase = "您好"' not in draft and "#   courtesy 您好 → courtesy.greet.hello" in draft
    assert 'phrase = "请您按时吃药"' in draft


@pytest.mark.parametrize("conversion", ["traditional", "half-width", "spaced"])   # lossless: "unquoted" is not
@pytest.mark.parametrize("name", ["04-bank", "07-hospital", "223-leisure"])
def test_a_document_converted_gives_the_same_phrases_as_it_prints_them(tmp_path, name, conversion):
    converted = tmp_path / f"{name}.txt"
    converted.write_text(quality.CONVERSIONS[conversion]((DOCS / f"{name}.txt").read_text(encoding="utf-8")), encoding="utf-8")
    original, read = extract(DOCS / f"{name}.txt"), extract(converted)
    for kind in KINDS:
        as_read = [(phrase.line, quality.key(phrase.text)) for phrase in read.of_kind(kind)]
        assert as_read == [(phrase.line, quality.key(phrase.text)) for phrase in original.of_kind(kind)]
    if conversion != "spaced":
        printed = converted.read_text(encoding="utf-8").replace("\n", "")
        assert all(phrase.text in printed for kind in KINDS for phrase in read.of_kind(kind))
