"""`lexicon extract`: phrases found in regulation documents, measured on the seeds and on other styles."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from phrasecheck.lexicon.model import UNFINISHED_SUGGESTION
from phrasecheck.ruletools.draft import draft_names, guess_category, to_json, to_toml
from phrasecheck.ruletools.extract import KINDS, extract, read_lines
from phrasecheck.lexicon.load import load_lexicon
from phrasecheck.lexicon.model import SLOT_PATTERN
from phrasecheck.normalize import normalize
from phrasecheck.textio import InputError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
GOLDEN = Path(__file__).parent / "data" / "seed_quotes.tsv"
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")


def key(text: str) -> str:
    return normalize(text).text


def core(text: str) -> str:
    return normalize(SLOT_PATTERN.sub("", text)).text


def precision_recall(found: set, expected: set) -> tuple[float, float]:
    hits = len(found & expected)
    return hits / max(len(found), 1), hits / max(len(expected), 1)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def phrases(path: Path, kind: str) -> list[tuple[int, str]]:
    return [(p.line, p.text) for p in extract(path).of_kind(kind)]


# --- the four seed documents ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_extractions():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return {path.name: extract(path) for path in sorted(SEEDS.glob("*.txt"))}


@needs_seeds
def test_seed_documents_yield_the_quotes_of_the_golden_list(seed_extractions):
    golden = {kind: set() for kind in KINDS}
    with GOLDEN.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            golden[row["kind"]].add((row["doc"], int(row["line"]), key(row["text"])))
    for kind in KINDS:
        found = {(doc, p.line, key(p.text)) for doc, e in seed_extractions.items() for p in e.of_kind(kind)}
        precision, recall = precision_recall(found, golden[kind])
        print(f"seed_quotes {kind}: precision {precision:.3f} recall {recall:.3f} ({len(found)} found, {len(golden[kind])} expected)")
        assert precision >= 0.97 and recall >= 0.97, (kind, sorted(golden[kind] - found), sorted(found - golden[kind]))


@needs_seeds
def test_seed_documents_recover_the_default_lexicon(seed_extractions):
    lexicon = load_lexicon()
    for kind in KINDS:
        rules = [{core(form) for form in rule.forms} for rule in lexicon.of_kind(kind) if rule.forms]
        wordings = {form for forms in rules for form in forms}
        found = {core(p.text) for e in seed_extractions.values() for p in e.of_kind(kind)}
        recalled = sum(1 for forms in rules if forms & found) / len(rules)
        precision = len(found & wordings) / len(found)
        print(f"default lexicon {kind}: precision {precision:.3f} rule recall {recalled:.3f} ({len(rules)} rules)")
        assert precision >= 0.97 and recalled >= 0.95, (kind, sorted(found - wordings))


@needs_seeds
def test_seed_phrases_keep_the_documents_wording_and_article(seed_extractions):
    extraction = seed_extractions["002_255a84f1b752fd90.txt"]
    assert ("您好,便民中心(站)××窗口,请讲", 151, "三、文明用语 2") in {(p.text, p.line, p.article) for p in extraction.courtesy}
    assert ("请您到×号××窗口办理", 157) in {(p.text, p.line) for p in extraction.courtesy}   # editor's note dropped
    assert ("没看我正忙着吗", 163) in {(p.text, p.line) for p in extraction.prohibited}       # quote never closed
    assert {p.article for p in extraction.prohibited if p.line == 23} == {"第三条（六）"}


# --- other styles, written for these tests ---------------------------------------------------------------

NUMBERED = """某某街道便民服务中心窗口服务规范

第二章 服务用语
第五条 窗口人员常用文明用语如下：
（一）您好，请问您办理什么业务？
（二）请您出示身份证。
（三）请到……窗口办理。
第六条 服务禁语
1. 不知道，自己去问。
2. “没看我正忙着吗？”

3. 下班了，明天再来吧。
第七条 工作人员应着装整洁。
"""


def test_numbered_one_per_line_lists_under_headings(tmp_path):
    path = write(tmp_path, "numbered.txt", NUMBERED)
    assert phrases(path, "courtesy") == [(5, "您好，请问您办理什么业务？"), (6, "请您出示身份证"), (7, "请到……窗口办理")]
    assert phrases(path, "prohibited") == [(9, "不知道，自己去问"), (10, "没看我正忙着吗？"), (12, "下班了，明天再来吧")]
    assert [p.article for p in extract(path).prohibited] == ["第六条 1", "第六条 2", "第六条 3"]


def test_corner_brackets_semicolons_and_broken_quotes(tmp_path):
    path = write(tmp_path, "styles.txt", """第七条 接听电话时，应先说「您好，这里是XX街道便民服务中心」，结束时应说「感谢您的来电，再见」。
