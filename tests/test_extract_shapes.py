"""The document model of `lexicon extract` on the shapes regulation documents take (written for these tests)."""

from __future__ import annotations

from pathlib import Path

from phrasecheck.ruletools.cues import COURTESY, MIXED, PROHIBITED, kinds_named, stock_words, talk_kind
from phrasecheck.ruletools.document import HEADING, LIST, PROSE, blocks, readable, segments
from phrasecheck.ruletools.extract import extract, split_items
from phrasecheck.ruletools.sources import read_source


def write(tmp_path: Path, text: str, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def found(path: Path) -> dict[str, list[tuple[int, str]]]:
    extraction = extract(path)
    return {kind: [(p.line, p.text) for p in extraction.of_kind(kind)] for kind in (COURTESY, PROHIBITED)}


def test_a_run_on_line_is_cut_at_the_markers_that_go_on_with_their_numbering():
    line = "一、服务用语1、您好，请问办理什么业务？2、请稍等。第3、4项另行规定。(二)服务禁语①不知道②找别人去"
    cut = [(s.marker.text if s.marker else None, s.text) for s in segments([line])]
    assert cut == [("一、", "服务用语"), ("1、", "您好，请问办理什么业务？"), ("2、", "请稍等。第3、4项另行规定。"),
                   ("(二)", "服务禁语"), ("①", "不知道"), ("②", "找别人去")]


def test_numbers_in_angle_brackets_cut_a_list_run_together_on_one_line(tmp_path):
    path = write(tmp_path, "服务禁语\n（一）蔑视语——指看不起客户的话：<1>你懂不懂<2>你没长眼睛啊，自己看；"
                           "（二）烦躁语——指不耐烦的话：〈1〉快点，快点〈2〉急什么，没看见我忙着吗？【3】下班了\n"
                           "有关案例见报道[1]，详见第2页[2]。\n")
    assert found(path)[PROHIBITED] == [(2, "你懂不懂"), (2, "你没长眼睛啊，自己看"), (2, "快点，快点"),
                                        (2, "急什么，没看见我忙着吗？"), (2, "下班了")]
    assert [s.marker for s in segments(["有关案例见报道[1]，详见第2页[2]。"])] == [None]   # footnotes, not items


def test_numbers_inside_prose_are_not_markers():
    assert [s.marker for s in segments(["坚持统一、规范、高效，电话83798097、83778515，共1.5万人次。"])] == [None]


def test_headings_name_a_kind_only_with_their_last_words():
    assert kinds_named("三、服务禁语") == {PROHIBITED}
    assert kinds_named("服務禁語（十句）如下：") == {PROHIBITED}
    assert kinds_named("十字文明用语") == {COURTESY}
    assert kinds_named("银行营业网点员工服务文明用语与服务禁语") == {COURTESY, PROHIBITED}
    assert kinds_named("服务禁忌清单") == {PROHIBITED}
    assert kinds_named("教师忌语40例") == {PROHIBITED} and kinds_named("文明用语十则") == {COURTESY}
    assert kinds_named("服务用语规范") == kinds_named("长春：教师说禁忌语将受罚") == set()


def test_blocks_carry_the_polarity_of_the_heading_they_fall_under(tmp_path):
    path = write(tmp_path, "窗口服务文明用语与服务禁语\n1.您好，请坐。\n2.你自己看。\n三、仪容仪表\n1.着装整洁。\n")
    read = [(block.form, block.kind, [s.text for s in block.segments]) for block in blocks(read_source(path))]
    assert read[:2] == [(HEADING, MIXED, ["窗口服务文明用语与服务禁语"]), (LIST, MIXED, ["您好，请坐。", "你自己看。"])]
    assert [(form, texts) for form, _, texts in read[2:]] == [(HEADING, ["仪容仪表"]), (PROSE, ["着装整洁。"])]


def test_lists_after_a_heading_separated_by_commas_semicolons_and_sentence_ends(tmp_path):
    path = write(tmp_path, "服务忌语：不知道、没办法、找领导去\n禁语：你找谁；急什么，排队去\n"
                           "文明用语：您好！请坐！请慢走！\n服务禁语\n不知道。没看我正忙着吗？下班了。\n")
    assert found(path) == {
        COURTESY: [(3, "您好！"), (3, "请坐！"), (3, "请慢走！")],
        PROHIBITED: [(1, "不知道"), (1, "没办法"), (1, "找领导去"), (2, "你找谁"), (2, "急什么，排队去"),
                     (5, "不知道"), (5, "没看我正忙着吗？"), (5, "下班了")],
    }


def test_one_phrase_per_line_under_a_heading_until_the_next_topic(tmp_path):
    path = write(tmp_path, "服务禁语\n不知道\n没办法，自己想办法\n这事不归我管\n\n工作要求\n着装整洁\n")
    assert found(path)[PROHIBITED] == [(2, "不知道"), (3, "没办法，自己想办法"), (4, "这事不归我管")]


def test_traditional_script_documents_are_read_like_simplified_ones(tmp_path):
    path = write(tmp_path, "二、服務禁語\n1、喂，過來！\n2、這事不歸我管。\n三、禮貌用語：您好、請坐、謝謝。\n")
    assert found(path) == {COURTESY: [(4, "您好"), (4, "請坐"), (4, "謝謝")],
                           PROHIBITED: [(2, "喂，過來！"), (3, "這事不歸我管")]}


def test_a_flattened_table_mixing_both_kinds_tells_each_item_by_its_words(tmp_path):
    path = write(tmp_path, "服务场景\n服务文明用语\n服务禁语\n当客户插队时\n48.对不起，请您按秩序排队，谢谢。\n"
                           "68.这里办不成，你到别处办去。\n临近下班时\n51.您好，请问办理什么业务？\n69.别进来了，下班了。\n")
    assert found(path) == {COURTESY: [(5, "对不起，请您按秩序排队，谢谢"), (8, "您好，请问办理什么业务？")],
                           PROHIBITED: [(6, "这里办不成，你到别处办去"), (9, "别进来了，下班了")]}


def test_an_item_broken_across_lines_keeps_the_line_it_starts_on(tmp_path):
    path = write(tmp_path, "在立案过程中，应当使用如下文明用语：\n1. 请把起诉材料交给我看一下。\n"
                           "2. 你反映的问题不属于法院职责范围，应由××部\n\n门负责，建议你到××部门反映。\n3.请收好您的资料。\n谢谢！4.请慢走。\n")
    assert found(path)[COURTESY] == [(2, "请把起诉材料交给我看一下"), (3, "你反映的问题不属于法院职责范围，应由××部门负责，建议你到××部门反映"),
                                     (6, "请收好您的资料。谢谢！"), (7, "请慢走")]


def test_labelled_items_give_the_words_after_their_labels(tmp_path):
    path = write(tmp_path, "一、教师忌语：严禁教师使用以下语言：\n1、辱骂性语言：例如：你真笨！\n2、压制性语言：例如：少废话！\n"
                           "二、常用服务应答语\n1、问候语：您好！很高兴为您服务。2、查询结束时：感谢您的耐心等待。查询时间过长时：请您挂机，稍后我会回复您。\n")
    assert found(path) == {COURTESY: [(5, "您好！很高兴为您服务"), (5, "感谢您的耐心等待"), (5, "请您挂机，稍后我会回复您")],
                           PROHIBITED: [(2, "你真笨！"), (3, "少废话！")]}


def test_behaviour_rules_slogans_category_labels_and_quoted_terms_are_not_phrases(tmp_path):
    path = write(tmp_path, "服务禁语\n1、严禁推诿扯皮，不准冷落群众。\n2、蔑视语、烦躁语、否定语、斗气语\n"
                           "文明用语\n1、做到“三声”：来有迎声、问有答声、走有送声。\n2、推行“五声服务”。\n"
                           "3、不得说“官话、狠话”。\n4、要求检查“绿通”车辆。\n")
    assert found(path) == {COURTESY: [], PROHIBITED: []}


def test_quotes_in_news_are_phrases_only_when_a_cue_says_so(tmp_path):
    path = write(tmp_path, "城管“您好”变“您别跑”\n记者看到，“文明执法”成了一句口号，一位摊主说：“他们跑得比我们还快。”\n"
                           "规定要求，执法前要先说“您好”，禁止使用“你找死啊”等不文明用语。\n")
    assert found(path) == {COURTESY: [(3, "您好")], PROHIBITED: [(3, "你找死啊")]}


def test_headings_that_say_what_is_said_with_a_verb(tmp_path):
    assert kinds_named("禁止使用的服务用语") == kinds_named("十句不能说的话") == {PROHIBITED}
    assert kinds_named("窗口人员必说的十句话") == {COURTESY}
    path = write(tmp_path, "窗口人员十句不能说的话\n⑴ 不知道，问别人去。\n⑵ 快点，我要下班了。\n"
                           "窗口人员必说的十句话\n⒈ 您好，请坐。\n⒉ 请稍等。\n")
    assert found(path) == {COURTESY: [(5, "您好，请坐"), (6, "请稍等")],
                           PROHIBITED: [(2, "不知道，问别人去"), (3, "快点，我要下班了")]}


def test_unquoted_lists_named_by_the_label_after_them(tmp_path):
    path = write(tmp_path, "一、接待时必须使用您好、请、谢谢、对不起、再见等文明用语。\n"
                           "二、严禁说不知道、没办法、找领导去之类的话。\n三、杜绝使用粗话、脏话、狠话等不文明语言。\n")
    assert found(path) == {COURTESY: [(1, "您好"), (1, "请"), (1, "谢谢"), (1, "对不起"), (1, "再见")],
                           PROHIBITED: [(2, "不知道"), (2, "没办法"), (2, "找领导去")]}


def test_a_table_flattened_with_tabs(tmp_path):
    path = write(tmp_path, "序号\t服务禁语\t建议用语\n1\t你找谁？\t请问您找哪位？\n2\t自己看\t我帮您看一下\n")
    extraction = extract(path)
    assert [(p.line, p.text, p.suggestion) for p in extraction.prohibited] == [
        (2, "你找谁？", "请问您找哪位？"), (3, "自己看", "我帮您看一下")]
    assert extraction.courtesy == []


def test_a_list_of_records_another_system_exported_is_read_as_a_rule_sheet(tmp_path):
    """One record a line (JavaScript or JSON): the keys are the header, the label above gives the kind when they
    name none, and a code comment between the records is no phrase."""
    script = write(tmp_path, "// 服务禁语过滤插件\nconst FORBIDDEN = [\n  // ---- 拒绝 ----\n"
                             "  { phrase: '办不到', replacement: '暂时无法办到' },\n  { phrase: '没法子', replacement: '我再想想办法' },\n"
                             "  // ---- 系统故障类甩锅 ----\n  { phrase: '系统崩了', replacement: '系统暂时出现异常' },\n"
                             "  { phrase: '服务器挂了', replacement: '系统暂时出现异常' },\n];\n")
    extraction = extract(script)
    assert [(p.line, p.text, p.suggestion) for p in extraction.prohibited] == [
        (4, "办不到", "暂时无法办到"), (5, "没法子", "我再想想办法"), (7, "系统崩了", "系统暂时出现异常"),
        (8, "服务器挂了", "系统暂时出现异常")]
    assert extraction.courtesy == []
    keyed = write(tmp_path, '[\n{"文明用语": "您好，请坐"},\n{"文明用语": "请稍等"}\n]\n', "keyed.json.txt")
    assert found(keyed) == {COURTESY: [(2, "您好，请坐"), (3, "请稍等")], PROHIBITED: []}
    unnamed = write(tmp_path, "const WORDS = [\n  { text: '办不到' },\n  { text: '没法子' },\n];\n", "unnamed.txt")
    assert found(unnamed) == {COURTESY: [], PROHIBITED: []}


def test_labels_naming_a_kind_of_talk_say_what_follows_them(tmp_path):
    path = write(tmp_path, "窗口服务注意事项\n蔑视语：喂，那个谁！\n烦躁语：快点说，别啰嗦！\n问候语：您好，欢迎光临！\n"
                           "不说：不知道；要说：请稍等，我帮您问一下。\n")
    assert found(path) == {COURTESY: [(4, "您好，欢迎光临！"), (5, "请稍等，我帮您问一下")],
                           PROHIBITED: [(2, "喂，那个谁！"), (3, "快点说，别啰嗦！"), (5, "不知道")]}


def test_an_unquoted_list_after_such_as_in_a_sentence_with_a_cue(tmp_path):
    path = write(tmp_path, "严禁使用推诿性的语言，如不知道、没办法、找别人去。\n做到热情服务，如微笑、起立、让座。\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(1, "不知道"), (1, "没办法"), (1, "找别人去")]}


def test_a_line_of_quotes_under_a_heading_takes_its_kind_a_story_quoting_someone_does_not(tmp_path):
    path = write(tmp_path, "三、服务禁语\n以下用语严禁在窗口使用。\n“喂，找谁？”“明天再来吧！”\n"
                           "四、其他\n记者看到，“您好”变成了“您别跑”。\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(3, "喂，找谁？"), (3, "明天再来吧！")]}


def test_lists_of_things_not_to_do_are_rules_not_phrases(tmp_path):
    path = write(tmp_path, "服务禁语：不推诿、不扯皮、不拖拉、不刁难\n服务忌语：不知道、不清楚、不归我管\n")
    assert found(path)[PROHIBITED] == [(2, "不知道"), (2, "不清楚"), (2, "不归我管")]


def test_a_quote_right_after_a_verb_of_use_or_a_prohibition_and_its_colon(tmp_path):
    path = write(tmp_path, "接待时谈吐文雅。\n使用“您好”、“请”、“再见\"等10字文明礼貌用\n语。\n"
                           "避免对客户选择进行主观评价：“这产品不划算”\n医护人员如使用“欢迎下次再来”等语言，将被视为服务忌语。\n")
    assert found(path) == {COURTESY: [(2, "您好"), (2, "请"), (2, "再见")],
                           PROHIBITED: [(4, "这产品不划算"), (5, "欢迎下次再来")]}   # filed under 服务忌语 after the comma


def test_words_of_someone_in_a_story_are_not_phrases_whatever_the_cues_before(tmp_path):
    path = write(tmp_path, "教育厅公布了10大禁语，有「不想听的就回去！」有网友看完说，「我从小的斗志就是这样被激发的！」\n"
                           "也有网友纷纷留言，「以前就是这样听长大的！」\n当顾客说：“谢谢”时，应答：“不客气”。\n")
    assert found(path) == {COURTESY: [(3, "不客气")], PROHIBITED: [(1, "不想听的就回去！")]}


def test_alternatives_written_with_a_slash_are_split_when_they_are_said_to_someone(tmp_path):
    path = write(tmp_path, "业主来访时要主动问好，说“早上好/您好”，走时要讲“再见/您慢走”。\n称呼“先生/女士”。\n"
                           "不宜说：“欢迎下次再来。”\n")
    assert found(path) == {COURTESY: [(1, "早上好"), (1, "您好"), (1, "再见"), (1, "您慢走")],
                           PROHIBITED: [(3, "欢迎下次再来")]}


def test_ocr_text_with_a_space_between_every_two_characters_is_read_without_them():
    spaced = "常 用 文 明 用 语 ， 请 各 位 护 士 做 到 见 面 问 声 您 好 。 您 好 ！ 请 进 ！"
    assert [s.text for s in segments([spaced])] == ["常用文明用语，请各位护士做到见面问声您好。您好！请进！"]
    assert [s.text for s in segments(["场景 禁用表述", "● 您好! ● 请讲!"])] == ["场景 禁用表述", "您好!", "请讲!"]


def test_a_run_of_short_sentences_said_to_someone_takes_the_cue_before_it(tmp_path):
    path = write(tmp_path, "护士离不开语言。常用文明用语 做到见面问声“您好”。您好！请进！请坐！对不起。没关系。"
                           "2 别着急，我马上就来。行为规范一、所有人员均应做到首问负责。\n"
                           "他说：好的。我们走吧！你们好！\n")
    assert found(path) == {COURTESY: [(1, "您好"), (1, "您好！"), (1, "请进！"), (1, "请坐！"), (1, "对不起"),
                                      (1, "没关系"), (1, "别着急，我马上就来")], PROHIBITED: []}


def test_a_quote_after_a_colon_or_a_scene_takes_the_kind_of_the_heading_above(tmp_path):
    path = write(tmp_path, "一、文明服务用语\n1.遇到无声电话时，话务接线员：“您好！请问有什么可以帮助您？”\n"
                           "2.市民抱怨时，话务接线员：“对不起，请您讲普通话，好吗？”\n"
                           "3.当市民说：“你们怎么回事”时，话务接线员应耐心解释。\n")
    assert found(path) == {COURTESY: [(2, "您好！请问有什么可以帮助您？"), (3, "对不起，请您讲普通话，好吗？")],
                           PROHIBITED: []}


def test_a_line_after_a_closed_quote_goes_on_with_its_cue_only_when_it_opens_a_quote(tmp_path):
    path = write(tmp_path, "顾客退货时，禁止说：“你才买的，怎么又要换？”“不能退。”\n“买的时候干什么了？”\n"
                           "营业员态度恶劣几乎成了一大“顽症”。\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(1, "你才买的，怎么又要换？"), (1, "不能退"),
                                                      (2, "买的时候干什么了？")]}


def test_a_list_whose_first_item_reads_like_a_title_keeps_it(tmp_path):
    path = write(tmp_path, "服务禁语\n1、不知道\n2、没办法，我也管不了\n禁用语：1.你找谁 2.下班了 3.找领导去\n"
                           "规范用语\n（一）接电话\n1、您好，请讲。\n（二）送别\n1、请慢走。\n")
    assert found(path) == {COURTESY: [(7, "您好，请讲"), (9, "请慢走")],
                           PROHIBITED: [(2, "不知道"), (3, "没办法，我也管不了"), (4, "你找谁"), (4, "下班了"),
                                        (4, "找领导去")]}


def test_things_said_named_as_talk_after_them_are_phrases_not_terms(tmp_path):
    path = write(tmp_path, "工作中要杜绝“不知道”“没办法”等语言。\n严禁说你找谁、下班了、找领导去等推诿语言。\n"
                           "坚决杜绝“门难进、脸难看”等现象，严禁“吃拿卡要”。\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(1, "不知道"), (1, "没办法"), (2, "你找谁"), (2, "下班了"),
                                                      (2, "找领导去")]}


def test_unquoted_lists_after_a_verb_of_never_saying_or_in_brackets_after_a_label(tmp_path):
    path = write(tmp_path, "工作人员严禁说不知道、没办法。\n十字文明用语（请、您好、谢谢）要经常使用。\n"
                           "教師不講粗話臟話、不強詞奪理、不諷刺挖苦。禁止讲方言、土话。\n")
    assert found(path) == {COURTESY: [(2, "请"), (2, "您好"), (2, "谢谢")], PROHIBITED: [(1, "不知道"), (1, "没办法")]}


def test_unquoted_items_about_the_people_served_that_say_nothing_to_anyone_are_conduct(tmp_path):
    path = write(tmp_path, "服务态度禁忌\n• 在客户面前出现精神萎靡、打哈欠\n• 客户，你等一下！\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(3, "客户，你等一下！")]}


# --- round 3: shapes of the widened dev half, on made-up text --------------------------------------------

def test_a_label_negating_a_courtesy_label_names_prohibited_phrases(tmp_path):
    text = "二、服务用语\n(一)接待用语：请进、请坐\n(二)不规范服务用语：你快点；快点去交钱。\n"
    result = found(write(tmp_path, text))
    assert (2, "请进") in result[COURTESY] and {(3, "你快点"), (3, "快点去交钱")} <= set(result[PROHIBITED])
    assert not {text for _, text in result[COURTESY]} & {"你快点", "快点去交钱"}


def test_quotes_that_replace_prohibited_ones_are_courtesy(tmp_path):
    text = "窗口明确禁用“你怎么又来了？”“没看我在忙吗？”等表述，统一规范为“您好，请稍等”“请您慢慢说”等话语。\n"
    result = found(write(tmp_path, text))
    assert [p for _, p in result[PROHIBITED]] == ["你怎么又来了？", "没看我在忙吗？"]
    assert [p for _, p in result[COURTESY]] == ["您好，请稍等", "请您慢慢说"]


def test_words_named_after_a_prohibition_and_its_that_is(tmp_path):
    text = "规范用语\n回答询问时，杜绝“三不”，即：“不知道”、“不归我管”、“不清楚”等，应耐心解答。\n"
    result = found(write(tmp_path, text))
    assert [p for _, p in result[PROHIBITED]] == ["不知道", "不归我管", "不清楚"] and result[COURTESY] == []


def test_a_slash_after_a_sentence_end_separates_whole_phrases(tmp_path):
    text = "四、禁忌用语\n命令式：站住！/别进来！\n五、文明用语\n- 对方查询：请问您找谁？/对不起，他/她不在\n- 欢迎语：欢迎您来我们小区/楼栋\n"
    result = found(write(tmp_path, text))
    assert [p for _, p in result[PROHIBITED]] == ["站住！", "别进来！"]
    assert [p for _, p in result[COURTESY]] == ["请问您找谁？", "对不起，他/她不在", "欢迎您来我们小区/楼栋"]


def test_a_category_name_alone_on_its_line_ends_the_item_before(tmp_path):
    text = "一、礼貌用语\n- 临时无法处理：对不起，他不在，请稍候\n感谢语\n- 常用表达：谢谢、多谢\n"
    assert [p for _, p in found(write(tmp_path, text))[COURTESY]] == ["对不起，他不在，请稍候", "谢谢", "多谢"]


def test_the_title_of_an_article_about_phrases_names_no_list(tmp_path):
    assert kinds_named("浅谈幼儿园教师忌语") == set() and kinds_named("幼儿园教师忌语") == {PROHIBITED}
    text = "浅谈幼儿园教师忌语\n\n2016-04-27 王某\n\n小学科学 2016年3期\n\n讽刺挖苦型：“你画的什么破画啊！”\n"
    assert found(write(tmp_path, text))[PROHIBITED] == [(7, "你画的什么破画啊！")]


def test_a_quote_said_to_someone_stays_whole_between_its_commas(tmp_path):
    text = "墙上贴着“不知道，你问我，我问谁”等服务忌语。十字文明用语“请，对不起，谢谢”要常用。\n"
    result = found(write(tmp_path, text))
    assert result[PROHIBITED] == [(1, "不知道，你问我，我问谁")]
    assert [p for _, p in result[COURTESY]] == ["请", "对不起", "谢谢"]


def test_a_bare_should_or_never_before_a_colon_labels_what_follows(tmp_path):
    text = ("请注意以下几个方面：\n一、注意称呼得体\n· 应：“张阿姨，该吃午饭了。” “您慢点走。”\n· 忌：“5号，吃饭！” “喂！”\n"
            "· 应：面带微笑，耐心倾听。\n· 忌：当众大声说：“又弄脏了！”\n")
    result = found(write(tmp_path, text))
    assert [p for _, p in result[COURTESY]] == ["张阿姨，该吃午饭了", "您慢点走"]
    assert [p for _, p in result[PROHIBITED]] == ["5号，吃饭！", "喂！", "又弄脏了！"]


def test_may_not_say_names_the_words_after_it_prohibited(tmp_path):
    text = "客户询问时，不可以说：“不、不行、不清楚”等语言，要一次办结。\n"
    assert [p for _, p in found(write(tmp_path, text))[PROHIBITED]] == ["不", "不行", "不清楚"]


def test_a_note_between_a_heading_and_its_numbered_items_keeps_the_list_open(tmp_path):
    text = ("二、介绍用语：\n要求热情，诚恳，实事求是，不要言过其实；\n1.商品介绍\n1) 这是新到的品种，您可以看看。\n"
            "2) 这种商品不耐高温，使用时请注意。\n")
    assert [p for _, p in found(write(tmp_path, text))[COURTESY]] == ["这是新到的品种，您可以看看",
                                                                      "这种商品不耐高温，使用时请注意"]


def test_after_a_note_an_unmarked_line_is_no_item(tmp_path):
    text = "五、不文明用语\n不文明用语会伤害游客，如“他妈的”、“滚蛋”等。\n如何避免触碰红线\n"
    assert [p for _, p in found(write(tmp_path, text))[PROHIBITED]] == ["他妈的", "滚蛋"]


def test_a_list_whose_last_phrase_has_a_comma_is_split_at_its_commas_of_enumeration():
    assert split_items("不客气、不用谢、请稍等、请别着急，我们马上帮您解决。") == [
        "不客气", "不用谢", "请稍等", "请别着急，我们马上帮您解决"]
    assert split_items("对不起、请原谅！请多包涵！很抱歉、请您不要介意！") == ["对不起", "请原谅！", "请多包涵！", "很抱歉", "请您不要介意！"]


def test_requests_between_commas_are_phrases_and_a_slash_in_brackets_stays():
    assert split_items("请进，请坐，请喝茶，请到休息室休息") == ["请进", "请坐", "请喝茶", "请到休息室休息"]
    assert split_items("请家属上车，请坐好；请检查随身物品") == ["请家属上车，请坐好", "请检查随身物品"]
    assert split_items("您好！早上(下午/晚上)好！欢迎回来！") == ["您好！", "早上(下午/晚上)好！", "欢迎回来！"]


def test_decimal_section_numbers_cut_a_flattened_page_and_nest():
    line = "标准要求1.0目的：规范用语。2.0适用范围：全体员工。3.1服务禁语3.1.1辱骂性语言：你烦不烦！3.2“三不”共增长3.5倍"
    cut = [(s.marker.text if s.marker else None, s.text) for s in segments([line])]
    assert cut == [(None, "标准要求"), ("1.0", "目的：规范用语。"), ("2.0", "适用范围：全体员工。"), ("3.1", "服务禁语"),
                   ("3.1.1", "辱骂性语言：你烦不烦！"), ("3.2", "“三不”共增长3.5倍")]
    levels = [s.marker.level for s in segments([line]) if s.marker]
    assert levels[2] < levels[3] and levels[2] == levels[4]


def test_the_short_sentences_of_an_item_too_long_for_one_phrase_are_its_phrases(tmp_path):
    said = "你烦不烦啊！不知道，问别人去。刚才不是跟你说了，怎么又问？没零钱，自己去换。这是医院，不是你家。"
    text = f"3.3服务禁语3.3.1侮辱性语言、不雅性语言，以及各类刁难病人的说法和做法，一律禁止。{said * 2}\n"
    assert "刚才不是跟你说了，怎么又问？" in [p for _, p in found(write(tmp_path, text))[PROHIBITED]]


def test_courtesy_words_run_together_are_split_into_the_stock_words():
    assert stock_words("您好请坐谢谢再见") == ["您好", "请坐", "谢谢", "再见"]
    assert stock_words("请您好谢谢祝您健康") == ["请", "您好", "谢谢", "祝您健康"]
    assert stock_words("您好请坐下来") == [] and stock_words("谢谢") == []


def test_a_category_in_brackets_labels_the_words_after_it(tmp_path):
    text = "门诊服务要求(日常文明用语)您好请进谢谢慢走不用谢(接待文明用语)您好，请问您挂哪个科？请稍等，马上就好！\n"
    assert [p for _, p in found(write(tmp_path, text))[COURTESY]] == [
        "您好", "请进", "谢谢", "慢走", "不用谢", "您好，请问您挂哪个科？", "请稍等，马上就好！"]


def test_a_label_after_the_list_before_it_starts_at_its_category_word(tmp_path):
    text = "3.2公共服务用语称呼用语：先生、女士、小朋友接待用语：请进、请坐、请慢走\n"
    assert [p for _, p in found(write(tmp_path, text))[COURTESY]] == ["先生", "女士", "小朋友", "请进", "请坐", "请慢走"]


def test_a_heading_naming_a_kind_of_bad_talk_gives_its_examples_their_kind(tmp_path):
    assert kinds_named("2. 地域歧视词汇") == {PROHIBITED} and kinds_named("推诿性语言") == {PROHIBITED}
    text = "景区禁用词汇的类型\n1. 地域歧视词汇\n这类词汇带有贬低，例如，“外地佬”、“土包子”等，容易引发矛盾。\n"
    assert [p for _, p in found(write(tmp_path, text))[PROHIBITED]] == ["外地佬", "土包子"]


def test_a_quote_given_as_an_example_with_no_kind_is_taken_when_courteous(tmp_path):
    text = ("（一）上门服务行为规范\n（3）电话确认地址。例如：“您好，请问您是××吗？”\n（4）到达后出示证件。比如：“你们自己看着办。”\n"
            "（5）客户询问时耐心解释，例如“请您再等等”。\n")
    assert [p for _, p in found(write(tmp_path, text))[COURTESY]] == ["您好，请问您是××吗？", "请您再等等"]
    assert found(write(tmp_path, text))[PROHIBITED] == []


def test_a_table_with_an_avoided_words_column_and_quoted_cells(tmp_path):
    text = ("场景 | 敬语用语 | 避免词 | 说明 |\n---|---|---|---|\n迎接 | “请节哀”,“有需要请告诉我们 | “死了”、“停尸” | 安抚 |\n"
            "告别 | 工作人员“请保重,慢走” | “走好啊”,“下次再来” | 肃穆 |\n")
    result = found(write(tmp_path, text))
    assert [p for _, p in result[COURTESY]] == ["请节哀", "有需要请告诉我们", "请保重,慢走"]
    assert [p for _, p in result[PROHIBITED]] == ["死了", "停尸", "走好啊", "下次再来"]


def test_a_kind_of_talk_named_before_or_after_quotes_gives_their_kind(tmp_path):
    text = ("教师忌语的类型\n\n讽刺挖苦型：“你写的什么破字啊！”“这也不会？”\n"
            "有些馆员经常用“不行”“你明天再来”等命令口气说话。\n送别时忌说“再见”，宜用“请保重”“您慢走”。\n")
    result = found(write(tmp_path, text))
    assert [p for _, p in result[PROHIBITED]] == ["你写的什么破字啊！", "这也不会？", "不行", "你明天再来", "再见"]
    assert [p for _, p in result[COURTESY]] == ["请保重", "您慢走"]


def test_the_sentences_after_a_never_say_label_are_phrases_of_their_own(tmp_path):
    text = "（二）服务禁语：\n1、客户查询余额时，禁止说：不行，机器忙着呢。天天查，真烦人。\n2、问候语：您好！很高兴为您服务？\n"
    result = found(write(tmp_path, text))
    assert [p for _, p in result[PROHIBITED]] == ["不行，机器忙着呢", "天天查，真烦人"]


def test_lines_led_by_a_dash_are_items_and_a_dash_inside_a_line_is_not(tmp_path):
    text = ("座席人员必须使用以下文明语言：\n（一）接听电话\n——您好，请讲。\n（二）回答完毕后确认\n——请问还有其他问题吗？\n"
            "——请问还有什么可以帮您吗？\n（三）客户询问结算规定时——禁止说：我不知道\n")
    result = found(write(tmp_path, text))
    assert result[COURTESY] == [(3, "您好，请讲"), (5, "请问还有其他问题吗？"), (6, "请问还有什么可以帮您吗？")]
    assert result[PROHIBITED] == [(7, "我不知道")]


def test_a_title_pointing_back_at_what_stands_above_it_heads_no_list(tmp_path):
    text = "乘务员\n这是很多旅客在火车上的常用语\n我的内心是复杂的\n每次听到这样的称呼\n是不是觉得我不该微笑\n"
    assert found(write(tmp_path, text)) == {COURTESY: [], PROHIBITED: []}
    assert found(write(tmp_path, "以下这些文明用语\n您好\n请稍等\n"))[COURTESY] == [(2, "您好"), (3, "请稍等")]


def test_a_quoted_label_before_a_colon_gives_the_quotes_after_it_their_kind(tmp_path):
    text = "“三轻”：走路轻，说话轻。\n“文明礼貌用语十字”：“请”，“您好”，“谢谢”。\n“服务忌语”：“不知道”，“找别人去”。\n"
    result = found(write(tmp_path, text))
    assert result[COURTESY] == [(2, "请"), (2, "您好"), (2, "谢谢")]
    assert result[PROHIBITED] == [(3, "不知道"), (3, "找别人去")]


def test_a_title_naming_the_rules_of_courtesy_phrases_heads_courteous_speech_only(tmp_path):
    path = write(tmp_path, "第一篇:窗口文明用语规范\n一、接待\n要求:热情 礼貌\n1、您好!\n2、请坐,您有什么事吗?\n"
                           "二、办理\n要求:认真 准确\n1、请您出示证件。\n2、着装整洁。\n")
    assert found(path) == {COURTESY: [(4, "您好!"), (5, "请坐,您有什么事吗?"), (8, "请您出示证件")], PROHIBITED: []}


def test_letter_items_under_decimal_headings(tmp_path):
    path = write(tmp_path, "客服代表规范用语\n接 待\n1.1 总则\n1.2.1 业务咨询\n1.2.1.1 普通座席\nA、普通座席:您好,很高兴为您服务!\n"
                           "B、专席:您好,专席为您服务!\n1.2.2 询问语\nA、您好!请问您需要办理哪项业务?\n")
    assert found(path)[COURTESY] == [(6, "您好,很高兴为您服务!"), (7, "您好,专席为您服务!"),
                                     (9, "您好!请问您需要办理哪项业务?")]


def test_a_note_under_a_sub_heading_keeps_the_list_open_and_the_sub_heading_no_item(tmp_path):
    path = write(tmp_path, "文明用语\n一、服务理念\n要求:耐心多一点,态度好一点。\n二、接待\n要求:热情\n1、您好!\n2、请坐。\n")
    assert found(path)[COURTESY] == [(6, "您好!"), (7, "请坐")]


def test_a_pdf_page_that_lost_its_separators_and_swapped_glyphs(tmp_path):
    path = write(tmp_path, "窗口服务行为觃范1衣着整洁2坐姿端正4面带笑容使用文明用诧服务忌诧1我丌知道2你问我我问谁3没看见我正忙着吗\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(1, "我丌知道"), (1, "你问我我问谁"), (1, "没看见我正忙着吗")]}
    assert [s.marker for s in segments(["请您3日后到2号窗口领取，每月1日2日为结算期，第1页。"])] == [None]


def test_scenes_run_together_each_with_the_staff_words_and_the_words_not_to_say(tmp_path):
    path = write(tmp_path, "遇到用户等待时:座席员:“对不起,让您久等了。”不可以说:“喂,等着吧。”Р"
                           "遇到用户表示感谢时:座席员必须回应:“不客气”Р遇到无法答复的问题:座席员:“请您留下电话,好吗?”\n")
    assert found(path) == {COURTESY: [(1, "对不起,让您久等了"), (1, "不客气"), (1, "请您留下电话,好吗?")],
                           PROHIBITED: [(1, "喂,等着吧")]}


def test_a_slash_list_of_courtesy_words_and_sentences_separated_by_spaces(tmp_path):
    path = write(tmp_path, "服务用语\n您/您好 /请/请问/对不起,请原谅 /您是…… 谢谢/\n送货用语\n"
                           "请您核对送货单。 请您签字确认。 谢谢您的支持,再见!\n")
    assert found(path)[COURTESY] == [(2, "您"), (2, "您好"), (2, "请"), (2, "请问"), (2, "对不起,请原谅"), (2, "您是……"),
                                     (2, "谢谢"), (4, "请您核对送货单"), (4, "请您签字确认"), (4, "谢谢您的支持,再见!")]


def test_quotes_named_only_by_a_bare_etc_phrases_give_their_courteous_speech(tmp_path):
    path = write(tmp_path, "五、語氣謙和，常以「你好」、「對不起」等用語表達，不以「喂」等用語招呼。\n")
    assert found(path) == {COURTESY: [(1, "你好"), (1, "對不起")], PROHIBITED: []}


def test_a_heading_ending_in_the_words_it_uses_names_a_kind(tmp_path):
    path = write(tmp_path, "第四条 空话应对用词举例:\n“请您讲话,我会认真倾听。”\n第五条 不当用词:\n“你说什么?”\n")
    assert found(path) == {COURTESY: [(2, "请您讲话,我会认真倾听")], PROHIBITED: [(4, "你说什么?")]}


def test_a_quote_of_short_sentences_with_commas_is_one_utterance(tmp_path):
    path = write(tmp_path, "问候用语:\n“尊敬的先生,您好!祝您节日快乐!请问有什么可以帮您?”\n“您好!请坐!请慢走!”\n")
    assert found(path)[COURTESY] == [(2, "尊敬的先生,您好!祝您节日快乐!请问有什么可以帮您?"), (3, "您好!"), (3, "请坐!"),
                                     (3, "请慢走!")]


def test_numbered_scenes_without_a_cue_introduce_words_as_the_scene_before_did(tmp_path):
    path = write(tmp_path, "1.接通电话时应说:\n您好,请问有什么可以帮您?\n2.请求对方提供号码:\n请您提供手机号码。\n"
                           "3.服务禁语:\n你自己查\n")
    assert found(path) == {COURTESY: [(2, "您好,请问有什么可以帮您?"), (4, "请您提供手机号码")],
                           PROHIBITED: [(6, "你自己查")]}


def test_a_flattened_table_of_taboo_words_with_the_reply_to_give_instead(tmp_path):
    path = write(tmp_path, "一、推脱类禁忌词\n禁忌词 | 适用场景 | 替代话术 |\n1. 没办法 | 顾客催单(如 “怎么还不发货?”) | "
                           "“您别着急,我马上帮您催一下” |\n2. 找快递去 | 包裹丢失 | “我这就帮您联系快递核实” |\n")
    assert found(path) == {COURTESY: [(3, "您别着急,我马上帮您催一下"), (4, "我这就帮您联系快递核实")],
                           PROHIBITED: [(3, "没办法"), (4, "找快递去")]}


def test_bullets_on_one_line_each_with_a_numbered_item_under_a_half_bracketed_heading(tmp_path):
    path = write(tmp_path, "• 一)服务用语 • 1、您好,请讲 • 2、请稍等\n• 二)服务禁语 • 1、这事不归我管 • 2、你听不懂吗?\n")
    assert found(path) == {COURTESY: [(1, "您好,请讲"), (1, "请稍等")],
                           PROHIBITED: [(2, "这事不归我管"), (2, "你听不懂吗?")]}


def test_a_bracketed_note_after_a_phrase_s_sentence_end_is_no_part_of_it(tmp_path):
    path = write(tmp_path, "服务禁语:\n1、你先听我说。(打断对方)\n2、等一下!(不耐烦)\n")
    assert found(path)[PROHIBITED] == [(2, "你先听我说"), (3, "等一下!")]


def test_a_reminder_or_question_put_to_the_person_served_is_words_said(tmp_path):
    path = write(tmp_path, "窗口接待\n顾客未取号时,微笑并礼貌提醒:“您好,请先取号”。\n顾客走近时,询问顾客“请问您办理什么业务”,再核对证件。\n")
    assert found(path)[COURTESY] == [(2, "您好,请先取号"), (3, "请问您办理什么业务")]


def test_quotes_ruled_out_or_replaced_by_the_words_after_them_are_prohibited(tmp_path):
    path = write(tmp_path, "二、引导字眼\n客服回复时,“加我”、“私聊”这些字眼也不行。\n“假一赔十”等承诺必须删除。\n"
                           "“包您满意” 改为 “我们会尽力让您满意”。\n")
    assert found(path) == {COURTESY: [(4, "我们会尽力让您满意")],
                           PROHIBITED: [(2, "加我"), (2, "私聊"), (3, "假一赔十"), (4, "包您满意")]}


def test_page_furniture_without_words_under_a_heading_is_no_phrase(tmp_path):
    path = write(tmp_path, "常见服务禁忌用语\n- 格式:doc\n- 大小:30.5 KB\n- 页数:3\n- 禁用词:微信、QQ、VX\n")
    assert found(path)[PROHIBITED] == [(5, "微信"), (5, "QQ"), (5, "VX")]


def test_a_heading_about_manners_names_no_list_while_a_bare_label_of_courtesy_does(tmp_path):
    path = write(tmp_path, "三、加强接听电话礼貌\n1. 听到铃响,应立即接听,并报单位名称。\n2. 接听时应说:「您好,这里是服务中心。」\n"
                           "电话问候:早上好、您好\n")
    assert found(path)[COURTESY] == [(3, "您好,这里是服务中心"), (4, "早上好"), (4, "您好")]


def test_a_prohibition_with_words_between_it_and_the_quote_it_rules_out(tmp_path):
    path = write(tmp_path, "四、電話禮貌\n(一)不可逕行掛斷電話或以「不清楚」\n   搪塞。\n(二)對方撥錯電話時,不可粗言「打錯了」即掛斷。\n"
                           "(三)不可一句「不在」就掛斷電話。\n(四)不要忘記說「謝謝」。\n(五)這「三不」也要做到。\n(六)「三声」即来有迎声。\n")
    assert found(path) == {COURTESY: [(6, "謝謝")], PROHIBITED: [(2, "不清楚"), (4, "打錯了"), (5, "不在")]}


def test_a_quote_after_a_short_scene_or_label_with_no_cue_is_taken_when_courteous(tmp_path):
    path = write(tmp_path, "服务标准\n\n7、用户提出批评意见:“对不起,我们一定改正”;\n\n8、用户等待过长时,“让您久等了,请问有什么可以帮您?”\n\n"
                           "9、交接班:“交接完毕”\n\n隔日我上了另一辆车,看见售票员站着未动,抛出一句:“请您自觉投币!”\n")
    assert found(path)[COURTESY] == [(3, "对不起,我们一定改正"), (5, "让您久等了,请问有什么可以帮您?")]


def test_quotes_that_the_words_after_them_file_under_a_prohibited_label(tmp_path):
    path = write(tmp_path, "评论\n窗口人员「我不是說過了嗎」「急什麼」等用語則將被列為服務禁忌。\n“你自己看”包含在政府服务禁止语中。\n"
                           "禁止语气生硬。\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(2, "我不是說過了嗎"), (2, "急什麼"), (3, "你自己看")]}


def test_an_unquoted_list_after_for_example_takes_the_cue_of_the_sentence_before(tmp_path):
    path = write(tmp_path, "收银员职责\n\nA.对顾客有礼貌,运用礼貌用语。例如:您好、欢迎光临、谢谢您。\n\nB.严禁使用粗话。例如:滚、笨蛋。\n\n"
                           "C.保持台面整洁。例如:收银台、吧台。\n")
    assert found(path) == {COURTESY: [(3, "您好"), (3, "欢迎光临"), (3, "谢谢您")], PROHIBITED: [(5, "滚"), (5, "笨蛋")]}


def test_lettered_items_with_a_closing_bracket_are_a_list(tmp_path):
    path = write(tmp_path, "4、服务忌语\na)不知道\nb) 有完没完?\n(2)业务忙时,禁止说:\na) 急什么,慢慢来;\n(b)明天再来吧。\n"
                           "注:plan a) 不算编号。\n")
    assert found(path)[PROHIBITED] == [(2, "不知道"), (3, "有完没完?"), (5, "急什么,慢慢来"), (6, "明天再来吧")]


def test_a_bare_verb_label_before_looks_and_manners_in_a_paragraph_gives_no_words(tmp_path):
    path = write(tmp_path, "收银员标准\n1、表情:自然微笑。忌:无表情、冷淡、叉腰。2、问候:忌:喂,你要什么?\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(2, "喂,你要什么?")]}


def test_category_labels_in_a_paragraph_with_quotes_elsewhere_go_on_with_the_kind_before(tmp_path):
    path = write(tmp_path, "员工用语\n物业文明礼貌用语及各专业服务语言流程规范一、问候语:你好!早上好!祝贺语:节日快乐!恭喜发财!致谢语:谢谢!"
                           "二、保安用语:\"当客人来访时\"\n")
    assert found(path)[COURTESY] == [(2, "你好!"), (2, "早上好!"), (2, "节日快乐!"), (2, "恭喜发财!"), (2, "谢谢!")]


def test_words_ruled_out_right_after_may_not_say_in_numbered_rules(tmp_path):
    path = write(tmp_path, "客服守则\n1、不可以说没有发票\n2、不可以关闭订单\n3、包邮的产品不能说不包邮\n4、不可以说缺货(用断码代替)\n"
                           "5、不要说得太快\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(2, "没有发票"), (4, "不包邮"), (5, "缺货")]}


def test_a_numbered_category_of_contempt_heads_the_quotes_below_it(tmp_path):
    path = write(tmp_path, "客服禁忌\n1、鄙视语\n轻一点的:“我说的您是不会理解的”、“您就照做吧”等等。\n2、烦躁语\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(3, "我说的您是不会理解的"), (3, "您就照做吧")]}


def test_short_titles_between_bullets_and_a_new_topic_after_sub_headings_of_phrases(tmp_path):
    path = write(tmp_path, "护士服务用语如下:\n一、基础文明用语\n日常交流\n- 您好!/ 请!/ 谢谢!\n- 请稍等,我马上来/ 请把病历给我\n"
                           "特殊场景\n- 吃早餐了吗?\n二、服务理念与承诺\n核心格言\n- 您的健康我的追求,您的满意我的目标\n")
    assert found(path)[COURTESY] == [(4, "您好!"), (4, "请!"), (4, "谢谢!"), (5, "请稍等,我马上来"), (5, "请把病历给我"),
                                     (7, "吃早餐了吗?")]


def test_asking_telling_and_answering_right_before_a_quote_in_an_instruction(tmp_path):
    path = write(tmp_path, "加油服务\n先问“请问您加什么油?”然后再问“请问您要加满吗?”\n报案时告知业主\"请别急,慢慢讲\"。\n"
                           "倾听诉求后回应\"我们会尽快处理\"。\n王先生提出意见,对方回应「我还怕你?」\n")
    assert found(path) == {COURTESY: [(2, "请问您加什么油?"), (2, "请问您要加满吗?"), (3, "请别急,慢慢讲"), (4, "我们会尽快处理")],
                           PROHIBITED: []}


def test_quotes_that_the_words_after_them_say_are_no_service_language_or_a_taboo(tmp_path):
    path = write(tmp_path, "餐饮服务用语\n(1)尊敬:多使用敬语。回一句“你这个人真怪”,不是服务语言,违反了“尊敬性”。\n"
                           "(2)“单间”一词也是忌讳的词语。\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(2, "你这个人真怪"), (3, "单间")]}


def test_a_document_platforms_notices_are_no_phrases(tmp_path):
    path = write(tmp_path, "物业服务规范用语\n- 1、下载文档前请自行甄别文档内容的完整性。\n- 2、如文档侵犯您的权益,请联系客服反馈。\n"
                           "1、敬语:请、谢谢、再见。\n")
    assert found(path)[COURTESY] == [(4, "请"), (4, "谢谢"), (4, "再见")]


def test_a_quote_alone_on_the_line_after_a_colon_is_taken_when_courteous(tmp_path):
    path = write(tmp_path, "交警执法问答\n\n如果驾驶人要求当场缴纳罚款,警察会依据法律拒绝:\n\n\"抱歉,我们不能当场收取罚款。\"\n\n"
                           "对于拒绝签字的情况,警察会明确告知法律效力:\n\n\"拒绝签字,文书仍然生效。\"\n")
    assert found(path) == {COURTESY: [(5, "抱歉,我们不能当场收取罚款")], PROHIBITED: []}


def test_a_scene_label_with_words_of_speech_in_it_is_still_a_label(tmp_path):
    path = write(tmp_path, "3、服务工作中的基本用语\n(1)接待时:欢迎您、欢迎光临;\n(2)业主向你致谢时:请别客气、很高兴为您服务;\n")
    assert found(path)[COURTESY] == [(2, "欢迎您"), (2, "欢迎光临"), (3, "请别客气"), (3, "很高兴为您服务")]


def test_lines_led_by_category_labels_go_on_in_a_list_of_such_lines(tmp_path):
    path = write(tmp_path, "2.上门服务规范用语:\n进门语:您好,我是维修人员。\n解释语(收费的):按照规定,这项维修需要收费。\n3.上门服务流程:\n")
    assert found(path)[COURTESY] == [(2, "您好,我是维修人员"), (3, "按照规定,这项维修需要收费")]


def test_quotes_of_conduct_or_of_gossip_under_a_heading_of_taboos_are_no_phrases(tmp_path):
    path = write(tmp_path, "服务五大禁忌\n1、闲聊:服务员之间聊天,比如:“某某明星要结婚了”等等诸如此类的八卦新闻。\n"
                           "2、带情绪上岗:服务员不要做出“赶走顾客的表情”。\n3、顶撞:不说“你爱买不买”。\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(4, "你爱买不买")]}


def test_clauses_of_conduct_after_a_list_of_courtesy_words_are_no_phrases(tmp_path):
    path = write(tmp_path, "2)语言表达:应用礼貌词语:您、请、谢谢、对不起、没关系、再见。讲普通话,不说方言,不说土话。"
                           "不传闲话,不背后议论人,不人云亦云。与家长讲话要站在家长与幼儿的立场上,采取商量的口吻交谈,不卑不亢。\n")
    assert [text for _, text in found(path)[COURTESY]] == ["您", "请", "谢谢", "对不起", "没关系", "再见"]


def test_a_quoted_principle_is_a_term_also_after_de(tmp_path):
    path = write(tmp_path, "一、文明服务用语\n(三)然后本着“先外后内”的原则,先为办事人员办理业务,并说“对不起,让您久等了”。\n")
    assert found(path)[COURTESY] == [(2, "对不起,让您久等了")]


def test_questions_that_go_on_without_naming_anyone_again_are_one_turn(tmp_path):
    path = write(tmp_path, "纳税服务工作人员绝对不能面无表情地说“找谁?什么事?等一下……”。\n"
                           "医护人员用语\n1、请坐,请问您哪里不舒服?多长时间了?以前有这种情况吗?\n"
                           "2、请问您有什么事吗?请问您贵姓?我能帮您做点什么吗?\n")
    assert found(path) == {
        COURTESY: [(3, "请坐,请问您哪里不舒服?多长时间了?以前有这种情况吗?"),
                   (4, "请问您有什么事吗?"), (4, "请问您贵姓?"), (4, "我能帮您做点什么吗?")],
        PROHIBITED: [(1, "找谁?什么事?等一下……")],
    }


def test_a_verb_of_saying_one_space_before_its_quote_still_says_it(tmp_path):
    path = write(tmp_path, "第三十条服务工作对象表达不完整,民警应适当用 “不要紧,请慢慢说”等语言进行引导或询问。\n")
    assert found(path)[COURTESY] == [(1, "不要紧,请慢慢说")]


def test_labels_naming_threats_or_abuse_give_prohibited_quotes(tmp_path):
    path = write(tmp_path, "幼儿园教师语言暴力的表现\n粗暴恐吓型:“别哭了,再哭,把你赶出去!”“别闹了,再闹,把你送园长那儿去!”\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(2, "别哭了,再哭,把你赶出去!"), (2, "别闹了,再闹,把你送园长那儿去!")]}


def test_an_item_that_only_names_a_scene_is_no_phrase(tmp_path):
    path = write(tmp_path, "服务忌语\n6、业务忙时,禁止说: 急什么,等着吧。\n7、机器(线路)有故障时,\n"
                           "司法警察首先应出示《警官证》并告知:\n一、保护现场时\n二、执行传唤时\n(一)“请在《送达回证》上签名!\n")
    assert found(path) == {COURTESY: [(7, "请在《送达回证》上签名!")], PROHIBITED: [(2, "急什么,等着吧")]}
    asked = write(tmp_path, "服务禁语:\n1、等到什么时候\n2、急什么\n", "asked.txt")
    assert found(asked)[PROHIBITED] == [(2, "等到什么时候"), (3, "急什么")]


def test_a_list_mark_after_a_sentence_end_separates_phrases(tmp_path):
    path = write(tmp_path, "文明用语\n15、对不起,现在机器线路发生故障,请稍等。、您填写的凭证项内容有误,请重新填写。\n")
    assert found(path)[COURTESY] == [(2, "对不起,现在机器线路发生故障,请稍等"), (2, "您填写的凭证项内容有误,请重新填写")]


def test_scripts_named_huashu_are_lists_of_their_kind(tmp_path):
    path = write(tmp_path, "客服服务规范\n一、标准话术\n1、您好，很高兴为您服务。\n2、请问还有什么可以帮您？\n"
                           "二、禁用话术\n1、这个不归我管。\n2、你自己看。\n")
    assert found(path) == {COURTESY: [(3, "您好，很高兴为您服务"), (4, "请问还有什么可以帮您？")],
                           PROHIBITED: [(6, "这个不归我管"), (7, "你自己看")]}
    assert kinds_named("二、禁用话术") == {PROHIBITED} and kinds_named("替代话术") == {COURTESY}
    assert kinds_named("应答标准句式") == kinds_named("服务规范话语") == {COURTESY}


def test_a_heading_naming_bad_talk_with_yongyu_is_prohibited_not_courteous(tmp_path):
    for heading in ("服务忌讳用语", "负面用语", "违规用语", "推诿用语", "冷漠用语", "违禁词", "敏感词"):
        assert kinds_named(heading) == {PROHIBITED}, heading
    assert kinds_named("问候用语") == kinds_named("接警用语") == {COURTESY}
    path = write(tmp_path, "二、服务忌讳用语\n1、这事不归我管。\n2、你问别人去。\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(2, "这事不归我管"), (3, "你问别人去")]}


def test_phrases_set_apart_by_runs_of_spaces_and_mei_banfa_is_no_topic(tmp_path):
    path = write(tmp_path, "文明礼貌用语:\n  您好   请   谢谢　再见\n服务忌语:\n  不知道   没办法   找别人去\n")
    assert found(path) == {COURTESY: [(2, "您好"), (2, "请"), (2, "谢谢"), (2, "再见")],
                           PROHIBITED: [(4, "不知道"), (4, "没办法"), (4, "找别人去")]}


def test_a_table_flattened_with_wide_gaps_of_spaces_is_read_by_its_header(tmp_path):
    path = write(tmp_path, "规范用语                禁用语\n您好,请坐              喂,干什么的\n请您稍等                等着\n")
    assert found(path) == {COURTESY: [(2, "您好,请坐"), (3, "请您稍等")], PROHIBITED: [(2, "喂,干什么的"), (3, "等着")]}


def test_a_table_flattened_with_single_spaces_or_tabs_under_a_title_row_is_read_by_its_header(tmp_path):
    """An outside trial's 附表: each row came out as one courtesy phrase (single spaces), or, with tabs, the title
    row 附表 | 常用語對照表 was taken for the header (its 用语) and only the scene column came out."""
    rows = ["序號 情形 規範用語 禁用語", "1 群眾詢問 請問有什麼可以幫您 有事快說", "2 群眾催促 請您耐心等候，我們正在抓緊辦理 催什麼催，沒看我忙著呢"]
    expected = {COURTESY: [(3, "請問有什麼可以幫您"), (4, "請您耐心等候，我們正在抓緊辦理")],
                PROHIBITED: [(3, "有事快說"), (4, "催什麼催，沒看我忙著呢")]}
    assert found(write(tmp_path, "附表 常用語對照表\n" + "\n".join(rows) + "\n")) == expected
    tabbed = "附表\t常用語對照表\n" + "\n".join(row.replace(" ", "\t") for row in rows) + "\n"
    assert found(write(tmp_path, tabbed, "tabs.txt")) == expected
    stray = "序号 情形 规范用语 禁用语\n1 群众询问 请问有什么 可以帮您 有事快说\n2 群众等候 请您稍等 等着吧\n3 下班时间 请您明天再来 下班了\n"
    found_stray = found(write(tmp_path, stray, "stray.txt"))   # a row with a space in its phrase does not end the table
    assert (3, "请您稍等") in found_stray[COURTESY] and found_stray[PROHIBITED] == [(3, "等着吧"), (4, "下班了")]
    prose = "文明用语 禁用语 都要背熟\n请 大家 记住\n"   # a line of prose with spaces is no header
    assert found(write(tmp_path, prose, "prose.txt")) == {COURTESY: [], PROHIBITED: []}


def test_wrong_and_right_ways_of_saying_are_labels_of_their_kind(tmp_path):
    path = write(tmp_path, "错误说法:“你自己看!”\n正确说法:“请您参照这份样表填写。”\n错误示范:“我不知道。”\n")
    assert found(path) == {COURTESY: [(2, "请您参照这份样表填写")], PROHIBITED: [(1, "你自己看!"), (3, "我不知道")]}


def test_a_bare_answer_label_opening_its_sentence_says_the_quote(tmp_path):
    path = write(tmp_path, "问:群众办事材料不全时怎么说?\n答:“对不起,您还缺少身份证复印件,请补齐后再来办理。”\n"
                           "记者问他为什么,他答:“没时间。”\n")
    assert found(path) == {COURTESY: [(2, "对不起,您还缺少身份证复印件,请补齐后再来办理")], PROHIBITED: []}


def test_never_letting_words_appear_saying_less_and_negated_courtesy_name_prohibited_words(tmp_path):
    path = write(tmp_path, "工作人员不能出现“你自己看”“不知道”等语言。\n窗口人员要常说“您好”,少说“不行”“没办法”。\n"
                           "严禁使用“喂”“你找谁”等不礼貌的语言接听电话。\n"
                           "接递文件资料时禁止出现「丢、扔、抛、甩」等行为;「我不是说过了吗」等用语则将被列为服务禁忌。\n")
    assert found(path) == {COURTESY: [(2, "您好")],
                           PROHIBITED: [(1, "你自己看"), (1, "不知道"), (2, "不行"), (2, "没办法"), (3, "喂"), (3, "你找谁"),
                                        (4, "我不是说过了吗")]}


def test_a_short_quote_before_zhilei_or_er_is_words_not_a_term(tmp_path):
    path = write(tmp_path, "对前来办事的群众,不讲“研究研究”“等等再说”之类的推托之词。\n"
                           "2.11在工作场所对客户、上级要说“您”而不应说“你”;\n")
    assert found(path) == {COURTESY: [(2, "您")], PROHIBITED: [(1, "研究研究"), (1, "等等再说"), (2, "你")]}


def test_a_short_note_in_brackets_between_quotes_keeps_them_one_run(tmp_path):
    path = write(tmp_path, "推荐用语:“您好,欢迎光临!”(顾客进店时)“请慢走,欢迎再来!”(顾客离店时)\n")
    assert found(path)[COURTESY] == [(1, "您好,欢迎光临!"), (1, "请慢走,欢迎再来!")]


def test_slogans_references_and_qualities_asked_for_are_no_phrases(tmp_path):
    path = write(tmp_path, "一、文明用语\n1.要求：热情、耐心、周到。\n2.您好，请坐。\n3.其他用语：见附件一。\n"
                           "服务口号：“您的满意是我们的追求”\n服务禁语：详见《服务禁语清单》。\n")
    assert found(path) == {COURTESY: [(3, "您好，请坐")], PROHIBITED: []}


def test_a_run_of_numbered_courteous_lines_under_no_kind_is_a_list_of_courtesy(tmp_path):
    path = write(tmp_path, "湖南大学图书馆文明服务规范\n1、您好!2、欢迎您到图书馆\n3、请您出示借阅证\n4、对不起,请您先到存包处存包\n"
                           "2、谁让你进去的?3、自己查计算机目录去\n4、只能借*本,多了不借\n"
                           "参观须知\n1、请您自觉排队,有序入场。\n2、馆内禁止吸烟。\n3、请勿触摸展品。\n")
    assert found(path) == {COURTESY: [(2, "您好!"), (2, "欢迎您到图书馆"), (3, "请您出示借阅证"), (4, "对不起,请您先到存包处存包")],
                           PROHIBITED: []}
    lines = write(tmp_path, "窗口服务十句话\n- 您好，请问您办理什么业务？\n- 请您稍等，马上为您办理。\n- 对不起，让您久等了。\n"
                            "记者手记\n今天的窗口很忙。\n", "lines.txt")
    assert [text for _, text in found(lines)[COURTESY]] == ["您好，请问您办理什么业务？", "请您稍等，马上为您办理", "对不起，让您久等了"]


def test_numbered_sets_of_things_not_to_say_head_prohibited_lists_even_in_quotes(tmp_path):
    for heading in ("十不说", "服务“四不讲”", "禁说十句", "窗口人员不该说的话", "不宜使用的语言"):
        assert kinds_named(heading) == {PROHIBITED}, heading
    path = write(tmp_path, "窗口服务“十不说”\n1、不知道。\n2、这不归我管。\n四、仪容仪表\n1、着装整洁。\n五、不能说“宝贝”\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(2, "不知道"), (3, "这不归我管"), (6, "宝贝")]}


def test_lines_marked_wrong_or_right_give_phrases_of_that_kind(tmp_path):
    path = write(tmp_path, "✘ 不知道,你问别人去。\n✔ 请稍等,我帮您查一下。\n服务用语\n✗ “下班了,明天再来吧。”\n✓ 对不起,请您明天上午再来。\n")
    assert found(path) == {COURTESY: [(2, "请稍等,我帮您查一下"), (5, "对不起,请您明天上午再来")],
                           PROHIBITED: [(1, "不知道,你问别人去"), (4, "下班了,明天再来吧")]}


def test_a_label_of_polite_kind_names_the_quotes_of_its_example(tmp_path):
    path = write(tmp_path, "    • 十四、結束時應向洽公民眾道再見或其他禮貌性結束語(如「不客氣」、「請慢走」等)。\n"
                           "    • 十五、频繁使用口头禅、非礼貌性语气助词(如:嗯、那个、就是说等)\n")
    assert found(path)[COURTESY] == [(1, "不客氣"), (1, "請慢走")]


def test_a_quoted_label_names_the_quotes_it_is_said_to_include(tmp_path):
    path = write(tmp_path, "据悉,该局梳理出“窗口服务禁语”20条,包括“这事不归我管”“明天再来”等。\n二、以“禁用话术”为戒,杜绝沟通“生隔阂”。\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(1, "这事不归我管"), (1, "明天再来")]}


def test_someone_in_a_story_speaking_after_a_manner_is_taken_only_when_courteous(tmp_path):
    path = write(tmp_path, "我抄表时就遇到一户人家,房东在接到我的电话时不相信地说:“不可能啊,上季度才用20多吨水。”\n"
                           "当用户着急时,要耐心地说:“您别急,我马上帮您查看一下。”\n")
    assert found(path) == {COURTESY: [(2, "您别急,我马上帮您查看一下")], PROHIBITED: []}


def test_a_note_in_an_item_that_rules_out_words_said_to_someone_gives_them(tmp_path):
    path = write(tmp_path, "7.用戶提出自己不能準確回答的問題時:\n很抱歉,請您稍等一下,我幫您核實.(注:不能對客戶說我不知道或我不清楚,要及時詢問組長)\n")
    assert found(path)[PROHIBITED] == [(2, "我不知道"), (2, "我不清楚")]
    waiting = write(tmp_path, "6.用戶進行業務咨詢,客服代表查詢資料時:\n請您稍等,我幫您查詢! 操作: (等待鍵)\n", "waiting.txt")
    assert "(等待鍵)" not in [text for _, text in found(waiting)[COURTESY]]


def test_things_named_before_a_request_stay_one_phrase(tmp_path):
    path = write(tmp_path, "文明用语\n4.提醒家属做某事:单据、证明请放好;找给您的钱请点清\n5.问候:早上好、请进\n")
    assert [text for _, text in found(path)[COURTESY]] == ["单据、证明请放好", "找给您的钱请点清", "早上好", "请进"]


def test_sayings_listed_up_to_a_request_are_each_a_phrase(tmp_path):
    """An independent review: 明天请早 is a saying, not a request about the things before it."""
    path = write(tmp_path, "服务禁语：不知道、没空、明天请早。\n")
    assert [text for _, text in found(path)[PROHIBITED]] == ["不知道", "没空", "明天请早"]


def test_spaces_after_a_comma_do_not_split_a_phrase(tmp_path):
    """A copy from a PDF spaces a phrase after its comma; a wide gap between phrases still separates them."""
    path = write(tmp_path, "文明用语\n2、请您稍候，  我马上为您办理。\n接待群众应说“您好，  请坐”等文明用语。\n")
    assert [text for _, text in found(path)[COURTESY]] == ["请您稍候，  我马上为您办理", "您好，  请坐"]


def test_comforting_someone_says_the_quote_and_the_most_taboo_words_are_prohibited(tmp_path):
    path = write(tmp_path, "对很紧张、不配合的病人,要安慰他“不要紧张,放松些,这种治疗基本上是安全的”。\n"
                           "在临床上,最忌讳的语言就是训斥患者,如“不要动,忍着点,怎么这么娇气?”\n")
    assert found(path) == {COURTESY: [(1, "不要紧张,放松些,这种治疗基本上是安全的")],
                           PROHIBITED: [(2, "不要动,忍着点,怎么这么娇气?")]}


def test_the_most_used_words_are_no_instruction_and_words_changed_into_are_said(tmp_path):
    path = write(tmp_path, "殡葬业最令人唏嘘的禁忌,恰是生活中最常用的客套话:“您好”“再见”:丧属此时无“好”可问,"
                           "开场白需换成“请您节哀,我能为您做什么?”\n")
    assert found(path) == {COURTESY: [(1, "请您节哀,我能为您做什么?")], PROHIBITED: [(1, "您好"), (1, "再见")]}


def test_phrases_a_prohibition_names_head_a_prohibited_list_and_a_title_shown_twice_does_not_end_it(tmp_path):
    path = write(tmp_path, "营业厅员工服务禁语与纪律规范有哪些?\n\n一、服务禁语规范\n\n以下为营业厅员工禁止使用的服务用语及行为:\n\n"
                           "营业厅员工服务禁语与纪律规范有哪些?\n\n  • 责问、反问或顶撞客户,如“你自己没看说明吗?”\n"
                           "  • 使用不文明用语谩骂客户或与客户发生争执\n  • 推诿责任:“这个我不知道,你找别人”\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(9, "你自己没看说明吗?"), (11, "这个我不知道,你找别人")]}


def test_unquoted_comma_lists_of_stock_courtesy_words_are_courtesy(tmp_path):
    path = write(tmp_path, "1、称呼:要用尊重和亲切的语言,遇事客气上前。\n\n您好,问,请进,请坐,请稍等,您贵姓……等。\n"
                           "2、收银员在接待顾客的各个不同服务阶段,要灵活用好“十四字”文明礼貌用语“十四字”是:您,请,欢迎,对不起,谢谢,没关系,再见。"
                           "二、收银服务用语标准1、使用标准普通话。\n")
    assert [text for _, text in found(path)[COURTESY]] == ["您好", "问", "请进", "请坐", "请稍等", "您贵姓",
                                                            "您", "请", "欢迎", "对不起", "谢谢", "没关系", "再见"]
    rules = write(tmp_path, "要求:热情、耐心、周到、细致。\n", "rules.txt")
    assert found(rules) == {COURTESY: [], PROHIBITED: []}


def test_a_category_label_takes_its_headings_kind_and_goes_on_over_the_short_lines_after_it(tmp_path):
    path = write(tmp_path, "医院服务规范用语(一)文明用语1、问候语:您好!2、迎送语:请慢走!3、请托语:请稍候。\n请您配合我们的工作。\n"
                           "4、致谢语:谢谢您的理解!5、祝福语:祝您一切顺利!6、应答语:是的。\n好的。\n这是我(们)应该做的。\n"
                           "(二)服务忌语1、禁止使用刺激性、攻击性的语句。\n")
    assert found(path)[COURTESY] == [(1, "您好!"), (1, "请慢走!"), (1, "请稍候"), (2, "请您配合我们的工作"),
                                     (3, "谢谢您的理解!"), (3, "祝您一切顺利!"), (3, "是的"), (4, "好的"), (5, "这是我(们)应该做的")]
    story = write(tmp_path, "应答语:是的。\n他点点头，转身走了。\n", "story.txt")
    assert found(story)[COURTESY] == [(1, "是的")]


def test_a_full_stop_after_a_verb_of_saying_stands_for_its_colon(tmp_path):
    path = write(tmp_path, "制度执行1000问(一文明服务)(11)客户进行咨询时,应说。“您想了解什么。我们随时为您解答。”"
                           "(22)客户在非营业时间来办理业务,应说。“对不起,现在已经不是营业时间了,请您在营业时间来办。”\n"
                           "他没多说。“走吧”,我们出了门。\n")
    assert found(path) == {COURTESY: [(1, "您想了解什么。我们随时为您解答"),
                                      (1, "对不起,现在已经不是营业时间了,请您在营业时间来办")], PROHIBITED: []}


def test_an_item_ending_in_an_ellipsis_made_of_low_quotes_is_finished(tmp_path):
    path = write(tmp_path, "公司规范用语\n3、注意不要使用口头语:“喂、拜拜、那个、哪里„„\n"
                           "如:询问或确认客户相关信息时 “您好,请问您是XXX先生/女士吗?” 禁止使用:“您好,您是那个XXX女士吗?”“您是XXX是吗?”\n")
    read = found(path)
    assert read[COURTESY] == [(3, "您好,请问您是XXX先生/女士吗?")]
    assert {(2, "哪里„„"), (3, "您好,您是那个XXX女士吗?"), (3, "您是XXX是吗?")} <= set(read[PROHIBITED])


def test_a_quote_given_as_an_example_in_a_long_sentence_is_taken_when_courteous(tmp_path):
    path = write(tmp_path, "将责任单方面归咎于家长,不仅无助于解决问题。教师应采用合作的态度,共同探讨孩子的行为问题,比如:"
                           "“我注意到您的孩子在班级里有些行为上的挑战,我们能否一起想想办法,帮助他/她更好地适应集体生活?”\n")
    assert found(path) == {COURTESY: [(1, "我注意到您的孩子在班级里有些行为上的挑战,我们能否一起想想办法,帮助他/她更好地适应集体生活?")],
                           PROHIBITED: []}


def test_a_line_of_quotes_right_under_a_heading_telling_to_avoid_a_kind_of_talk_is_that_talk(tmp_path):
    path = write(tmp_path, "教师跟家长沟通,这些话千万不能说\n二、避免指责性言论\n“您在家是怎么教育孩子的?怎么一点规矩都没有!”\n"
                           "将责任单方面归咎于家长,不仅无助于解决问题。\n三、避免过度承诺\n“您放心,我保证您的孩子成绩一定会提高。”\n"
                           "四、服务态度\n“您好”\n")
    assert found(path)[PROHIBITED] == [(3, "您在家是怎么教育孩子的?怎么一点规矩都没有!"), (6, "您放心,我保证您的孩子成绩一定会提高")]


def test_rules_naming_kinds_of_sentences_under_a_prohibited_heading_give_no_phrases(tmp_path):
    path = write(tmp_path, "(二)服务忌语1、禁止使用个人忌讳的、无称呼的语句。\n2、禁止使用有损形象、名誉的语句。\n"
                           "3、禁止使用刺激性、攻击性的语句。\n4、禁止使用语意不明、令人疑惑的语句。\n")
    assert found(path) == {COURTESY: [], PROHIBITED: []}


def test_quotes_that_end_a_scene_are_its_words_not_staffs(tmp_path):
    path = write(tmp_path, "二、各工作环节标准用语\n2、客户问候时:“小姐(先生),您好。”时,应礼貌回应:“您好,请问有什么可以帮助您?”\n")
    assert found(path)[COURTESY] == [(2, "您好,请问有什么可以帮助您?")]


def test_a_quote_broken_across_lines_of_prose_is_read_whole(tmp_path):
    path = write(tmp_path, "(二)结束语\n1、向客户解释完毕后,应向客户确认是否明了:“请问还有什么可以\n"
                           "帮助您?”若客户不能完全明白,应将客户不明白的地方重新解释,直到客户明白为止。\n")
    assert found(path)[COURTESY] == [(2, "请问还有什么可以帮助您?")]


def test_three_clauses_with_nothing_said_after_a_courtesy_label_are_a_rule_unless_a_template(tmp_path):
    path = write(tmp_path, "叁、收银员礼貌用语:收银员站立收银台应姿势端正,女生左手搭右手上,两脚脚跟靠拢、脚尖略微分开。\n")
    assert found(path)[COURTESY] == []
    template = write(tmp_path, "2.上门服务规范用语:\n进门语:您好,我是服务中心的维修人员。\n"
                               "解释语(维修范围内):按照规定,这属于*的责任,费用应由*负责。\n", "template.txt")
    assert found(template)[COURTESY] == [(2, "您好,我是服务中心的维修人员"), (3, "按照规定,这属于*的责任,费用应由*负责")]


def test_a_question_in_quotes_before_a_word_of_concepts_is_still_words_said(tmp_path):
    path = write(tmp_path, "6、当病人或亲属请求帮助和有困难时,要主动说:“有什么困难吗?”、“我能帮助您吗?”工作忙时,要说:“请稍后。”\n")
    assert [text for _, text in found(path)[COURTESY]] == ["有什么困难吗?", "我能帮助您吗?", "请稍后"]


def test_rules_of_conduct_and_dates_under_a_taboos_heading_are_no_prohibited_phrases(tmp_path):
    path = write(tmp_path, "5.3.4 办公室禁忌\n2025年10月27日\n2)语言及行为禁忌\n①同事之间不能称兄道弟或乱叫外号。\n"
                           "②办公时间不大声谈笑,交流问题应起身走近。\n③当他人输入密码时自觉将视线移开。\n"
                           "三、服务禁语\n1、我们这里不能办这个业务\n2、不能办\n3、从现在开始,谁坐不住,就别出去玩\n4、不属于本窗口业务范围\n")
    assert found(path)[PROHIBITED] == [(8, "我们这里不能办这个业务"), (9, "不能办"), (10, "从现在开始,谁坐不住,就别出去玩"),
                                       (11, "不属于本窗口业务范围")]


def test_quotes_that_the_rest_of_their_sentence_points_back_at_and_judges_are_prohibited(tmp_path):
    path = write(tmp_path, "不要随意打断,如“你别说了”“说点别的”,这样的语言就容易挫伤老人,是护理员切忌的。\n"
                           "服务员问“你要饭吗”这类征询点菜的语言,使人听起来很不舒服。\n"
                           "“下次再来”:在墓园的服务规范中,此类用语被明令禁止。\n"
                           "早上醒来时可以说“您睡得好吗?”这样的话,老人会感到温暖。\n"
                           "医生对病人说过“不要动,忍着点”或者“怎么这么娇气”等,这些训斥的语言只会加重患者的情绪。\n")
    assert found(path)[PROHIBITED] == [(1, "你别说了"), (1, "说点别的"), (2, "你要饭吗"), (3, "下次再来"),
                                       (5, "不要动,忍着点"), (5, "怎么这么娇气")]
    assert (4, "您睡得好吗?") in found(path)[COURTESY]


def test_address_terms_to_avoid_written_with_a_slash_are_each_prohibited(tmp_path):
    path = write(tmp_path, "持续学习:\n定期培训提升服务用语规范性,避免使用“老头/老太婆”等不当称呼\n"
                           "熟悉后可用“张大姐/李经理”等称呼,问候时说“先生/女士,您好”\n")
    assert found(path)[PROHIBITED] == [(2, "老头"), (2, "老太婆")]
    assert (3, "先生/女士,您好") in found(path)[COURTESY]
    assert talk_kind("不当称呼") == talk_kind("不恰当的问候") == PROHIBITED and talk_kind("称呼") == COURTESY


def test_a_few_words_naming_an_occasion_before_the_colon_of_an_item_are_its_label(tmp_path):
    path = write(tmp_path, "二、接待用语\n特殊场景\n- 欢迎入住:欢迎您光临我们的小区!\n- 临时告别:明天见、欢迎您再来\n"
                           "- 您好:请问您找谁?\n")
    courtesy = found(path)[COURTESY]
    assert {(3, "欢迎您光临我们的小区!"), (4, "明天见"), (4, "欢迎您再来")} <= set(courtesy)
    assert not any(text.startswith("请问") for _, text in courtesy)      # 您好 is words said, not a label


def test_more_words_name_kinds_of_bad_talk(tmp_path):
    assert talk_kind("操控") == talk_kind("粗暴的语言") == talk_kind("蛮横语气") == talk_kind("推脱型") == PROHIBITED
    path = write(tmp_path, "7.操控:“我说不行就不行!”“看你斗得过我,还是我斗得过你!”孩子生怕犯错误被老师吼。\n")
    assert found(path)[PROHIBITED] == [(1, "我说不行就不行!"), (1, "看你斗得过我,还是我斗得过你!")]


def test_a_page_date_and_a_platform_notice_with_a_quote_give_no_phrases(tmp_path):
    path = write(tmp_path, "二、文明用语\n2025年10月27日\n1、您好\n2、\"仅部分预览\"的文档,不可在线预览部分如存在完整性等问题,可反馈申请退款。\n"
                           "3、请稍等\n")
    assert found(path) == {COURTESY: [(3, "您好"), (5, "请稍等")], PROHIBITED: []}
    dated = write(tmp_path, "服务禁忌\n2017/1/13\n", "dated.txt")
    assert found(dated) == {COURTESY: [], PROHIBITED: []}


def test_descriptions_of_people_conditions_and_definitions_under_a_prohibited_kind_are_no_phrases(tmp_path):
    path = write(tmp_path, "教师禁语\n5.羞辱:当众指责批评、羞辱某些孩子,这让他们时常处于一种无地自容的状态\n"
                           "6.冷漠:若与读者发生口角,不够冷静,针尖对麦芒,不知道礼让三分\n7.否定:你从来都不听话\n8.推诿:不知道,问别人去\n")
    assert found(path)[PROHIBITED] == [(4, "你从来都不听话"), (5, "不知道,问别人去")]


def test_a_quote_whose_saying_brought_a_complaint_is_prohibited(tmp_path):
    path = write(tmp_path, "某地殡仪馆曾因员工一句“死尸有什么好看的,让开!”遭家属投诉,最终公开致歉。\n"
                           "曾有员工因一句“欢迎再次光临”挨了家属耳光。\n窗口人员一句“您好,请坐”引来群众称赞。\n"
                           "医护人员如使用“这个病没法治了”等语言,将被视为服务有缺陷。\n")
    assert found(path)[PROHIBITED] == [(1, "死尸有什么好看的,让开!"), (2, "欢迎再次光临"), (4, "这个病没法治了")]


def test_quotes_filed_under_a_quoted_label_after_a_comma_take_its_kind(tmp_path):
    path = write(tmp_path, "事实上,“不能办”“不清楚”等用语,早已被一些行政服务中心列为“服务忌语”。\n")
    assert found(path)[PROHIBITED] == [(1, "不能办"), (1, "不清楚")]


def test_bulleted_scene_lines_under_a_courtesy_title_give_their_words_said(tmp_path):
    path = write(tmp_path, "物业服务礼貌用语是提升服务质量的重要工具,以下是分类建议:\n一、基础礼貌用语\n问候语\n- 普遍使用:您好\n"
                           "三、特殊场景补充\n投诉处理\n- 先安抚:您反映的问题我们一定认真研究\n四、禁忌用语\n")
    assert found(path) == {COURTESY: [(4, "您好"), (7, "您反映的问题我们一定认真研究")], PROHIBITED: []}


def test_a_colon_with_a_stray_separator_after_it_still_introduces_the_items_below(tmp_path):
    path = write(tmp_path, "2、药店常用的其他标准服务用语举例:、①、“请您先到收款台交款,这几盒药我帮您装好。”②、“您的建议我记住了,谢谢!”\n")
    assert found(path)[COURTESY] == [(1, "请您先到收款台交款,这几盒药我帮您装好"), (1, "您的建议我记住了,谢谢!")]


def test_an_example_label_after_a_quote_cuts_the_examples_off_the_sentence_before(tmp_path):
    path = write(tmp_path, "现分列如下:\n4.提醒家属做某事用“请”。如:请先到总服务台办理手续;请放心\n"
                           "5.发现家属有疑惑处,应主动“请问....”如:请问需要我们帮您做些什么?请问您想干什么?"
                           "请问您想办哪些手续?自己一时忙而照\n")
    assert {(3, "请问需要我们帮您做些什么?"), (3, "请问您想干什么?"), (3, "请问您想办哪些手续?")} <= set(found(path)[COURTESY])
    assert found(path)[PROHIBITED] == []


def test_quotes_decoded_one_byte_out_of_step_are_a_boundary_between_phrases(tmp_path):
    path = write(tmp_path, "教師禁語\n“你為什么這么沒用!薄澳愫喼睙o可救藥。”“你怎么這么笨!薄澳阍俨慌W(xué)習(xí)!”\n")
    assert [text for _, text in found(path)[PROHIBITED]] == ["你為什么這么沒用!", "澳愫喼睙o可救藥", "你怎么這么笨!",
                                                             "澳阍俨慌W(xué)習(xí)!"]


def test_beautiful_words_name_courtesy_phrases(tmp_path):
    path = write(tmp_path, "教育厅公布的10大禁语如下:\n1.你不学可以,但别影响其他人!\n10大美语如下:\n1.错了别怕!我们再来一次。\n"
                           "2.我相信你!你能做到的!\n")
    assert found(path) == {COURTESY: [(4, "错了别怕!我们再来一次"), (5, "我相信你!你能做到的!")],
                           PROHIBITED: [(2, "你不学可以,但别影响其他人!")]}
    assert kinds_named("教师文明美语") == {COURTESY} and kinds_named("英美语言差异") == set()


def test_words_between_a_word_of_courtesy_and_its_phrases_still_name_them(tmp_path):
    path = write(tmp_path, "3.1文明礼貌基本用语:请您好谢谢对不起祝身体健康\n市政府“12345”服务热线文明服务用语\n")
    assert found(path)[COURTESY] == [(1, "请"), (1, "您好"), (1, "谢谢"), (1, "对不起"), (1, "祝身体健康")]
    assert kinds_named("文明礼貌基本用语") == {COURTESY} and kinds_named("不文明礼貌用语") == {PROHIBITED}
    assert kinds_named("文明服务禁用语") == kinds_named("文明服务忌用语") == {PROHIBITED}


def test_a_quote_after_a_verb_of_thinking_is_a_thought_not_words_said(tmp_path):
    path = write(tmp_path, "文明用语\n闻听这些服务用语,前者让我觉得我“很穷”,后者让人以为“逃票”了。笔者改造了一下:“麻烦您投币,谢谢!”\n")
    assert found(path)[COURTESY] == [(2, "麻烦您投币,谢谢!")]


def test_a_quote_naming_a_way_of_working_or_a_brand_is_a_term(tmp_path):
    path = write(tmp_path, "文明用语\n为什么还在使用“老牛拉破车”的方式抄表。助力“卫民办·为您办”政务服务品牌建设。\n接听时应说:“您好”\n")
    assert found(path)[COURTESY] == [(3, "您好")]


def test_a_label_or_verdict_that_is_negated_names_no_kind(tmp_path):
    """An independent review's cases: 不够礼貌的用语 names no courtesy, 不属于文明用语 files nothing there, 不会被视为服务缺陷
    and 从不会让群众反感 judge nothing prohibited."""
    listed = write(tmp_path, "以下是不够礼貌的用语：\n1、你自己看吧！\n2、急什么，等着！\n", "listed.txt")
    assert found(listed)[COURTESY] == []
    assert kinds_named("缺乏礼貌的用语") != {COURTESY} and kinds_named("礼貌欠佳的用语") != {COURTESY}
    filed = write(tmp_path, "“你自己看”“我不知道”，不属于文明用语。\n", "filed.txt")
    assert found(filed) == {COURTESY: [], PROHIBITED: [(1, "你自己看"), (1, "我不知道")]}
    counted = write(tmp_path, "使用“请您稍等”“马上为您办理”等语言，不会被视为服务缺陷。\n", "counted.txt")
    assert found(counted)[PROHIBITED] == []
    judged = write(tmp_path, "“您好，请坐”“请慢走”，这样的语言从不会让群众反感。\n", "judged.txt")
    assert found(judged)[PROHIBITED] == []


def test_a_bulleted_label_naming_the_person_served_gives_their_words_no_kind(tmp_path):
    path = write(tmp_path, "物业服务礼貌用语,以下是整理后的建议:\n一、基础礼貌用语\n问候语\n- 普遍使用:您好、早上好\n"
                           "三、特殊场景补充\n投诉处理\n- 先安抚:您反映的问题我们一定认真研究\n- 客户原话:你们物业就是吃干饭的!\n")
    assert (8, "你们物业就是吃干饭的!") not in found(path)[COURTESY]
    assert (7, "您反映的问题我们一定认真研究") in found(path)[COURTESY]


def test_numbers_followed_by_a_space_number_a_list_when_they_count_on(tmp_path):
    """Round 12 (208): a numbered list whose numbers lost their separator (1 因人称呼, 2 您好) gives its phrases without the
    numbers; a count at a line's start (3 个工作日…, 12 岁) or a number that does not go on from 1 is no marker."""
    path = write(tmp_path, "一.文明用语\n1 您好\n2 请稍等\n3 很抱歉,让您久等了\n")
    assert found(path)[COURTESY] == [(2, "您好"), (3, "请稍等"), (4, "很抱歉,让您久等了")]
    assert [s.marker.text if s.marker else None for s in segments(["1 您好", "2 请稍等"])] == ["1", "2"]
    assert [s.marker for s in segments(["3 个工作日内答复。"])] == [None]
    assert [s.marker for s in segments(["7 号窗口办理。", "5 月起施行。"])] == [None, None]
    assert [s.marker for s in segments(["15 分钟内到场", "请在 2026 年前办结"])] == [None, None]
    assert [s.marker for s in segments(["4 您好"])] == [None]


def test_short_courtesy_words_set_apart_by_single_spaces_are_each_a_phrase(tmp_path):
    """Round 12 (205): a slide of stock words two to a line (您好 再见 / 谢谢 请) gives each word; words that are not stock
    (请稍等 窗口业务办理中), a sentence a PDF spaced after its comma, and spaced words under a negated courtesy label are not split
    into courtesy words."""
    path = write(tmp_path, "必须用语\n您好 再见\n谢谢 请\n")
    assert found(path)[COURTESY] == [(2, "您好"), (2, "再见"), (3, "谢谢"), (3, "请")]
    spaced = write(tmp_path, "文明用语\n请您稍候， 我马上为您办理\n", "spaced.txt")
    assert found(spaced)[COURTESY] == [(2, "请您稍候， 我马上为您办理")]
    assert split_items("请稍等 窗口业务办理中") == ["请稍等 窗口业务办理中"]
    assert split_items("办理 业务 咨询") == ["办理 业务 咨询"]
    for set_phrase in ("您好 欢迎 光临", "谢谢 合作 再见", "欢迎 再来 再见"):  # an independent review: no 光临, 合作, 再来
        assert split_items(set_phrase) == [set_phrase]
    negated = write(tmp_path, "以下是不够礼貌的用语：\n喂 干嘛\n", "negated.txt")
    assert found(negated)[COURTESY] == []


def test_an_introduction_telling_to_avoid_what_follows_makes_the_quotes_of_its_items_prohibited(tmp_path):
    """Round 13 (216): items under 需避免以下态度问题： / 需规避的…包括： quote what not to say, also after a bare verb of
    saying (直接告知“等着吧”); under an introduction that avoids nothing the same items are courteous speech."""
    path = write(tmp_path, "营业厅人员需避免以下态度问题：\n- 使用反问语气，例如“谁告诉您的？”\n- 或直接告知“等着吧”\n"
                           "需规避的非专业行为包括：\n- 口语化表述：“喂”“啥事儿？”等不规范称呼\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(2, "谁告诉您的？"), (3, "等着吧"), (5, "喂"), (5, "啥事儿？")]}
    kept = write(tmp_path, "接待时应注意以下几点：\n- 主动问候，例如“您好，请问办理什么业务？”\n- 离开时告知“请您稍等”\n", "kept.txt")
    assert found(kept) == {COURTESY: [(2, "您好，请问办理什么业务？"), (3, "请您稍等")], PROHIBITED: []}


def test_a_short_refusal_opening_with_bu_yao_and_aimed_at_the_speaker_is_said_not_a_rule(tmp_path):
    """Round 13 (214): 不要问我, 不要烦我 in a list of prohibited words are words said; 不要大声喧哗 and 不要说我不知道 stay rules."""
    path = write(tmp_path, "不得使用以下禁忌语言：不知道、不要问我、不要烦我、我要下班了等。\n服务禁语：不要大声喧哗、不要说我不知道\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(1, "不知道"), (1, "不要问我"), (1, "不要烦我"), (1, "我要下班了")]}


def test_a_long_scene_before_a_quote_still_introduces_courteous_speech(tmp_path):
    """Round 13 (214): (三)对来电提出的问题,需要通过查询方式才能解答时：“…” — a scene longer than a label, ending in 时：, gives
    its courteous quote; a long sentence that is no scene, or a quote that is not courteous, gives none."""
    path = write(tmp_path, "(三)对来电提出的问题，需要通过查询方式才能解答时：“请稍候，我帮您查询。”\n"
                           "那天上午排了很久的队之后窗口里的人终于开口：“请稍候，我帮您查询。”\n"
                           "群众反复询问同一个问题而窗口又很忙的时候：“你烦不烦”\n")
    assert found(path) == {COURTESY: [(1, "请稍候，我帮您查询")], PROHIBITED: []}


def test_a_quote_after_a_scene_and_de_is_the_words_of_that_scene(tmp_path):
    """Round 13 (222): 旅客登机时的“欢迎乘机”、送餐时的“…” — each quote after …时的 is said then; courteous speech is taken
    under no kind, a term (…时的“三不”原则) or words that are not courteous are not."""
    path = write(tmp_path, "空乘人员都要用服务用语。旅客登机时的“欢迎乘机”、送餐时的“请问您需要喝点什么”、安全检查时的“请收起小桌板”"
                           "等常规服务，都需要与旅客沟通。\n遇到投诉时的“三不”原则要牢记，顾客催促时的“急什么”也常听到。\n")
    assert found(path) == {COURTESY: [(1, "欢迎乘机"), (1, "请问您需要喝点什么"), (1, "请收起小桌板")], PROHIBITED: []}


def test_a_labels_unquoted_list_ends_where_quotes_begin(tmp_path):
    """Round 13 (207, 223): 常用礼貌用语：您、您好、请。“您”,表示… and 道谢语：谢谢、非常感谢、“…” give the words before the quotes;
    a quote inside the list's words (称呼时用“您”) leaves it unread."""
    path = write(tmp_path, "常用礼貌用语：您好、请、对不起。“您”，表示对顾客的尊敬。\n道谢语：谢谢、非常感谢、“非常感谢您的帮助！”\n"
                           "礼貌用语：请坐、称呼时用“您”\n")
    assert {(1, "您好"), (1, "请"), (1, "对不起"), (2, "谢谢"), (2, "非常感谢")} <= set(found(path)[COURTESY])
    assert (3, "请坐") not in found(path)[COURTESY]


def test_quotes_opening_the_clauses_after_a_labels_first_quote_go_on_with_its_kind(tmp_path):
    """Round 13 (207): 1)问候用语:“您好!”用在…时使用;“上午好!中午好!…”用在…时使用 — each quote opening a clause after ； is
    more of the label's phrases; a quote after ； with words before it, or after a quote of no kind, is not."""
    path = write(tmp_path, "1)问候用语:“您好!”用在收银服务时使用;“上午好!中午好!下午好!晚上好!”用在迎宾时使用;顾客常问“几点关门”。\n"
                           "他们都记得“五心”服务;“请慢走!”用在送客时。\n")
    assert found(path) == {COURTESY: [(1, "您好!"), (1, "上午好!"), (1, "中午好!"), (1, "下午好!"), (1, "晚上好!")],
                           PROHIBITED: []}


def test_quotes_after_a_labels_unquoted_list_take_the_labels_kind(tmp_path):
    """Round 13 (223): 道谢语：谢谢、非常感谢、“非常感谢您的帮助！” — the quotes after a talk label's list are of its kind, as
    right after its colon; after a label naming no talk (注意：热情、“…”) they are not."""
    path = write(tmp_path, "道谢语：谢谢、非常感谢、“非常感谢您的帮助！”\n辱骂性语言：滚、“你有病吧”\n注意：热情、“请稍等”\n")
    result = found(path)
    assert sorted(result[COURTESY]) == sorted([(1, "谢谢"), (1, "非常感谢"), (1, "非常感谢您的帮助！")])
    assert sorted(result[PROHIBITED]) == sorted([(2, "滚"), (2, "你有病吧")])


def test_a_list_in_brackets_after_a_label_and_its_colon_is_of_the_labels_kind(tmp_path):
    """Round 13 (223): (禁语:亲、亲爱的) in prose or in an item names prohibited words; a note whose label names no kind
    ((例:张先生、李女士)) gives none."""
    path = write(tmp_path, "称呼语:先生、女士。(禁语:亲、亲爱的)/职务。\n一、服务用语\n1、称呼客人（忌用：喂、哎）\n"
                           "称呼时可加姓氏(例:张先生、李女士)。\n")
    assert found(path)[PROHIBITED] == [(1, "亲"), (1, "亲爱的"), (3, "喂"), (3, "哎")]


def test_a_label_of_wishes_names_courtesy_on_a_line_of_its_own(tmp_path):
    """Round 13 (223): 3.祝贺语:恭喜、祝您生日快乐 on a line after other categories gives its wishes; a heading that only
    names wishes (节日祝福) names no kind, so the note under it (- 注意:需结合实际节日使用) stays out."""
    path = write(tmp_path, "问候语:您好、早上好。\n\n3.祝贺语:恭喜、祝您生日快乐、恭喜发财。\n\n节日祝福\n- 注意:需结合实际节日使用,避免过度商业化\n")
    assert found(path)[COURTESY] == [(1, "您好"), (1, "早上好"), (3, "恭喜"), (3, "祝您生日快乐"), (3, "恭喜发财")]
    assert talk_kind("祝福语") == COURTESY and talk_kind("节日祝福") is None


def test_a_line_opening_with_an_ordinal_label_starts_a_section_not_the_item_before(tmp_path):
    """Round 13 (216): - …如频繁打断客户、转移话题 / 误区二：使用模糊或推诿用语 — the line is the next section, not the rest of
    the bullet; a line that goes on with a broken item (并请群众就座。) still joins it."""
    items = blocks(read_source(write(tmp_path, "需避免以下问题：\n- 交谈时表现出不耐烦情绪，如频繁打断客户、转移话题\n"
                                               "误区二：使用模糊或推诿用语\n")))
    assert [s.text for b in items if b.form == LIST for s in b.segments] == ["交谈时表现出不耐烦情绪，如频繁打断客户、转移话题"]
    joined = blocks(read_source(write(tmp_path, "接待要求如下：\n- 接待群众时应主动起身，面带微笑\n并请群众就座。\n", "joined.txt")))
    assert [s.text for b in joined if b.form == LIST for s in b.segments] == ["接待群众时应主动起身，面带微笑并请群众就座。"]


def test_half_width_marks_after_a_heading_marker_stay_markers(tmp_path):
    """第二条. and 第一部分. head their sections; the dot after 条/分 is no sentence end (an independent review's case)."""
    doc = write(tmp_path, "第一部分.服务规范\n第二条.文明用语\n1.您好,请坐。\n2.请稍等,我马上为您办理。\n第三条.服务忌语\n1.不知道。\n2.这事不归我管。\n")
    assert found(doc) == {COURTESY: [(3, "您好,请坐"), (4, "请稍等,我马上为您办理")], PROHIBITED: [(6, "不知道"), (7, "这事不归我管")]}


def test_a_document_spaced_out_letter_by_letter_is_read_without_the_spaces_short_lines_too(tmp_path):
    doc = write(tmp_path, "第 一 条   为 规 范 窗 口 工 作 人 员 服 务 行 为 ， 制 定 本 规 范 。\n第 二 条   文 明 用 语\n"
                          "（ 一 ） 您 好 ， 请 问 您 办 理 什 么 业 务 ？\n（ 二 ） 请 您 稍 等 。\n第 三 条   服 务 忌 语\n"
                          "（ 一 ） 不 知 道 ， 问 别 人 去 。\n")
    assert found(doc) == {COURTESY: [(3, "您好，请问您办理什么业务？"), (4, "请您稍等")], PROHIBITED: [(6, "不知道，问别人去")]}


def test_one_spaced_out_title_does_not_join_words_a_space_apart(tmp_path):
    doc = write(tmp_path, "社 区 服 务 中 心 窗 口 工 作 人 员 文 明 服 务 用 语 汇 编\n一、文明用语\n您好 请进 请坐 请讲 请问\n"
                          "二、服务忌语\n不知道 不归我管 明天再来 自己看\n")
    assert found(doc) == {COURTESY: [(3, "您好"), (3, "请进"), (3, "请坐"), (3, "请讲"), (3, "请问")],
                          PROHIBITED: [(5, "不知道"), (5, "不归我管"), (5, "明天再来"), (5, "自己看")]}


def test_unquoted_lists_after_a_scene_a_glued_label_and_with_commas_inside_their_items(tmp_path):
    """What quote marks used to tell apart, said without them (an unquoted copy of the dev documents 74, 69 and 31)."""
    doc = write(tmp_path, "(一)办公用语\n1.当服务对象前来办理业务时,您好、请坐、请问您要办理什么业务?\n"
                          "问候语: 您好、早上好、晚上好 等 迎送语: 欢迎光临、请慢走\n"
                          "这几条禁忌语是:就你拉我们班后腿、你再这样,我就找家长惩罚你、不愿意上课就出去。\n")
    assert found(doc) == {
        COURTESY: [(2, "您好"), (2, "请坐"), (2, "请问您要办理什么业务?"), (3, "您好"), (3, "早上好"), (3, "晚上好"), (3, "欢迎光临"),
                   (3, "请慢走")],
        PROHIBITED: [(4, "就你拉我们班后腿"), (4, "你再这样,我就找家长惩罚你"), (4, "不愿意上课就出去")]}


def test_a_list_before_the_next_label_at_the_end_of_its_line_is_read(tmp_path):
    """…下午好 等 迎送语: ends its line: the list before the label is this line's, the next one below (dev 69 unquoted)."""
    doc = write(tmp_path, "服务用语\n问候语: 您好、早上好、晚上好 等 迎送语:\n欢迎光临、请慢走\n")
    assert found(doc)[COURTESY] == [(2, "您好"), (2, "早上好"), (2, "晚上好"), (3, "欢迎光临"), (3, "请慢走")]


def test_an_unquoted_list_of_what_to_say_after_a_verb_of_saying(tmp_path):
    """应说谢谢、您过奖了 / 可说请您原谅、请您多包涵 (dev 52 and 149 without their quote marks); 应说明 explains, says nothing."""
    doc = write(tmp_path, "当有人表扬时应说谢谢、您过奖了、请别客气,这是应该的。\n请求对方谅解,可说请您原谅、请您多包涵,同时要配合适当的补偿。\n"
                          "打电话应说明自己的电话号码及单位、姓名。\n")
    assert found(doc)[COURTESY] == [(1, "谢谢"), (1, "您过奖了"), (1, "请别客气"), (2, "请您原谅"), (2, "请您多包涵")]


def test_a_page_titled_with_sentences_not_to_say_gives_them_whatever_commentary_stands_between(tmp_path):
    """Round 14's shape (documents 225, 229): a page title naming sentences not to say, no 禁语 cue anywhere, then the
    sentences numbered as 第一句： or 1. or quoted alone on a line, each followed by commentary."""
    assert kinds_named("这十句话医生最好别说") == kinds_named("老师不能对学生说的10句话") == {PROHIBITED}
    assert kinds_named("这些话你真的不能说") == {PROHIBITED} and kinds_named("不能说的秘密") == set()
    ordinal = write(tmp_path, "給醫生的忠告！這十句話醫生最好別說！\n醫患糾紛與溝通不當密不可分。\n第一句：你怎麼了？\n"
                              "不少醫生以這句話作為開場白，如果能換成「我能幫你什麼呢？」效果會大不一樣。\n"
                              "第二句：沒看到我正忙嗎？外面等著！\n很多患者不排隊。\n", "ordinal.txt")
    assert found(ordinal) == {COURTESY: [(4, "我能幫你什麼呢？")], PROHIBITED: [(3, "你怎麼了？"), (5, "沒看到我正忙嗎？外面等著！")]}
    numbered = write(tmp_path, "老师，这些话你真的不能说，孩子们会记一辈子的！\n有些话真的不能对孩子说。\n1. 你怎么这么笨？\n"
                               "这句话伤了很多孩子。\n2. 全班同学都不许跟他玩！\n孩子会被孤立。\n“你就干脆滚回家去！”\n"
                               "四、怎样表扬孩子\n“你真棒”\n", "numbered.txt")
    assert found(numbered)[PROHIBITED] == [(3, "你怎么这么笨？"), (5, "全班同学都不许跟他玩！"), (7, "你就干脆滚回家去！")]


def test_a_first_line_naming_no_sentences_or_carrying_content_is_no_page_title(tmp_path):
    """教师节放假≠尊重！老师最心寒的9句话，比不放假还伤人 (document 228) names a kind only by 伤人, no sentences: its
    numbered lines stay unsaid; a first line with phrases of its own is read for them."""
    hurt = write(tmp_path, "老师最心寒的9句话，比不放假还伤人\n1. 你们老师又放假了啊？\n这是家长说的。\n2. 老师就是轻松！\n", "hurt.txt")
    assert found(hurt) == {COURTESY: [], PROHIBITED: []}
    content = write(tmp_path, "严禁使用推诿性的语言，如不知道、没办法。\n", "content.txt")
    assert found(content)[PROHIBITED] == [(1, "不知道"), (1, "没办法")]


def test_advice_articles_name_bad_examples_and_their_kinder_rewording(tmp_path):
    """Round 14's advice shapes (documents 231, 235, 190): 避免… headings, 典型错误：/纠正建议：/改进方法： labels, a judgement
    after the quote (这样的话语瞬间击垮了…), and a kind rewording advised in the same sentence as the example."""
    assert kinds_named("避免使用模糊或不确定的措辞") == kinds_named("不随便评价客户的行为或选择") == {PROHIBITED}
    assert kinds_named("不要忘记说谢谢") == set()
    path = write(tmp_path, "1. 避免使用模糊或不确定的措辞\n比如：“可能可以”、“大概会”等，这类表达会让客户感到不安。"
                           "建议用“我会尽快反馈给您”来替代。\n"
                           "2. 避免指责性言论\n“您在家是怎么教育孩子的？”\n教师应采用合作的态度，比如：“我们能否一起想想办法？”\n"
                           "案例分析：医生对家属说：“您的亲人恐怕无法治愈。”这样的话语瞬间击垮了家属的心理防线。\n"
                           "纠正建议：使用相对温和的语言替代绝对化的表述，如“我们正在全力救治，请您保持信心”。\n"
                           "典型错误：“情况还好，再等等看。”这类模糊表达让家属焦虑。\n")
    assert found(path) == {
        COURTESY: [(2, "我会尽快反馈给您"), (5, "我们能否一起想想办法？"), (7, "我们正在全力救治，请您保持信心")],
        PROHIBITED: [(2, "可能可以"), (2, "大概会"), (4, "您在家是怎么教育孩子的？"), (6, "您的亲人恐怕无法治愈"),
                     (8, "情况还好，再等等看")]}


def test_a_numbered_list_under_no_kind_that_the_rules_find_rude_is_prohibited(tmp_path):
    """Document 81's shape: a courteous list, then a second one whose heading was lost, numbered anew. A third of its
    lines the shipped rules flag and none is courteous: all its lines are prohibited. Rules of conduct are not."""
    path = write(tmp_path, "图书馆文明服务规范\n1、您好！\n2、请您出示借阅证\n3、对不起，请您先存包\n"
                           "2、谁让你进去的？\n3、自己看规定\n4、不知道\n5、书超期了，去交钱\n")
    assert found(path) == {COURTESY: [(2, "您好！"), (3, "请您出示借阅证"), (4, "对不起，请您先存包")],
                           PROHIBITED: [(5, "谁让你进去的？"), (6, "自己看规定"), (7, "不知道"), (8, "书超期了，去交钱")]}
    introduced = write(tmp_path, "窗口人员常听到的话有以下几句：\n1、不知道，问别人去\n2、自己看墙上的通知\n"
                                 "3、下班了，明天再来\n", "introduced.txt")   # a list whose introduction names no kind
    assert found(introduced)[PROHIBITED] == [(2, "不知道，问别人去"), (3, "自己看墙上的通知"), (4, "下班了，明天再来")]
    labelled = write(tmp_path, "窗口人员常说的几句话：不知道、没办法、找别人去、下班了明天再来。\n", "labelled.txt")
    assert found(labelled)[PROHIBITED] == [(1, "不知道"), (1, "没办法"), (1, "找别人去"), (1, "下班了明天再来")]
    quoted = write(tmp_path, "窗口服务\n记者在多个窗口听到：\n“不知道”“没办法”“找别人去”“下班了”\n", "quoted.txt")
    assert found(quoted)[PROHIBITED] == [(3, "不知道"), (3, "没办法"), (3, "找别人去"), (3, "下班了")]
    conduct = write(tmp_path, "工作纪律\n1、按时上下班\n2、不迟到早退\n3、保持台面整洁\n", "conduct.txt")
    assert found(conduct) == {COURTESY: [], PROHIBITED: []}


def test_under_a_page_of_sentences_not_to_say_the_better_wording_stays_courteous(tmp_path):
    """An independent review: a rewording introduced by a colon, a courteous numbered line, and 第一句话： items under a
    heading of no kind."""
    page = write(tmp_path, "这十句话医生最好别说\n1. 你怎么现在才来？\n很多病人听到这句话会很自责。可以换个说法：\n"
                           "“您这几天辛苦了，我们一起看看怎么处理。”\n2. 您先坐下，我慢慢给您讲。\n3. 这个病没法治了。\n",
                 "page.txt")
    assert found(page) == {COURTESY: [(4, "您这几天辛苦了，我们一起看看怎么处理")],
                           PROHIBITED: [(2, "你怎么现在才来？"), (6, "这个病没法治了")]}   # a sentence without 你 too
    said = write(tmp_path, "二、接听电话的要求\n第一句话：“您好，这里是幸福社区服务中心。”\n第二句话：“请问有什么可以帮您？”\n",
                 "said.txt")
    assert found(said)[COURTESY] == [(2, "您好，这里是幸福社区服务中心"), (3, "请问有什么可以帮您？")]


def test_claims_never_to_make_and_a_label_that_counts_the_quotes(tmp_path):
    """A prohibition with a verb of claiming before the quotes (禁止基金宣传 “保本”), and a label after them that
    counts them (“…”、“…”这两条和家长有关的忌语; round 15, dev 246 and 237). A claim said to be made is no cue."""
    path = write(tmp_path, "监管明确禁止基金宣传 “保本”“无风险”“收益稳” 等表述。\n"
                           "记者看到，“叫你家长领回去!”、“叫你家长来一趟”这两条和家长有关的忌语被印在醒目的位置。\n"
                           "该基金宣传“稳健增值”，吸引了不少投资者。\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(1, "保本"), (1, "无风险"), (1, "收益稳"),
                                                      (2, "叫你家长领回去!"), (2, "叫你家长来一趟")]}


def test_a_table_of_compliant_and_non_compliant_talk(tmp_path):
    """Call-centre and bank sales rules name their columns 合规话术 / 违规话术 (round 15, dev 244)."""
    assert kinds_named("违规话术") == {PROHIBITED} and kinds_named("合规话术") == {COURTESY}
    path = write(tmp_path, "合规话术 | 违规话术 |\n---|---|\n收益会随市场情况波动，不保证一定能达到。 | 这款产品肯定能达到5%，没有任何风险。 |\n")
    assert found(path) == {COURTESY: [(3, "收益会随市场情况波动，不保证一定能达到")],
                           PROHIBITED: [(3, "这款产品肯定能达到5%，没有任何风险")]}


def test_quotes_counted_then_denied_replaced_or_called_a_system_are_no_phrases_of_that_kind(tmp_path):
    """Two independent reviews' cases for the label after counted quotes and the verb of claiming: 这些都不是忌语 denies it,
    应该改成文明用语 names what they should become, 这两条制度 are programmes; 这两句是落实文明用语的要求 and a claim
    with a place between (严禁在销售过程中承诺) still count, and 非合规话术 is prohibited talk."""
    path = write(tmp_path, "“您好”“请慢走”这些都不是忌语，而是基本的文明用语。\n“不知道”“不归我管”这几句应该改成文明用语。\n"
                           "“首问负责制”“一次性告知制”这两条制度是落实文明用语的保障。\n“您好”“请坐”这两句是落实文明用语的基本要求。\n"
                           "严禁在销售过程中承诺“保本保息”“零风险”。\n")
    assert found(path) == {COURTESY: [(4, "您好"), (4, "请坐")], PROHIBITED: [(5, "保本保息"), (5, "零风险")]}
    assert kinds_named("非合规话术") == {PROHIBITED}


def test_a_rule_that_ends_on_the_words_it_asks_for_gives_the_words_not_the_rule(tmp_path):
    """Numbered telephone rules under 应注意下列事项 (round 16, dev 256): a clause opening with what staff must do
    (应迅速接听 / 承办人员应…) before anything is said makes a rule, not a phrase; the words listed after 致/以/说 and
    named by 等…语 are phrases, in a list item as in prose, courteous when said 表示歉意; 恶言、谩骂 are kinds of talk."""
    path = write(tmp_path, "二、本中心人员接听电话时应注意下列事项:\n"
                           "(一)电话铃响应及时接听,先报单位名称,并致您好、早上好等问候语。\n"
                           "(二)查询未办结的事项,承办人员应说明原因,并以对不起、我们会马上改进等语表示歉意。\n"
                           "(三)结束通话时,应说谢谢、再见等礼貌用语。\n"
                           "(四)不得使用不文明用语,如恶言、谩骂、侮辱等。\n")
    assert found(path) == {COURTESY: [(2, "您好"), (2, "早上好"), (3, "对不起"), (3, "我们会马上改进"), (4, "谢谢"), (4, "再见")],
                           PROHIBITED: []}


def test_names_for_people_are_terms_not_words_said(tmp_path):
    """A guide to what to call people (round 16, dev 258: 可称“盲人”, “残疾人”这一法定称谓) gives no courtesy phrases,
    but address terms (称呼“先生”“女士”, 应称“同志”) are still courtesy, and names a rule bans (禁用“瞎子”等贬损称谓,
    不得称“喂”) stay prohibited (an independent review)."""
    path = write(tmp_path, "1.建议使用“残疾人”这一法定称谓。\n2.可称“盲人”或“视障人士”,禁用“瞎子”等贬损称谓。\n"
                           "3.称呼群众时应使用“先生”“女士”等礼貌用语。\n4.严禁使用“老头”“乡下人”等蔑视性称呼。\n"
                           "5.对群众不得称“喂”“哎”，应称“同志”。\n")
    assert found(path) == {COURTESY: [(3, "先生"), (3, "女士"), (5, "同志")],
                           PROHIBITED: [(2, "瞎子"), (4, "老头"), (4, "乡下人"), (5, "喂"), (5, "哎")]}


def test_an_article_heading_inside_a_chapters_list_is_what_its_items_cite(tmp_path):
    """An outside trial's draft cited 第二章 1 for the first item of 第三条 文明用语, and 第二章第四条 for 第四条."""
    path = write(tmp_path, "第二章  服务用语\n第三条 文明用语\n1. 您好，请讲。\n2. 请您稍等。\n第四条 常用礼貌用语：请、您好、谢谢。\n")
    cited = [(p.text, p.article) for p in extract(path).courtesy]
    assert cited == [("您好，请讲", "第三条 1"), ("请您稍等", "第三条 2"), ("请", "第四条"), ("您好", "第四条"), ("谢谢", "第四条")]


def test_examples_after_zhuru_take_the_cue_of_the_sentence_before(tmp_path):
    """诸如 gives examples as 例如 does (round 17, dev 305): the sentence it opens takes the cue before it."""
    path = write(tmp_path, "工作人员严禁使用服务忌语。诸如“不知道”“你问别人去”。\n窗口人员应使用文明用语。诸如“您好”“请您稍候”。\n")
    assert found(path) == {COURTESY: [(2, "您好"), (2, "请您稍候")], PROHIBITED: [(1, "不知道"), (1, "你问别人去")]}
    assert talk_kind("话难听") == talk_kind("说话生硬") == PROHIBITED


def test_a_dash_after_a_label_naming_a_kind_stands_for_its_colon(tmp_path):
    """The list after 服务忌语—— ends with its sentence, and a dash after words naming no kind introduces nothing
    (round 17, dev 302)."""
    path = write(tmp_path, "窗口——这是服务群众的第一线：热情、周到。\n服务忌语——不知道、没办法、找别人去。这些话伤害群众。\n"
                           "常见的“忌语”有：急什么，没看我正忙着吗；愿意买就买，不买拉倒。\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(2, "不知道"), (2, "没办法"), (2, "找别人去"),
                                                      (3, "急什么，没看我正忙着吗"), (3, "愿意买就买，不买拉倒")]}


def test_a_clause_after_quotes_that_calls_them_words_said_gives_its_label_kind(tmp_path):
    """“…”是…的第一句话 / …礼貌用语 / …不文明用语 (round 17, dev 303, 213): courteous speech alone, or the label's kind; a
    clause naming no words (是我们的宗旨) calls them nothing."""
    path = write(tmp_path, "“不知道”是窗口最常见的不文明用语。\n“您好”是城管队员执法时的第一句话。\n“你好”是最常用的礼貌用语。\n"
                           "“马上办”是我们的宗旨。\n")
    assert found(path) == {COURTESY: [(2, "您好"), (3, "你好")], PROHIBITED: [(1, "不知道")]}


def test_a_quote_is_not_judged_by_the_staff_being_scolded_for_saying_it(tmp_path):
    """骂 after a quote judges it when someone is scolded with it (这样的调侃，骂学生又聋又瞎), not when staff keep saying it
    though scolded (an independent review: the greeting below came out prohibited)."""
    path = tmp_path / "rule.txt"
    path.write_text("工作人员说：“您好，请问有什么可以帮您？”。这样的话，即使被群众骂了也要坚持说。\n", encoding="utf-8")
    assert not extract(path).prohibited


def test_straight_single_quotes_in_chinese_prose_quote_words_but_not_strings_in_code(tmp_path):
    """Round 22 (dev 380): a plain-text copy writes ‘…’ as '…'; 不能说'…' is banned and 而用'…'代之 its courteous
    replacement. Strings in code (363, 364) keep their quotes: their cues are read as before."""
    path = write(tmp_path, "逢年过节时,不能说'新年快乐'或'节日快乐',而用'新年愉快'、'节日愉快'或'恭喜发财'代之。\n"
                           "在探望病人时,应说些宽慰的话,如'你的精神不错','你的气色比前几天好多了'等等。\n")
    assert found(path) == {COURTESY: [(1, "新年愉快"), (1, "节日愉快"), (1, "恭喜发财"), (2, "你的精神不错"),
                                      (2, "你的气色比前几天好多了")],
                           PROHIBITED: [(1, "新年快乐"), (1, "节日快乐")]}
    assert readable("banned = ['你懂不懂', '找别人去']") == "banned = ['你懂不懂', '找别人去']"
    assert readable("it's 您好 don't") == "it's 您好 don't"
    # an independent review: no pair across a sentence end, an apostrophe or an English quote before Chinese ones
    assert readable("不得说'喂，干什么的。又说'下班了'这类话") == "不得说'喂，干什么的。又说‘下班了’这类话"
    assert readable("小明's 妈妈说'谢谢'，应回答'不客气'") == "小明's 妈妈说‘谢谢’，应回答‘不客气’"
    assert readable("忌语如'I don't know'、'不归我管'") == "忌语如'I don't know'、‘不归我管’"


def test_quotes_named_after_a_comma_by_these_words_take_their_kind(tmp_path):
    """“…”、“…”,这些礼貌用语 (round 22, dev 381): the apposition names the run of quotes before it."""
    path = write(tmp_path, "随着生活节奏的加快,“您好”、“请”、“谢谢”、“没关系”,这些礼貌用语,是否也跟上了发展的脚步?\n")
    assert found(path) == {COURTESY: [(1, "您好"), (1, "请"), (1, "谢谢"), (1, "没关系")], PROHIBITED: []}


def test_a_category_of_questions_with_a_request_among_them_is_said_sentence_by_sentence(tmp_path):
    """征询语 with three questions and a request, each to the one spoken to (round 22, dev 375); the choices of one word
    in a template (○○处/室/系/所，您好！, dev 374) are not a list of four words."""
    path = write(tmp_path, "礼貌用语\n(12)祝贺语:祝你节日愉快、祝您生意兴隆。\n"
                           "(13)征询语:你有什么事情?需要我帮你做什么?你还有别的事情吗?请你慢点讲。\n"
                           "标准接电话用语:○○处/室/系/所,您好!\n")
    assert found(path)[COURTESY][:6] == [(2, "祝你节日愉快"), (2, "祝您生意兴隆"), (3, "你有什么事情?"),
                                         (3, "需要我帮你做什么?"), (3, "你还有别的事情吗?"), (3, "请你慢点讲")]
    assert not {"处", "室", "系"} & {text for _, text in found(path)[COURTESY]}


def test_a_rule_of_dashes_after_each_thing_not_to_say_is_no_part_of_it(tmp_path):
    conditional = write(tmp_path, "对听力障碍的群众，嘴上尽量不说的话，就用手写板写：“您好，请问您办理什么业务？”\n", "c.txt")
    assert found(conditional)[PROHIBITED] == []   # 不说的话，…: "if not said", no name of things not to say
    path = write(tmp_path, "尽量不说的话:\n不,我不知道-----\n那与我没有关系------\n告诉你好几遍了,怎么还不懂?------\n"
                           "---- 接待的礼仪 ----\n")
    assert found(path) == {COURTESY: [], PROHIBITED: [(2, "不,我不知道"), (3, "那与我没有关系"), (4, "告诉你好几遍了,怎么还不懂?")]}


def test_a_slide_flattened_onto_one_line_keeps_its_bare_ji_colon(tmp_path):
    path = write(tmp_path, "2.当用户电话被错误接入语言规范对不起，请致电×××部门电话查询即可忌:“打错了,真烦!”行为规范当接听…\n")
    assert (1, "打错了,真烦!") in found(path)[PROHIBITED]
    assert "打错了,真烦!" not in [text for _, text in found(path)[COURTESY]]
    # but 宜忌, 无忌 are no 忌 (an independent review)
    assert found(write(tmp_path, "宜忌：“您好，请坐”宜常说。\n", "b.txt"))[PROHIBITED] == []
    assert found(write(tmp_path, "童言无忌：“阿姨你为什么这么胖？”\n", "c.txt"))[PROHIBITED] == []


def test_abuse_reported_after_scolding_someone_is_not_to_be_said(tmp_path):
    path = write(tmp_path, "工作人员被老人指出后，出言不逊斥罵老人“有能耐你告老子去”。\n另一名职员辱骂群众：“你听不懂人话吗？”\n")
    assert found(path)[PROHIBITED] == [(1, "有能耐你告老子去"), (2, "你听不懂人话吗？")]
    # words aimed at the staff are reported with the same verbs (an independent review): not theirs to avoid
    aimed = write(tmp_path, "一位老大爷排队时骂了一句“你们磨磨蹭蹭的”。\n柜员多次受到顾客辱骂“你算什么东西”。\n", "aimed.txt")
    assert found(aimed)[PROHIBITED] == []


def test_lines_of_quotes_alone_under_a_step_of_a_script_are_courteous_speech_unless_judged_after(tmp_path):
    script = write(tmp_path, "4、道明来电原因，征询客户的需求。\n“您申请的宽带现在可以装机了，请问您什么时间方便？”\n"
                             "“知道了。”\n2.「不好意思，这是公司规定」\n", "script.txt")
    assert found(script) == {COURTESY: [(2, "您申请的宽带现在可以装机了，请问您什么时间方便？")], PROHIBITED: []}
    judged = write(tmp_path, "「不好意思，稍后再来为您进行点餐的动作。」\n\n有没有觉得这些似是而非的句子很熟悉？\n", "judged.txt")
    assert found(judged) == {COURTESY: [], PROHIBITED: [(1, "不好意思，稍后再来为您进行点餐的动作")]}
    reviewed = write(tmp_path, "情景一\n“急什么，还没轮到你。”\n点评：以上回答态度生硬，属于服务禁语。\n", "reviewed.txt")
    assert found(reviewed) == {COURTESY: [], PROHIBITED: [(2, "急什么，还没轮到你")]}
    # a rude line is not courteous speech for its 您好 (an independent review)
    assert found(write(tmp_path, "情景二 群众来电投诉\n“您好，有事快说，我很忙。”\n", "rude.txt"))[COURTESY] == []


def test_phrases_in_single_quotes_inside_someones_speech_are_the_phrases_not_the_speech(tmp_path):
    path = write(tmp_path, "他提出了两种调整方式:“一个是‘开门请当心,下车请慢行’,这就避开了;还有一种是‘下车请当心,欢迎您再来’。"
                           "这样的提醒,既提醒乘客注意下车时的安全,又避免了不吉利的联想。”\n")
    assert found(path) == {COURTESY: [(1, "开门请当心,下车请慢行")], PROHIBITED: []}
    # a listed script naming things in single quotes is the phrase (an independent review); so is a procedure's name no wording
    listed = write(tmp_path, "文明用语\n“您好，请问您办理什么业务？我们这里可以办理‘社保’‘医保’两项业务。如需其他业务，请到二楼。”\n", "l.txt")
    assert [text for _, text in found(listed)[COURTESY]] == ["您好，请问您办理什么业务？我们这里可以办理‘社保’‘医保’两项业务。如需其他业务，请到二楼"]
    assert found(write(tmp_path, "物业费调整方式为“线上缴纳”。\n", "p.txt"))[COURTESY] == []


def test_a_quote_called_the_first_words_said_after_this_is_courteous_speech(tmp_path):
    path = write(tmp_path, "“您好,这里是焦作市法律援助中心,请讲。”这是我市12348法律援助热线坐席律师范晶晶接到每一个来电时说的第一句话。\n")
    assert found(path)[COURTESY] == [(1, "您好,这里是焦作市法律援助中心,请讲")]


def test_words_to_avoid_after_a_clause_and_questions_not_to_ask_are_prohibited(tmp_path):
    path = write(tmp_path, "1、避免家屬欲溝通時，回答「請等一下」之類的對答。\n2、避免聚焦不適：不要直接問「哪裡痛」「有沒有不舒服」\n"
                           "3、当车型识别不准的情况下，要说“您好，请您出示一下行车证。”\n")
    assert found(path) == {COURTESY: [(3, "您好，请您出示一下行车证")],
                           PROHIBITED: [(1, "請等一下"), (2, "哪裡痛"), (2, "有沒有不舒服")]}


def test_a_rule_about_topics_with_the_user_is_no_list_of_words(tmp_path):
    path = write(tmp_path, "禁止与用户谈论政治、宗教等话题\n记者跟随王先生去办理业务。张女士说：“这样的服务很温馨，让人感觉很舒服。”\n")
    assert found(path) == {COURTESY: [], PROHIBITED: []}


def test_ways_of_speaking_to_avoid_are_conduct_not_phrases(tmp_path):
    """A railway's 应避免的说话方式 (round 26, 413) lists manners — voice, pace, posture — not words said; a phrase in the
    same list still counts."""
    document = write(tmp_path, "应避免的说话方式：\n1.声音过大或过小。2.语速过快或过慢。3.态度生硬、语气冰冷。\n"
                               "4.手放在口袋里或双手抱在胸前。5.随意打断旅客说话。6.“你自己看去！”\n")
    assert [p.text for p in extract(document).of_kind("prohibited")] == ["你自己看去！"]