第八条 忌语：你找谁；急什么，排队去；我也没办法。
第九条 禁止使用“我不管、“你去问别人”等语言。
第十条 接待群众应使用以下礼貌用语：
“请坐”；“请您稍候”
""")
    assert phrases(path, "courtesy") == [(1, "您好，这里是XX街道便民服务中心"), (1, "感谢您的来电，再见"), (5, "请坐"), (5, "请您稍候")]
    assert phrases(path, "prohibited") == [(2, "你找谁"), (2, "急什么，排队去"), (2, "我也没办法"), (3, "我不管"), (3, "你去问别人")]


def test_a_gb18030_file_with_ascii_quotes(tmp_path):
    path = write(tmp_path, "gbk.txt", """社区居委会接待工作守则
一、接待群众时必须使用礼貌用语，如"您好"；"请坐"；"请问有什么可以帮您"。
二、不准说"这事不归我管"、"你去找别人"、"明天再来"。
""", encoding="gb18030")
    assert [text for _, text in phrases(path, "courtesy")] == ["您好", "请坐", "请问有什么可以帮您"]
    assert phrases(path, "prohibited") == [(3, "这事不归我管"), (3, "你去找别人"), (3, "明天再来")]


def test_a_docx_document_counts_paragraphs_as_lines(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for text in ["服务规范", "第三条 服务用语", "接待群众应使用“您好”、“请坐”、“请稍等”等文明用语。",
                 "第四条 服务禁语", "● 你问我，我问谁？", "● 急什么，没看我正忙着？", "第五条 仪容仪表", "工作人员应着装整洁。"]:
        document.add_paragraph(text)
    path = tmp_path / "规范.docx"
    document.save(path)
    assert phrases(path, "courtesy") == [(3, "您好"), (3, "请坐"), (3, "请稍等")]
    assert phrases(path, "prohibited") == [(5, "你问我，我问谁？"), (6, "急什么，没看我正忙着？")]
    assert [p.article for p in extract(path).prohibited] == ["第四条", "第四条"]


def test_slogans_behaviour_rules_and_titles_are_not_phrases(tmp_path):
    path = write(tmp_path, "slogans.txt", """窗口服务行为规范
一、服务态度
1、接待群众做到“三声”，即来有迎声、问有答声、走有送声。
2、坚持“五个一样”：干部与群众一样尊重，生人与熟人一样热情。
3、严禁推诿扯皮，不准冷落、刁难、训斥服务对象。
4、杜绝“门难进、脸难看、事难办”现象。
5、要求微笑多给一点、语气柔和一点、效率更高一点。
6、树立“群众利益无小事”的观念，实行“首问负责制”。
7、接待群众应使用文明用语，做到“热心、耐心、细心”。
8、不得说脏话、粗话，千万不要说那些“官话、狠话”。
二、文明用语
（一）使用文明用语，做到语言规范、态度和蔼。
三、服务禁语
严禁推诿扯皮。
（注：以上禁语任何时候不得使用。）
""")
    assert to_json(extract(path)) == {"courtesy": [], "prohibited": []}


def test_a_list_ends_at_the_first_line_that_is_not_a_phrase(tmp_path):
    path = write(tmp_path, "list.txt", "服务禁语：\n- 我不管\n- 快点讲\n工作人员应耐心解答群众的询问，不得推诿。\n我们下班了\n")
    assert phrases(path, "prohibited") == [(2, "我不管"), (3, "快点讲")]


def test_to_json_lists_texts_and_lines(tmp_path):
    path = write(tmp_path, "json.txt", "应使用“请稍候”等文明用语，禁止使用“你快点”。\n")
    assert to_json(extract(path)) == {
        "courtesy": [{"text": "请稍候", "line": 1, "article": "", "covered_by": None}],
        "prohibited": [{"text": "你快点", "line": 1, "article": "", "covered_by": None}],
    }


def test_unreadable_documents_raise_input_error(tmp_path):
    with pytest.raises(InputError):
        extract(write(tmp_path, "broken.docx", "not a zip"))
    with pytest.raises(InputError):
        extract(tmp_path / "missing.txt")


def test_categories_are_guessed_from_keywords():
    assert guess_category("courtesy", "您好!这里是хх社区居委会") == "电话开场"
    assert guess_category("courtesy", "请稍等,我帮您问一下其他社工") == "转办"
    assert guess_category("courtesy", "请坐") == "文明用语"
    assert guess_category("prohibited", "我要下班了,你快点") == "催促/不耐烦"
    assert guess_category("prohibited", "我也没办法") == "搪塞"


# --- the TOML draft -------------------------------------------------------------------------------

def draft_documents() -> list[Path]:
    return sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []


@pytest.mark.parametrize("make", ["numbered", *(path.name for path in draft_documents())])
def test_the_draft_loads_and_every_source_line_shows_the_phrase(tmp_path, make):
    document = write(tmp_path, "numbered.txt", NUMBERED) if make == "numbered" else SEEDS / make
    draft = tmp_path / "draft.toml"
    draft.write_text(to_toml(extract(document), document.name), encoding="utf-8")
    lexicon = load_lexicon([draft], defaults=False)
    lines = read_lines(document)
    assert lexicon.rules
    for rule in lexicon.rules:
        assert re.fullmatch(rf"draft\.[a-z0-9_-]+\.{rule.kind}\.\d{{3}}", rule.id)
        if rule.kind == "prohibited":
            assert (rule.severity, rule.suggestion) == ("medium", UNFINISHED_SUGGESTION)
        for source in rule.sources:
            assert source.doc == document.name
            line = lines[source.line - 1]   # a phrase's bracket gives variants: 他(她)不在 is 他不在 and 她不在
            written = [normalize(text).text for text in (line, re.sub(r"[（(][^（）()]*[）)]", "", line))]
            assert any(all(piece in text for piece in _pieces(form)) for form in rule.forms for text in written), (rule.id, source)


def _pieces(form: str) -> list[str]:
    return [normalize(piece).text for piece in SLOT_PATTERN.split(form) if normalize(piece).text]


def test_an_ellipsis_placeholder_becomes_a_slot_in_the_draft(tmp_path):
    draft = to_toml(extract(write(tmp_path, "numbered.txt", NUMBERED)), "numbered.txt")
    assert 'phrase = "请到хх窗口办理"' in draft
    assert 'flag = ["请到社保窗口办理"]' in draft


def test_wordings_that_differ_only_by_a_placeholder_are_one_rule(tmp_path):
    path = write(tmp_path, "fill.txt", "应使用“请填写”、“请填写xx”等文明用语。\n")
    draft = tmp_path / "draft.toml"
    draft.write_text(to_toml(extract(path), path.name), encoding="utf-8")
    [rule] = load_lexicon([draft], defaults=False).rules
    assert rule.forms == ("请填写", "请填写xx")
    assert len(rule.sources) == 2


def test_list_items_may_be_numbered_like_headings_or_follow_the_colon(tmp_path):
    path = write(tmp_path, "numerals.txt", """第十二条 服务忌语（十句）
一、“喂，找谁？”
二、不知道，问别人去！
第十三条 文明用语十字：您好、请、谢谢、对不起、再见。
""")
    assert phrases(path, "prohibited") == [(2, "喂，找谁？"), (3, "不知道，问别人去！")]
    assert [text for _, text in phrases(path, "courtesy")] == ["您好", "请", "谢谢", "对不起", "再见"]


def test_a_list_after_a_colon_ends_on_its_line(tmp_path):
    path = write(tmp_path, "inline.txt", "三、其他要求\n接待时要讲：您好、请坐、请喝水。\n四、附表\n5、档案管理\n")
    assert phrases(path, "courtesy") == [(2, "您好"), (2, "请坐"), (2, "请喝水")]


def test_docx_tables_are_read_and_a_kind_table_by_its_header(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("第三条 服务禁语")
    document.add_paragraph("禁止使用下列用语：")
    listed = document.add_table(rows=2, cols=1)
    listed.cell(0, 0).text, listed.cell(1, 0).text = "“你懂不懂规矩”", "“没看见我正忙着”"
    document.add_paragraph("第四条 用语对照")
    table = document.add_table(rows=3, cols=2)
    for row, pair in enumerate([("文明用语", "服务禁语"), ("您好，请坐", "急什么"), ("请您稍等", "自己看牌子")]):
        table.cell(row, 0).text, table.cell(row, 1).text = pair
    path = tmp_path / "对照表.docx"
    document.save(path)
    assert phrases(path, "prohibited") == [(3, "你懂不懂规矩"), (4, "没看见我正忙着"), (9, "急什么"), (11, "自己看牌子")]
    assert phrases(path, "courtesy") == [(8, "您好，请坐"), (10, "请您稍等")]


def test_the_drafts_of_two_documents_load_together(tmp_path):
    """Each draft's rule ids carry a tag of its document (an outside trial's two drafts both numbered
    draft.prohibited.001 …, so they could not be loaded together)."""
    drafts = []
    for name in ("服务规范.txt", "禁语清单.txt"):
        source = tmp_path / name
        source.write_text("服务忌语：你自己看着办、我们下班了没空管、找你们领导签字去\n", encoding="utf-8")
        drafts.append(tmp_path / f"{source.stem}.toml")
        drafts[-1].write_text(to_toml(extract(source), name), encoding="utf-8")
    rules = load_lexicon(drafts, defaults=False).rules
    assert len({rule.id for rule in rules}) == len(rules) == 6


# --- a black-box administrator's trial (twenty-eighth session), on dev documents' wordings ----------------------------

def test_a_run_of_quotes_under_no_cue_keeps_farewells_and_greetings_of_the_day(tmp_path):
    """17、当纳税人离开办税服务厅时,“谢谢合作”、“慢走”或“再见”。 (dev 01): 慢走 was dropped, having no 请 or 您. Not the sneers
    an independent review wrote against it (慢走不送, 早上好啊，又来了)."""
    path = write(tmp_path, "d.txt", "17、当纳税人离开办税服务厅时,“谢谢合作”、“慢走”或“再见”。\n18、见面时说“早上好”“晚上好”。\n")
    assert [text for _, text in phrases(path, "courtesy")] == ["谢谢合作", "慢走", "再见", "早上好", "晚上好"]
    sneers = write(tmp_path, "s.txt", "个别工作人员“慢走不送”“走好不送”之类的话语，群众意见很大。\n"
                                      "有的同志习惯说“走好，不送”“早上好啊，又来了”等话语，显得很不耐烦。\n")
    assert phrases(sneers, "courtesy") == []


def test_a_joining_word_between_quotes_is_no_phrase(tmp_path):
    """“很抱歉,让您久等了“或者“您好,感谢您的等待” (the first quote closed with an opening mark) gave 或者 as a phrase."""
    path = write(tmp_path, "d.txt", "二、文明服务用语\n1、接电话时,应使用礼貌用语:\n“您好,您请讲”\n2、查询后回复时:\n"
                                    "“很抱歉,让您久等了“或者“您好,感谢您的等待”\n")
    assert [text for _, text in phrases(path, "courtesy")] == ["您好,您请讲", "很抱歉,让您久等了", "您好,感谢您的等待"]


@pytest.mark.parametrize("scene", ["接待过程中有情况处理时", "客户有疑问时", "遇到情况时"])
def test_a_scene_label_saying_有_does_not_end_the_list(tmp_path, scene):
    """有 introduces a list (常用的有：), but not in a scene ending in 时 (客户有疑问时：): every item after it was lost, in
    a numbered list; an unnumbered one (an independent review of the first fix) goes on reading it as introducing the
    words below."""
    path = write(tmp_path, "d.txt", f"二、文明服务用语\n1、接电话时:\n您好,您请讲。\n2、{scene}:\n对不起,请稍等。\n"
                                    "3、在转接时:\n请稍等,我将您的电话转接给同事。\n4、结束时:\n谢谢,再见。\n")
    assert [line for line, _ in phrases(path, "courtesy")] == [3, 5, 7, 9]
    unnumbered = write(tmp_path, "u.txt", f"服务文明用语\n您好，请问您办理什么业务？\n请您稍等，我马上为您办理。\n{scene}：\n"
                                          "请问您还有什么不清楚的地方吗？\n我再给您详细解释一下。\n请慢走，欢迎再来。\n")
    assert [line for line, _ in phrases(unnumbered, "courtesy")] == [2, 3, 5, 6, 7]


def test_a_table_cell_of_numbered_phrases_gives_each_without_its_number(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["场景", "文明用语", "服务忌语"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["患者听不清时", "1.对不起，请您再说一遍好吗？ 2.别着急，您慢慢说。",
                                                "收费 1. 5元你自己看"]):
        cell.text = text
    path = tmp_path / "表.docx"
    document.save(path)
    assert [p.text for p in extract(path).courtesy] == ["对不起，请您再说一遍好吗？", "别着急，您慢慢说"]
    assert [p.text for p in extract(path).prohibited] == ["收费 1. 5元你自己看"]   # one phrase: no list opens it


def test_a_prohibited_phrase_the_defaults_flag_but_for_a_word_is_covered(tmp_path):
    """我不知道 / 这不关我的事 were drafted as new rules, which then took the defaults' place with an unwritten suggestion;
    a longer sentence holding a flagged phrase is still drafted, and courtesy still needs the whole wording."""
    from phrasecheck.matching import Matcher
    from phrasecheck.ruletools.coverage import mark_covered

    path = write(tmp_path, "d.txt", "服务忌语：我不知道；这不关我的事；不知道，你自己去隔壁问吧\n文明用语：您好，请坐\n")
    marked = mark_covered(extract(path), Matcher(load_lexicon()))
    assert [(p.text, p.covered_by) for p in marked.prohibited] == [
        ("我不知道", "prohibited.evade.dont-know"), ("这不关我的事", "prohibited.shirk.not-my-business"),
        ("不知道，你自己去隔壁问吧", None)]
    assert [p.covered_by for p in marked.courtesy] == [None]


def test_draft_names_differ_also_where_only_letter_case_does():
    """Rule ids are lower case, and some file systems ignore case: Rules.txt and rules.csv are one name there."""
    assert draft_names([Path("Rules.txt"), Path("rules.csv"), Path("a/x"), Path("b/x"), Path("rules-txt.md")]) == [
        "Rules-txt", "rules-csv", "x", "x-2", "rules-txt-2"]


def test_courteous_words_after_a_line_whose_last_cue_banned_something_stay_courteous(tmp_path):
    """…杜绝“七不”，即：“不”、“不知道”…，态度不得生 (cut off) / “对不起,这个问题稍后会有销售人员为您做专业解答” (dev 69): the
    line before's prohibition was carried to an apology; rude words after such a line stay prohibited."""
    line = "遇有客人询问时，应礼貌对待，杜绝“七不”，即：“不知道”、“不管”等，应耐心解答问题。业主询问时，态度不得生\n"
    path = write(tmp_path, "d.txt", line + "“对不起,这个问题稍后会有销售人员为您做专业解答”\n")
    assert "对不起,这个问题稍后会有销售人员为您做专业解答" in [text for _, text in phrases(path, "courtesy")]
    rude = write(tmp_path, "r.txt", line + "“您问我，我问谁去”\n")
    assert "您问我，我问谁去" in [text for _, text in phrases(rude, "prohibited")]


def test_a_draft_says_the_words_a_bracket_gives_instead_as_variants(tmp_path):
    """A hospital's list (204-hospital, a real document; a trial's site lexicon): 躺(坐)那儿,快点! and 把东西(证明、资料)都拿出来
    are said with each word of the bracket in place of the one before it, 把上衣脱了(把裤子脱了!把衣服撩起来) each on its own:
    the draft's rules flag every wording, where the bracket kept in the phrase had matched only loosely or not at all."""
    from phrasecheck.matching import Matcher
    from phrasecheck.ruletools.draft import bracket_forms
    assert bracket_forms("躺(坐)那儿,快点!") == ["躺那儿,快点!", "坐那儿,快点!"]
    assert bracket_forms("同志(先生、女士)") == ["同志", "先生", "女士"]
    assert bracket_forms("把孩子抱紧了!(怎么连孩子都抱不住呀!)") == ["把孩子抱紧了!", "怎么连孩子都抱不住呀"]
    assert bracket_forms("请躺好(或坐好)") == ["请躺好", "请坐好"] and bracket_forms("(称呼)您好") == ["(称呼)您好"]
    assert len(bracket_forms("你" + "(甲、乙、丙)说" * 25)) == 12   # 4^25 wordings not made: the first twelve
    document = Path(__file__).parent / "data" / "regdocs" / "docs" / "204-hospital.txt"
    draft = tmp_path / "draft.toml"
    draft.write_text(to_toml(extract(document), document.name), encoding="utf-8")
    matcher = Matcher(load_lexicon([draft], defaults=False))
    for said in ("坐那儿，快点！", "躺那儿，快点！", "把证明都拿出来，让我看看！", "把裤子脱了。", "把衣服撩起来。"):
        assert [f.match for f in matcher.find(said) if f.kind == "prohibited" and f.similarity == 1.0], said
