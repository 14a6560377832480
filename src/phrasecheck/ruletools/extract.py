"""Draft a lexicon from a regulation document: the courtesy phrases it mandates, the expressions it prohibits.

The document is first read as a structure (:mod:`.document`: headings with their polarity, lists,
prose, tables); phrases are then split out of each block:

* a **list item** (under 三、服务禁语, or after 应当使用以下规范用语：) is one phrase, or several separated
  by 、 ； or / (同志、先生、女士), after any label (问候语：, 辱骂性语言：例如：); quoted items are read as quotes;
* a **quote** in prose is a phrase when a cue before it in its sentence (应使用、要说、禁止使用、不文明用语…)
  or a label right after it (“您好”等礼貌用语) says what it is, or else the polarity it falls under; a
  sentence starting with 如/例如 takes the cue of the sentence before it, also across a line break;
* a **table** with a header naming kinds (场景 | 文明用语 | 禁语) gives each column's cells to its kind;
* under a heading naming both kinds (文明用语与服务禁语) each item is told by its own words (您、请、谢谢…).

Left alone: headings, behaviour rules (严禁推诿扯皮), slogans (三声、五个一样), category labels (蔑视语),
and quoted concepts (做到“五个一样”, 杜绝“门难进、脸难看、事难办”现象). Every phrase keeps its line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ..config import Config
from ..enginecache import cached
from ..matching import Matcher
from ..normalize import normal_text
from .cues import (CATEGORY, COURTESY, CUE, HEADING_LABEL, INTRO, KINDS, LABEL, MASK, MIXED, PROHIBITED, SEEING_OFF, SPEECH,
                   STOCK_WORDS, VERB_LABEL, avoids_talk, decisive, fold_script, kind_of, last_cue, looks_said, narrated, platform_notice,
                   speech_like, stock_list, stock_words, talk_kind)
from .document import (HEADING, LIST, PROSE, TABLE, Block, Marker, Segment, blocks, letter_spaced, readable, reading_copy,
                       may_be_marked, unmarked_spans, unspaced)
from .sheets import cell_text
from ..lexicon.model import SLOT_PATTERN
from .sources import Cell, Table, read_source

__all__ = ["COURTESY", "KINDS", "PROHIBITED", "Extraction", "Phrase", "extract", "read_lines"]

#: Right after a run of quotes, a label naming them: “您好”、“请坐”等礼貌用语, “…”、“…”这两条…忌语, “…”，这些礼貌用语.
_LABEL_AFTER = re.compile(rf"\s*(?:(?:等等|等|之类的?)?(?:(?!代替|替代|取代|而非|不是)[^，,。；;！!？?“”\"「」\s]){{0,4}}?"
                          rf"|(?:[，,]\s*)?(?:这|那)[一两二三四五六七八九十几]?(?:条|句|些|类|种|个)"   # “…”这两条和家长有关的忌语 (not 这些都不是忌语,
                          rf"(?:(?!不是|并非|而是|改成|改为|换成|替代|代替|取代|制度)[^，,。；;！!？?“”\"「」\s]){{0,8}}?)"   # 这几句应该改成文明用语)
                          rf"(?:{LABEL.pattern})")
#: Words for things said: 语言、说法 …
_TALK = r"(?:语言|话语?|说法|言语|字眼|语句|词句|句子|口头禅)"
#: Right after a run of quotes, words naming them as talk (“不知道”“没办法”等语言, …记录着“请不要将危险品带入车内”“您到哪个站
#: 下车”等维语词句): phrases, not terms, of a kind the cues say or else courteous speech only.
_TALK_AFTER = re.compile(rf"\s*(?:等等|等|之类的?)[^，,。；;！!？?“”\"「」\s]{{0,6}}?{_TALK}")
#: Right after a run of quotes, a bare 等用语 (常以“你好”、“谢谢”等用语表达): phrases, of a kind the cues say or else
#: courteous speech only.
_PLAIN_USE = re.compile(r"\s*(?:等等|等)用语")
#: Right after a run of quotes, a verb that calls them words said, in the clause (“您好”将是城管队员执法时的第一句话, “你好”
#: 是人们在日常生活中最常用的礼貌用语, “您好，这里是…”这是坐席接到每一个来电时说的第一句话; converter pinyin such as 执(zhí) counts
#: in its length): phrases, of the kind a label
#: ending it names, or else of a kind the cues say or courteous speech only.
_CALLED_WORDS = re.compile(rf"\s*(?:这|那)?(?:将|就|便|也|则)?(?:是|成为|作为)[^，,。；;！!？?“”\"「」]{{0,40}}?"
                           rf"(?:句话|开场白|结束语|{HEADING_LABEL.pattern})")
#: Right after a run of quotes, words that rule them out (“加”、“付款”这些字眼也不行, “包治百病”等宣称必须删除, “单间”一词是
#:忌讳的词语, 回一句“你真怪”，这不是服务语言): the quotes are prohibited; so is a lone quote that another replaces
#: (“全网最低价”改为“…”).
_RULED_OUT = re.compile(r"[^，,。；;！!？?“”\"「」]{0,8}?(?:(?:也|都|均|是)(?:不行|不可以|不允许|被禁止)|必须删除|(?:忌讳|禁忌)的?(?:词语?|话|用语|字眼))"
                        r"|\s*[，,]?\s*(?:这|此)?(?:也|就|则|都)?(?:不是|不属于|不算|并非|算不上)[\u4e00-\u9fff]{0,4}?(?:服务|文明|礼貌|规范)(?:语言|用语)")
#: Words that deny what follows them (不会被视为, 不属于, 从不会让): a verdict or a label after them does not hold.
_DENIED = "(?:不属于|不能|不会|不应|不该|不宜|不算|不被|并非|不是|没有|未被|从不|绝不)"
#: After a run of quotes, in the same sentence or opening the next, words that point back at them as talk and judge it
#: (如“你别说了”“说点别的”，这样的语言就容易挫伤老人…，是…切忌的 / “你要饭吗”这类…的语言，使人听起来很不愉快 / “下次再来”：…，
#: 此类用语被明令禁止 / …“原来还是个250”。 这样的调侃,骂学生又聋又瞎…,这岂是教师该说的话?), or tell what staff who say them
#: face (对女乘客使用“親”(英文原文為“babe”)這類詞匯,司機將面臨被炒魷魚的風險): the quotes are prohibited.
_JUDGED_AFTER = re.compile(r"\s*(?:[。；;]\s*)?[:：，,]?[^。；;！!？?“”\"「」]{0,16}?(?:这样的?|这种|这类|此类|这些|那样的?|那种|这一类)"
                           rf"[^。；;！!？?“”\"「」]{{0,12}}?(?:{_TALK}|用语|词汇|词语|调侃|玩笑|挖苦|讽刺|嘲讽)"
                           rf"(?![^。；;！!？?“”\"「」]{{0,30}}?{_DENIED})"   # 这样的语言从不会让群众反感: no judgement
                           r"[^。；;！!？?“”\"「」]{0,30}?(?:切忌|忌讳|禁止|禁用|不要说|不能说|不该说|避免|伤害|挫伤|刺伤|伤人|伤了|不愉快|"
                           r"不舒服|反感|冒犯|不礼貌|不文明|不尊重|侮辱|歧视|难听|刺耳|加重|激化|恶化|糟糕|不满|难堪|寒心|击垮|打击|伤心|焦虑|不安|失望|崩溃|失控|"
                           r"炒鱿鱼|开除|辞退|解雇|处罚|处分|罚款|(?<![被挨])(?<!被.)(?<!被..)骂|(?:岂|哪)是[^。；;！!？?“”\"「」]{0,8}?该说)")
#: Right after a run of quotes, words that file them under a label (“…”“…”等用语则将被列为服务禁忌, “…”包含在禁止语中), also
#: a bare …用语 they are recognised as (“您好”“谢谢”…被广泛认可为最具普适性的基础用语).
_FILED_UNDER = re.compile(rf"\s*(?:等等|等|之类的?)?(?:用语|语言|话语?|说法)?[，,]?"
                          rf"(?![^，,。；;！!？?“”\"「」]{{0,16}}?{_DENIED})"   # “…”，不属于文明用语: not filed there
                          rf"[^，,。；;！!？?“”\"「」]{{0,16}}?"
                          rf"(?:列为|列入|纳入|属于|视为|算作|定为|包含在|写进|写入|认可为|公认为|誉为)"
                          rf"[^，,。；;！!？?“”\"「」]{{0,10}}?[“\"「]?(?:{HEADING_LABEL.pattern})")
#: Right after a quote, what saying it brought on (一句“死尸有什么好看的”遭家属投诉, 因一句“欢迎再次光临”挨了家属耳光,
#: 因服务员说"这是你这号人用的东西吗?"而投诉) or
#: what it counts as (如使用“欢迎下次再来”等语言,将被视为服务有缺陷): staff's words that went wrong, prohibited.
_BACKFIRED = re.compile(r"\s*[，,]?\s*(?:(?:而|就|便|竟|竟然)?(?:遭到?|遭受|被|挨了?|引起|引发|招来|招致|惹来|惹得)"
                        r"[^。；;！!？?“”\"「」]{0,10}?|而)(?:投诉|耳光|不满|反感|纠纷|批评|指责|痛骂|责骂|抱怨|争吵|冲突)"
                        rf"|\s*(?:等等|等|之类的?)?(?![^。；;！!？?“”\"「」]{{0,16}}?{_DENIED})"   # 不会被视为服务缺陷
                        r"[^。；;！!？?“”\"「」]{0,16}?(?:视为|算作|定为|认定为|记为|按)[^。；;！!？?“”\"「」]{0,8}?"
                        r"(?:缺陷|违规|违纪|失职|差错|不合格|扣分|过错)")
_REPLACED = re.compile(r"\s*(?:需|要|应)?(?:调整|改|替换)为")
#: A prohibition right before such a run: 杜绝“不知道”“没办法”等语言.
_NEVER_BEFORE = re.compile(r"(?:禁止|严禁|不得|不准|不许|杜绝|避免|切忌)\s*$")
#: A quote that names a concept, not words to say: 做到“五个一样”, “三声”即, 杜绝“……”现象.
_CONCEPT_BEFORE = re.compile(r"(?:做到|做出|实行|实现|开展|推行|杜绝|树立|坚持|执行|倡导|称为|叫做|提出|启动|印发|开展了|《|(?:觉得|认为|以为|感到|感觉)(?:我|自己|他|她)?|(?<![\u4e00-\u9fff])这|[，,]这|此|(?:口号|宗旨|理念|格言|方针|誓词|座右铭|标语)\s*[:：]?)\s*$")
_CONCEPT_WORD_AFTER = re.compile(r"[，,：:\s]+即|即\s*[，,：:]|即(?:是|为|指)|是指|(?:等等|等)[^，,。；;]{0,10}?(?:话题|新闻|消息)|(?:等等|等)(?:现象|行为|动作|举动|作风|内容|活动|信息|思想|物品)|的?(?:现象|行为|精神|意识|作风|原则|活动|制度|服务|工作|理念|要求|模式|规定|"
                                 r"标准|手册|专项|规范|方式|方法|做法|品牌|字|步|式|形|型|》)"
                                 r"|[\u4e00-\u9fff]{0,4}(?:服务)?品牌")
#: Right after a short quote, a word that makes it a term (“绿通”车辆) rather than a sentence said; not a verb of addressing
#: someone (禁止用「喂」招呼客人, 切忌用“喂”来称呼客户) nor of putting it in another's place (而用“恭喜发财”代之).
_NOUN_AFTER = re.compile(r"(?![之而等的或和与及这后然再并时就即便才也都又还])(?!来?(?:招呼|称呼|问候|代之|代替))[\u4e00-\u9fff]")
#: What may stand between the quotes of one run: “A”、“B”或“C”, or a short note in brackets (“A”(进店时)“B”).
_RUN_GAP = re.compile(r"(?:[\s、，,；;/]|或者?|和|及|与|以及|[（(][^（）()“”「」]{1,12}[)）])*")
_SENTENCE_END = re.compile(r"[。！？!?；;]")
#: What stands right before a quote that a heading's kind may be given to: a colon, a scene (…时，, 登机时的) or an
#: example (如“蛮夷”).
#: The longest scene or label (用户责怪等待时间过长时，) that introduces a quote with no cue.
_SCENE_LENGTH = 20
_INTRODUCED = re.compile(r"(?:[:：]|时[，,的]?|(?:例如|比如|譬如|如)[:：，,]?)\s*$")
#: The end of a scene before a colon: 业主向你致谢时.
_SCENE_END = re.compile(r"(?:时|时候)$")
#: A scene and its colon or comma right before a quote (需要通过查询方式才能解答时：), or 的 (送餐时的“…”).
_SCENE_BEFORE = re.compile(r"(?:时|时候)\s*[:：，,的]\s*$")
#: A sentence that only names a situation before its quotes (民众办事时用语：) goes on with the kind before it.
_SCENE_LABEL = re.compile(r"\s*[^，,。；;！!？?]{1,16}?用语\s*[:：]\s*$")
#: Right after a run of quotes, the end of a scene they are the words of (他人讲“谢谢”时).
_SCENE_WORDS = re.compile(r"(?:时|的时候)(?![间段刻])")
#: Right after a run of quotes, 等 and the words that name them.
_ETC_WORDS = re.compile(r"\s*(?:等等|等|之类的?)([\u4e00-\u9fff]{2,8})")
#: Right before a quote, a short label and its colon, or its colon and an unquoted list (道谢语：谢谢、非常感谢、“…”), or a
#: label of talk and 有 without a colon (重一些的鄙视语有“…”).
_COLON_LABEL = re.compile(r"([^，,。；;：:！!？?“”\"「」\s]{1,12})"
                          r"(?:[:：](?:[^。；;！!？?：:“”\"「」]{0,40}[、，,])?|(?<=[语话])(?:有|包括))\s*$")
#: An instruction to say, or of the manner to speak in, that ends its sentence with a full stop where a colon was meant
#: (应说。“…”, 要用客气的口吻。“…”, 要用和风细雨的方式讲话。“…”), not a story (他没多说。).
_SAID_STOP = re.compile(r"(?<![不别])(?:应当?|应该|要|须|需|可以?|请)(?:[\u4e00-\u9fff]{0,4}?(?:说|讲|道)"
                        r"|用[\u4e00-\u9fff]{1,10}?(?:口吻|口气|语气|说话|讲话))\s*[。.]\s*$")
#: Right before a quote, words giving it as an example.
_EXAMPLE = re.compile(r"(?:例如|比如|譬如|诸如)[:：，,]?\s*$")
#: A label that only gives examples (例如：), of the kind the sentence before it names.
_EXAMPLE_LABEL = re.compile(r"\s*(?:例如|比如|譬如)\s*[:：]\s*")
_CONTINUES = re.compile(r"\s*(?:例如|比如|譬如|诸如|如|即|[”」』’、，,；;])")
#: Opening quote marks and the marks that close them (“…" happens).
_CLOSERS = {"“": "”\"＂", "「": "」", "『": "』", "‘": "’", '"': '"”', "＂": "＂”"}
_NEW_QUOTE = "“「『"
_OPENING = re.compile(r"\s*[“「『\"]")
_QUOTE_MARKS = "“”\"＂「」『』‘’"
_MAX_PHRASE = 80
#: Someone speaking, right before a quote: a verb of saying, a few words, a colon (他提出了两种调整方式：).
_SPEAKER_BEFORE = re.compile(r"(?:表示|提出|认为|指出|建议|介绍|坦言|直言|解释|谈到|说)[^，。“”\"「」]{0,12}[:：，,]\s*$")
#: A sentence's end inside a quote, before more words: the quote is speech, not one phrase.
_SENTENCE_INSIDE = re.compile(r"[。！？!?；;][^”\"＂\u4e00-\u9fff]{0,8}[\u4e00-\u9fff]")
#: A sentence of a paragraph, without a page number before it (…不离口。 2 别着急，我马上就来。).
_RUN_SENTENCE = re.compile(r"\s*(?:\d{1,3}\s+)?(?P<said>[^。！？!?]+[。！？!?]+)")
_RUN_LENGTH = 24
#: A category label before the first sentence of a run, or inside one: 问候语：你好！
_RUN_LABEL = re.compile(r"\s*[\u4e00-\u9fff]{1,8}[:：]\s*")
#: Short items separated by commas from a colon, a sentence end or the line start to a sentence end, an ellipsis and 等
#: allowed before it: 您好,问,请进,请坐,请稍等,您贵姓……等。
_SHORT_LIST = re.compile(r"(?:^|(?<=[:：。！？!?；;\s]))(?P<items>[^，,、。！？!?；;:：\s“”\"「」□….]{1,6}"
                         r"(?:[，,、][^，,、。！？!?；;:：\s“”\"「」□….]{1,6}){2,})(?:…+|\.{3,})?(?:等等|等)?(?=[。！？!?；;]|\s*$)")
#: Slashes in a row that make a list of phrases rather than alternatives within one (请您等一下/请您等久了).
_SLASH_LIST = 4
_SLOGAN = re.compile(r"^[二两三四五六七八九十百].{0,4}$|^.有.声$")
#: A note in brackets at the end of a phrase, for the reader, not to be said.
_NOTE_WORDS = re.compile("灵活|测试|指明|注意|具体|简要|告知|说明|根据|适用|情况|运用|视")
_EDITOR_NOTE = re.compile(rf"\s*[（(](?:[^（()）]*(?:{_NOTE_WORDS.pattern})[^（()）]*|"
                          r"[^（()）]{12,})[)）]\s*$|(?<=[。！？!?…．.])\s*[（(][^（()）]+[)）]\s*$")
#: Address terms in brackets after a greeting ending its phrase, a blank for whom it greets: 晚上好（某某先生/女士）, 您好(先生、小姐)!
_ADDRESS_TERM = r"(?:某某|某|XX|xx|××)?(?:先生|女士|小姐|同志|师傅|阿姨|老师|同学|朋友)"
_ADDRESS_BLANK = re.compile(rf"(?<=好)\s*[（(]{_ADDRESS_TERM}(?:[/、∕]{_ADDRESS_TERM})*[)）](?=\s*[！!。.]?\s*$)")
_ELLIPSIS = re.compile(r"…+|\.{3,}|。{3,}")
_TRAILING_ETC = re.compile(r"(?<![稍久请您再你我他她等])(?:等等|等)$")
_STRIP = " \t\u3000、，,；;：:。."
#: A rule of dashes drawn after a phrase to the line's end (不，我不知道-----).
_TRAILING_RULE = re.compile(r"\s*[-=－—]{3,}\s*$")
#: What no phrase holds: a code comment's opening, or a rule drawn with dashes or equals signs (*** masks a number).
_DECORATED = re.compile(r"^\s*(?://|/\*|<!--)|-{3,}|={3,}")
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}[、.．]|[（(]\d{1,2}[)）]|[<〈＜【]\d{1,2}[>〉＞】]|[①-⑳⑴-⒇⒈-⒛❶-❿➀-➉])\s*")
#: The numbers of the items in one table cell that opens with one (after its label, if any), at its start or after a
#: space or a sentence's end (not 2.5元; in a cell opening with words, not 1. 5元 either).
_CELL_NUMBER = re.compile(r"(?:^|(?<=\s)|(?<=[。！？!?；;]))\s*(?:\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[)）]|[①-⑳])\s*")
#: A label before a cell's numbered phrases: 迎客用语：
_CELL_LABEL = re.compile(r"^\s*[\u4e00-\u9fff]{1,8}[:：]\s*")
#: An unquoted list between a verb of saying and the label that names it: 使用您好、请、谢谢等文明用语.
_NAMED_LIST = re.compile(rf"(?:使用|说|讲|用(?!户)|致|以)(?P<items>[^，,。；;：:“”\"「」]{{2,80}}?)(?:等等|等|之类的?)"
                         rf"[^，,。；;、]{{0,6}}?(?P<label>{LABEL.pattern}|(?<=的)话|{_TALK}|(?<=等)语)")
#: An unquoted list after 如 in a sentence: 严禁使用推诿性语言，如不知道、没办法、找别人去。
_SUCH_AS_LIST = re.compile(r"[，,]\s*(?:例如|比如|譬如|如)(?![:：])(?P<items>[^。；;：:！!？?“”\"「」]{2,80}?)(?=[。；;！!？?]|$)")
#: An unquoted list of two or more after a verb of what one should or may say, to the first comma: 当有人表扬时应说谢谢、
#: 您过奖了; 请求对方谅解，可说请您原谅、请您多包涵 (courteous, unless a cue before names another kind).
_SHOULD_SAY_LIST = re.compile(r"(?<![不别勿])(?:应|应当|应该|要|可|可以)(?:说|讲)(?![:：明清解述话])"
                              r"(?P<items>[^，,。；;：:！!？?“”\"「」、]{1,16}(?:、[^，,。；;：:！!？?“”\"「」、]{1,16})+)")
#: An unquoted list right after a verb of never saying, to the sentence end: 严禁说不知道、没办法。
_NEVER_SAID_LIST = re.compile(r"(?:严禁|禁止|不准|不得|不许|杜绝|切忌|不要|不能|不)(?:说|讲)(?![:：])"
                              r"(?P<items>[^。；;：:！!？?“”\"「」]{2,80}?)(?=[。；;！!？?]|$)")
#: A few words right after 不可以说/不能说, alone up to a comma, a bracket or the sentence end: 不可以说没有发票。
_NEVER_SAID_WORDS = re.compile(r"(?:不可以?|不能|不要|不应|切勿|勿)(?:(?:对|向|跟)[\u4e00-\u9fff]{1,4}?)?(?:说|讲)"
                               r"(?![:：得的了过着出话明清])(?P<items>[^。；;：:！!？?，,（(“”\"「」]{2,12})(?=[。；;！!？?，,（(]|$)")
#: A 、 list of words opening a clause, called words in that clause and banned later in its sentence: Cancer、tumour、growth、
#: malignancy(所指都是腫瘤)皆為民間通俗詞彙,在病人面前一律禁止使用 (not …、谁让你怎么怎么着除此之外，凡脏话…的话…均应禁止使用).
_BANNED_WORDS = r"[^，,。；;：:！!？?“”\"「」、（）()\s等皆都均]{1,12}"
_BANNED_LIST = re.compile(rf"(?:^|(?<=[，,。；;：:\s]))(?P<items>{_BANNED_WORDS}(?:、{_BANNED_WORDS})+)"
                          r"(?=\s*(?:[（(][^（）()]{0,16}[)）])?[^。；;！!？?，,]{0,30}?(?:词|语|话|字眼|称呼|说法|术语)"
                          r"[^。；;！!？?]{0,30}?(?:禁止|严禁|不得|不准|不许|切忌|不要|不能|不宜|避免)(?:使用|用|说|讲)(?=[，,。；;！!]|$))")
#: Names one calls someone by, judged in their clause as disrespect: 稱患者為female和male實乃大大的不敬.
_CALLED_LIST = re.compile(r"(?:称呼?|叫)[\u4e00-\u9fff]{1,6}?为(?P<items>[^，,。；;：:“”\"「」实乃是属]{1,30})"
                          r"(?=(?:实乃|实属|实在是|乃是|乃|是|属于|属)[^，,。；;]{0,4}?(?:不敬|不尊重|不礼貌|失礼|冒犯|歧视|侮辱))")
#: A label with its list in brackets, given as examples or not: 十字文明用语（请、您好、谢谢、对不起、再见）, 多用礼貌用语比如
#: （您/您好/请/麻烦/多谢）.
_BRACKETED_LIST = re.compile(rf"(?P<label>{LABEL.pattern})\s*(?:例如|比如|譬如|如|包括)?\s*[（(](?P<items>[^（）()]{{2,80}})[)）]")
#: Right before a quote, a word's meaning named: the quote is a sentence showing it (Claim(聲稱)亦有同樣的含義:「他聲稱曾…」).
_ILLUSTRATES = re.compile(r"(?:含义|含意|意思|意味|例句|用法)\s*[:：]\s*$")
#: Quotes that are names for people or things, not words said to them: 可称“盲人”, “残疾人”这一法定称谓 (a name a rule
#: forbids, 不得称“喂”“哎” / 禁用“瞎子”等贬损称谓, stays a prohibited phrase).
_TERM_BEFORE = re.compile(r"(?:简|可|不|应|宜)?称\s*$")
_TERM_AFTER = re.compile(r"\s*(?:这一|这样的?|这种|等)?[^，,。；;“”\"「」]{0,8}?(?:称谓|(?<=这样)表述)")
#: Words for kinds of talk, not phrases: 粗话、脏话、方言, 恶言、谩骂、侮辱.
_KIND_OF_TALK = re.compile(r"\s*(?:[\u4e00-\u9fff]{1,3}(?:话|腔)|方言|土语|恶言|恶语|谩骂|辱骂|侮辱|讽刺|挖苦|嘲讽|嘲笑|训斥|斥责|顶撞|争吵)\s*")
_LEAD = re.compile(r"\s*(?:(?:例如|比如|譬如|如)\s*[：:]\s*)?[?？]*\s*")
#: A label, its colon and its list in brackets: (禁语:亲、亲爱的).
_NOTE_LIST = re.compile(r"[（(]\s*(?P<label>[^（）()：:，,。]{1,8})[:：](?P<items>[^（）()“”\"「」]{1,60})[)）]")
#: A category in brackets before its phrases: (日常文明用语), （服务禁语）.
_BRACKETED_LABEL = re.compile(rf"[（(]\s*[\u4e00-\u9fff]{{0,6}}(?:{LABEL.pattern}|用语)\s*[)）]")
#: A scene opening an item and ended by a comma, the words for it after: 当服务对象找错窗口时,请您到××窗口办理.
_SCENE_BEFORE_COMMA = re.compile(r"\s*(?:当|遇到|遇有)[^，,。；;：:“”\"]{2,24}?(?:时|时候|的时候)\s*[，,]\s*")
#: The next list's label glued after 等 at the end of a line (…下午好 等 迎送语:).
_LABEL_AFTER_ETC_AT_END = re.compile(r"等等?\s*[\u4e00-\u9fff]{2}(?:用语|语)\s*[:：]\s*$")
#: A category label right after the list before it, without a separator of its own: 小朋友接待用语：.
_LABEL_AFTER_LIST = re.compile(r"(?:、[^、，,：:]{0,4}?|等等?\s*)([\u4e00-\u9fff]{2}(?:用语|语))$")
#: A label written without a colon before the phrases it names: 乘客上下车用语XX路公交车…; not 使用 and a word starting with
#: 语 (禁止使用语意不明、…的语句).
_LEAD_LABEL = re.compile(r"[?？\s]*[\u4e00-\u9fff]{1,8}(?<!使)用语(?=[^，,。；;：:！!？?\s])")
#: A label before the qualities asked for, not words said (要求：热情、耐心、周到).
_QUALITIES_LABEL = re.compile(r"(?:要求|原则|态度|语气|语调|语速|注意事项)\s*[:：]\s*$")
#: The names of a memo's header fields before their colon: to, from, copies to, signed by.
_HEADER_FIELD = re.compile(r"\s*(?:致|由|主送|抄送|抄报|发件人|收件人|发文单位|签发|拟稿)\s*[:：]\s*")
#: A document's own parts before their colon, ending its label: its purpose, scope and grounds (…礼仪要求目的：为了提升…).
_DOCUMENT_PART = re.compile(r"(?:目的|宗旨|意义|适用范围|范围|依据|背景)\s*[:：]\s*$")
#: A clause of a rule of conduct: a bare 不 before what not to do (不说方言), or 要 before what to do (讲话要站在…, not 需要).
_CONDUCT_CLAUSE = re.compile(r"^\s*不(?!要紧|客气|好意思|用|必)|(?<![需重只想主还])要")
#: Words that name someone or ask politely: a question with none of them goes on with the question before it.
_ADDRESSED = re.compile(r"[您你我咱请]")
#: What leads from a quoted label to the quotes it names: a colon, words that list them (20条，包括), or the next sentence
#: opening with examples (的现象。诸如).
_LABEL_TO_RUN = re.compile(r"\s*[:：]\s*|[^。；;！!？?“”\"「」]{0,10}?(?:包括|包含|如|例如|比如|即|有)\s*[:：，,]?\s*"
                           r"|[^。；;！!？?“”\"「」]{0,10}?[。；;]\s*(?:诸如|例如|比如)\s*[:：，,]?\s*")
#: Words of what should be done: an instruction, not a story (要热情地说：).
_SHOULD = re.compile(r"要|应|须|需|可以?|请|先|再|然后")
#: Marks that tell a line's phrases wrong or right.
_MARKED_KINDS = {"✘": PROHIBITED, "✗": PROHIBITED, "❌": PROHIBITED, "✔": COURTESY, "✓": COURTESY}
#: Item styles of a run of numbered lines read as a list when nothing named it.
_RUN_STYLES = ("arabic", "paren_ar", "angle", "circled", "bullet")
#: The longest bare line that can stand in such a run.
_RUN_LINE = 40
#: A line of quotes alone, after a scene and a colon at most: 「帮您进行一个加水的动作。」, 乘客登机，机门边空服员：「…」.
_QUOTES_ALONE = re.compile(rf"\s*(?:[^{MASK}：:。！？!?]{{0,24}}[：:])?\s*{MASK}[{MASK}\s、，,；;。.]*")
#: Words pointing back at sentences quoted above and judging them wrong: 这些似是而非的句子, 这些明显有问题的用词, 以上回答…属于服务禁语.
_JUDGED_BACK = re.compile(r"(?:这些|这样的?|这种|这类|此类|上述|以上)[^，,。；;！!？?“”「」]{0,4}?"
                          r"(?:似是而非|有问题|错误|不当|不恰当|不得体|不妥|不礼貌|不规范)的?(?:句子|用词|说法|话|用语|字眼|语句|词语)"
                          # 点评：以上回答态度生硬，属于服务禁语
                          r"|(?:上述|以上)[^。；;！!？?“”「」]{0,12}(?:属于|是|为|均为|都是)(?:服务)?(?:禁语|忌语|禁用语)")
#: A blank for whom a script is said to, opening it: (称呼), （姓名）, 【称谓】.
_ADDRESS_PLACEHOLDER = re.compile(r"\s*[（(【\[](?:称呼|称谓|尊称|姓名|名字)[)）】\]]\s*[，,：:]?\s*")
#: Courtesy addressed to someone: most lines of a numbered run under no kind must have it.
_ADDRESSED_COURTESY = re.compile(r"您|对不起|谢谢|抱歉|欢迎|再见|客气|没关系")
#: The kind of a list whose introduction does not say it: only what is plainly courteous speech is taken.
UNSAID = ""
#: Words of courtesy: under a heading naming both kinds, a phrase with none of them is prohibited.
_COURTEOUS = re.compile(rf"您|你好|请|谢谢|对不起|抱歉|麻烦您|欢迎|再见|不好意思|感谢|劳驾|没关系|不客气|荣幸|祝|{SEEING_OFF}")
#: How courteous speech opens: an apology, a greeting, thanks, a request.
_COURTESY_OPENING = re.compile(r"\s*(?:对不起|很抱歉|抱歉|不好意思|您好|你好|谢谢|请)")
#: A word that only joins the phrases of a list, never one itself.
_CONNECTIVE = re.compile(r"或者?|或是|还是|以及|及|和|与|跟|还有|等等?|例如|比如|如|即|乃至")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase as the document writes it, its 1-based line (a sheet's row) and the article it stands in.

    From a rule sheet: its ``sheet``, and the ``category`` and ``suggestion`` columns when it has them.
    ``covered_by`` names the loaded rule that already matches the whole phrase (see :mod:`.coverage`).
    """

    text: str
    line: int
    article: str
    sheet: str = ""
    category: str = ""
    suggestion: str = ""
    covered_by: str | None = None


@dataclass(slots=True)
class Extraction:
    """The courtesy phrases and prohibited expressions found in one document, in document order."""

    path: Path
    courtesy: list[Phrase] = field(default_factory=list)
    prohibited: list[Phrase] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Phrase]:
        return self.courtesy if kind == COURTESY else self.prohibited


def extract(path: str | Path) -> Extraction:
    """Find the phrases a regulation document lists (.txt in any encoding textio reads, .docx, .xlsx, .csv).

    Raises :class:`InputError` when the document cannot be read.
    """
    source = read_source(path)
    reader = _Reader(Extraction(Path(path)))
    for block in blocks(reading_copy(source)):
        reader.read(block)
    reader.end_numbered()
    return _as_printed(_without_banned_courtesy(reader.extraction), source.lines)


def _without_banned_courtesy(extraction: Extraction) -> Extraction:
    """The courtesy phrases without the words the document bans elsewhere: a story or skit that quotes them again
    (「請幫我繫緊安全帶。」 after a column judged it 似是而非) does not make them courteous."""
    banned = {_literal(phrase.text) for phrase in extraction.prohibited}
    extraction.courtesy[:] = [phrase for phrase in extraction.courtesy if _literal(phrase.text) not in banned]
    return extraction


def _as_printed(extraction: Extraction, lines: list[str]) -> Extraction:
    """The phrases in the document's own characters (traditional script, half-width marks), where a phrase
    stands whole on its line; the document model read them folded (:func:`readable`)."""
    printed = _PrintedLines(lines)
    for phrases in (extraction.courtesy, extraction.prohibited):
        printed.restart()
        phrases[:] = [printed.of(phrase) for phrase in phrases]
    return extraction


class _PrintedLines:
    """Each line with the next two (an item broken across lines) as written and as read, and without spaces (请 问您
    找谁? read as 请问您找谁?), worked out once, when a phrase of the line first needs it; a line's phrases are looked
    for from where the one before it ended, so that a line of thousands of phrases is read once, not once for each."""

    def __init__(self, lines: list[str]):
        self.lines, self.spaced = lines, letter_spaced(lines)
        self._windows: dict[tuple[int, bool], tuple[str, str]] = {}
        self._ends: dict[tuple[int, bool], int] = {}

    def restart(self) -> None:
        """Look for the next phrases from each line's start (another kind's, in document order)."""
        self._ends.clear()

    def of(self, phrase: Phrase) -> Phrase:
        """``phrase`` as its lines write it; as read when they do not hold it whole."""
        if not 0 < phrase.line <= len(self.lines):
            return phrase
        for compact in (False, True):
            key = (phrase.line, compact)
            written, read, spans = self._window(*key)
            wanted = readable("".join(phrase.text.split()) if compact else phrase.text)
            at = read.find(wanted, self._ends.get(key, 0))
            at = read.find(wanted) if at < 0 else at
            if at >= 0 and wanted:
                self._ends[key] = at + len(wanted)
                text = _written(written, spans, at, at + len(wanted))
                return replace(phrase, text="".join(text.split()) if compact else text)
        return phrase

    def _window(self, line: int, compact: bool) -> tuple[str, str, list[tuple[int, int]] | None]:
        """The line and the next two as written and as read (compact: without spaces); on a web page, where each
        character read stands in what is written (:func:`unmarked_spans`)."""
        if (line, compact) not in self._windows:
            written = "".join(unspaced(text, self.spaced) for text in self.lines[line - 1:line + 2])
            read, spans = unmarked_spans(written) if may_be_marked(written) else (written, None)
            spans = None if read == written else spans
            if compact and spans is None:
                written = read = "".join(written.split())
            elif compact:
                kept = [at for at, character in enumerate(read) if not character.isspace()]
                read, spans = "".join(read[at] for at in kept), [spans[at] for at in kept]
            self._windows[line, compact] = written, readable(read), spans
        return self._windows[line, compact]


def _written(written: str, spans: list[tuple[int, int]] | None, start: int, end: int) -> str:
    """What stands written for the characters read from ``start`` to ``end``: on a web page, each character reference
    as written and no tag."""
    if spans is None:
        return written[start:end]
    return "".join(written[first:last] for first, last in dict.fromkeys(spans[start:end]))


def read_lines(path: str | Path) -> list[str]:
    """The document's lines as phrases' ``line`` numbers count them (a .docx: paragraphs, cells included)."""
    return read_source(path).lines


class _Reader:
    """Reads blocks in order, keeping the cue a sentence left open for the next line."""

    def __init__(self, extraction: Extraction):
        self.extraction = extraction
        self.carried: str | None = None
        self.left_open = self.quote_ended = self.colon_ended = False
        self.added: set[tuple[str, str, int]] = set()
        self.numbered: list[tuple[Segment, Block]] = []
        self.category: str | None = None    # the kind of a category label that ended the last line (应答语：是的。)
        self.avoided = False                # the block before was a heading telling to avoid a kind of talk
        self.unjudged: list[tuple[Segment, Block]] = []   # lines of quotes alone, of no kind yet, since the last heading

    def read(self, block: Block) -> None:
        self._numbered(block)
        category, self.category = self.category, None
        avoided, self.avoided = self.avoided, block.form == HEADING and avoids_talk(block.segments[0].text)
        if self._marked_right_or_wrong(block):
            return
        if block.form == HEADING:
            self.carried, self.left_open, self.quote_ended = None, False, False
            self.unjudged = []
        elif block.form == PROSE and not self._goes_on_with(category, block.segments[0], block):
            if not self._addressed_scripts(block.segments[0], block):
                self._prose(block.segments[0], block, avoided)
        elif block.form == LIST:
            if block.kind == UNSAID and _rude([segment.text for segment in block.segments]):
                block = replace(block, kind=PROHIBITED)   # a list whose introduction names no kind: 常见说法如下： / 1、不知道 …
            for item in block.segments:
                self._item(item, block)
        elif block.form == TABLE:
            self._table(block.table, block)
        last = block.segments[-1].text if block.segments else ""
        self.colon_ended = block.form != HEADING and bool(re.search(r"[:：]\s*$", last))

    def _marked_right_or_wrong(self, block: Block) -> bool:
        """A line marked wrong or right (✘ 不知道，你问别人去。 / ✔ 请稍等，我帮您查一下。): its phrases are of that kind."""
        segment = block.segments[0] if block.form in (PROSE, HEADING) and block.segments else None
        kind = _MARKED_KINDS.get(segment.marker.text[:1]) if segment and segment.marker else None
        if kind is None:
            return False
        spans = quote_spans(segment.text)
        parts = [p for start, end in spans for p in split_quote(segment.text[start + 1:end])] if spans else split_items(segment.text)
        for part in parts:
            self._add(kind, part, segment, segment.text.find(part), block, quoted=bool(spans))
        return True

    def _goes_on_with(self, category: str | None, segment: Segment, block: Block) -> bool:
        """A short bare line said to someone, right after a line that ended with a category label's phrases (8、应答语：是的。
        / 好的。 / 没关系。), is more phrases of that category."""
        text = segment.text
        if not category or segment.marker or not segment.starts_line or quote_spans(text) or not speech_like(text):
            return False
        if len(_literal(text)) > _RUN_LINE or labelled_parts(text)[0][0]:
            return False
        for part in split_items(text, by_sentence=True):
            self._add(category, part, segment, text.find(part), block, quoted=False)
        self.category = category
        self.carried, self.left_open, self.quote_ended = None, False, False
        return True

    def _addressed_scripts(self, segment: Segment, block: Block) -> bool:
        """A line opened by a blank for whom it is said to ((称呼),您好！现在已是早上，请您把躺椅收起来…): a script, each one
        whole up to the next such blank, of the kind the block is under, or else courteous speech only."""
        if segment.marker or not _ADDRESS_PLACEHOLDER.match(segment.text):
            return False
        text = segment.text
        blanks = list(_ADDRESS_PLACEHOLDER.finditer(text))
        starts, ends = [blank.end() for blank in blanks], [blank.start() for blank in blanks[1:]] + [len(text)]
        for start, end in zip(starts, ends):
            script = _clean(text[start:end])
            self._add(_known(block.kind) or UNSAID, script, segment, text.find(script, start), block, quoted=False)
        self.carried, self.left_open, self.quote_ended = None, False, False
        return True

    # --- numbered lines under no kind ------------------------------------------------------------------------
    def _numbered(self, block: Block) -> None:
        """Keep a run of numbered, bulleted or bare short lines that no heading or cue made a list (1、您好！2、欢迎您到
        图书馆 …, - 您好，请问您办理什么业务？)."""
        segment = block.segments[0] if block.form in (PROSE, HEADING) and len(block.segments) == 1 else None
        if segment is None or block.kind is not None or not _run_line(segment):
            self.end_numbered()
            return
        last = self.numbered[-1][0].marker if self.numbered else None
        if self.numbered and not _numbers_on(last, segment.marker):
            self.end_numbered()
        self.numbered.append((segment, block))

    def end_numbered(self) -> None:
        """A run of three or more such lines, most of them addressed to someone with courtesy, gives its plainly
        courteous speech (a list whose title names no kind: 图书馆文明服务规范, 窗口服务十句话); one with no courtesy
        in it, a third of whose lines or more the shipped rules flag as prohibited, gives all its lines as prohibited
        (a second list whose heading was lost: 2、谁让你进去的？3、自己查计算机目录去 4、… 6、不知道 …)."""
        run, self.numbered = self.numbered, []
        if len(run) < 3:
            return
        lines = [segment for segment, _ in run]
        addressed = sum(bool(_ADDRESSED_COURTESY.search(fold_script(segment.text))) for segment in lines)
        kind = UNSAID if 3 * addressed >= 2 * len(run) else PROHIBITED if _rude([segment.text for segment in lines]) else None
        for segment, block in run if kind is not None else ():
            for part in split_items(segment.text):
                self._add(kind, part, segment, segment.text.find(part), block, quoted=False)

    # --- prose: quotes and lists after a colon -------------------------------------------------------------
    def _prose(self, segment: Segment, block: Block, avoided: bool = False) -> None:
        """A paragraph's quotes and lists; a line of quotes right under a heading telling to avoid a kind of talk
        (一、避免指责性言论 / “您在家是怎么教育孩子的?…”) is that talk."""
        text = segment.text
        spans = quote_spans(text)
        self._judged_back(segment)
        continues = segment.marker is None and (self.left_open or bool(_CONTINUES.match(text))
                                                or (self.quote_ended and bool(_OPENING.match(text))))
        carried = self.carried if continues else None
        masked = _mask(text, spans)
        if spans:
            page = None if self.colon_ended else block.page_kind   # 可以换个说法： / “…” is not the page's kind
            fallback = (PROHIBITED if avoided else block.kind or page) if _mostly_quotes(masked) else None
            if fallback is None and _mostly_quotes(masked) and _rude([text[start + 1:end] for start, end in spans]):
                fallback = PROHIBITED             # a line of quotes no words call of a kind: “不知道”“没办法”“找别人去”
            if fallback is None and self.colon_ended and _mostly_quotes(masked):
                fallback = UNSAID                 # 警察会依据法律拒绝： / “抱歉，…”: courteous speech is taken
            taken = len(self.added)
            kind = self._quotes(segment, spans, masked, carried, fallback, block)
            if (len(self.added) == taken or kind == UNSAID) and _QUOTES_ALONE.fullmatch(masked):   # may be judged below
                self.unjudged.append((segment, block))
            if self._labelled_lists(segment, _mask(text, spans, but_labels=True), block, carried) is None:
                self._named_lists(segment, block, beside_quotes=True)
            self.carried = _line_cue(masked, carried) or kind
            self.quote_ended = masked.rstrip().endswith(MASK)   # “A”、“B” / “C”、“D”: a list going on, if “ follows
            self.left_open = spans[-1][1] == len(text) or (_unfinished(masked) and not self.quote_ended)
        else:
            self._unquoted(segment, block, carried)
        self._said_runs(segment, masked, block)
        self._stock_lists(segment, masked, block, carried)
        self._noted_lists(segment, block)

    def _judged_back(self, segment: Segment) -> None:
        """A sentence pointing back at the sentences quoted alone above it and judging them (这些似是而非的句子, 这些明显有问题的
        用词): those quotes, which nothing else gave a kind, are prohibited."""
        if not _JUDGED_BACK.search(fold_script(segment.text)):
            return
        for quoted, block in self.unjudged:
            for start, end in quote_spans(quoted.text):
                for part in split_quote(quoted.text[start + 1:end]):
                    self._add(PROHIBITED, part, quoted, quoted.text.find(part, start), block, quoted=True)
        self.unjudged = []

    def _noted_lists(self, segment: Segment, block: Block) -> None:
        """A list in brackets after a label naming its kind and a colon ((禁语:亲、亲爱的), （忌用：喂）), or an example after
        例如： of the words its sentence asks for (主動問候及清晰報明服務位置(例如:服務台,您好!)): of the kind the cue before
        it says, or else courteous speech only."""
        folded = fold_script(segment.text)
        for match in _NOTE_LIST.finditer(segment.text):
            label = fold_script(match["label"])
            kind = strong_cue(label) or talk_kind(label)
            if kind is None and _EXAMPLE.fullmatch(label.strip()):
                kind = _cue_before(folded, match.start(), None) or UNSAID
            for part in split_items(match["items"]) if kind is not None else []:
                self._add(kind, part, segment, match.start("items") + match["items"].find(part), block, quoted=False)

    def _stock_lists(self, segment: Segment, masked: str, block: Block, carried: str | None,
                     default: str = COURTESY) -> None:
        """Unquoted lists of stock courtesy words separated by commas, after a colon or alone (“十四字”是:您,请,欢迎,对不起,
        谢谢,没关系,再见。 / 您好,问,请进,请坐,请稍等,您贵姓……等。): of the kind a cue says, or else ``default``."""
        folded = fold_script(masked)
        for match in _SHORT_LIST.finditer(masked):
            items = re.split(r"[，,、]", match["items"])
            if not stock_list(items):
                continue
            kind = _cue_before(folded, match.start(), carried) or default
            offset = match.start()
            for item in items:
                self._add(kind, _clean(item), segment, offset, block, quoted=False)
                offset += len(item) + 1

    def _unquoted(self, segment: Segment, block: Block, carried: str | None) -> None:
        """Lists after a label and its colon (服务忌语：不知道、没办法), or named by a label after them."""
        text = segment.text
        kind = self._labelled_lists(segment, text, block, carried)
        if kind is None:
            self._named_lists(segment, block)
        self.carried = _line_cue(fold_script(text), carried) or kind
        self.left_open, self.quote_ended = _unfinished(text), False

    def _labelled_lists(self, segment: Segment, text: str, block: Block, carried: str | None) -> str | None:
        """Add the unquoted lists after labels in ``text`` (the segment's, quotes masked); return the last kind.
        A category label naming no kind (祝贺语：) goes on with the kind of the category label before it
        (问候语：你好！祝贺语：节日快乐！), or else takes the kind of the heading it falls under; a scene's label takes the
        kind of a label before it whose words are labelled scenes (文明用语：到公司找人(…)：您好，…。找业主：您好，…)."""
        kind = category_kind = above = None     # above: the kind of a label whose words are labelled scenes
        # 教师忌语：……。严禁使用以下语言： — the list is below; but 问候语: 您好、早上好 等 迎送语: has its own before the next
        # label, and so have the labels before a bare one at the end (…禁忌用语：这事不归我们管。…文明用语：您好，…。 业主：)
        introduces = re.search(r"[:：]\s*$", text) and INTRO.search(fold_script(text)) and not _next_label_at_end(text)
        parts = [] if introduces else labelled_parts(text)
        paired = _scene_pair(parts)
        for label, start, body in parts:
            named = strong_cue(fold_script(label)) if label else None
            if named:
                above = None if body.strip() else named   # 文明用语：到公司找人(…)：您好，…。找业主：您好，…
            body = _before_quotes(body)
            if not body or _conduct_after_verb_label(label, body) or _qualities(label, body) or _front_matter(label):
                continue
            kind = named or talk_kind(label) if label else None
            if kind is None and _EXAMPLE_LABEL.fullmatch(label):      # 运用礼貌用语。例如：您好、谢谢您
                kind = _known(_cue_before(fold_script(text), start, carried))
            category = bool(label) and _is_category(label)
            if label.endswith(_DASH) and "。" in body:
                body = body[:body.index("。") + 1]     # a dash's list ends with its sentence (…；不买拉倒。)
            kind = kind or (category_kind or _known(block.kind) if category else above)
            if kind is None and label and _bulleted_scene(segment, label, body):
                kind = _known(block.kind)         # - 先安抚：您反映的问题我们一定认真研究 (under a courtesy title)
            category_kind = kind if category else None
            self.category = _known(category_kind)
            items = split_items(body, by_sentence=category and not paired) if body.strip() else []
            if kind is None and label and _rude(items):
                kind = PROHIBITED                 # 窗口人员常说的几句话：不知道、没办法、找别人去 (a label naming no kind)
            for item in items if kind else []:
                self._add(kind, item, segment, start + body.find(item), block, quoted=False)
        return kind

    def _said_runs(self, segment: Segment, masked: str, block: Block) -> None:
        """Three or more short sentences in a row, most of them said to someone, in a paragraph (常用文明用语。
        您好！请进！请坐！没关系。): phrases of the kind the cue in the sentences before them names; a label of another
        kind inside them starts a run of its own (文明用语：您好，保卫部。…禁忌用语：喂，找哪个？…)."""
        if _scene_pair(labelled_parts(masked)):
            return                                # 文明用语：…。禁忌用语：干什么事？找哪个？…: each label's reply is read whole
        run: list[tuple[int, str]] = []
        folded = fold_script(masked)
        for match in [*_RUN_SENTENCE.finditer(masked), None]:
            said = match and segment.text[match.start("said"):match.end("said")]
            label = said and _RUN_LABEL.match(said)
            if label and _is_category(label.group()):
                said = said[label.end():]          # 问候语：你好！ → 你好！
                named = strong_cue(fold_script(label.group()))
                if run and named and named != _cue_before_run(folded, run[0][0]):
                    self._said_run(segment, folded, block, run)   # …转告。禁忌用语：喂，找哪个？: a run of its own
                    run = []
            if said and MASK not in masked[match.start("said"):match.end("said")] and _runs_on(said):
                run.append((match.end("said") - len(said), said))
                continue
            self._said_run(segment, folded, block, run)
            run = []

    def _said_run(self, segment: Segment, folded: str, block: Block, run: list[tuple[int, str]]) -> None:
        """Add a run of three or more sentences, most of them said to someone, as the kind the cue before it names."""
        if len(run) >= 3 and 3 * sum(bool(SPEECH.search(fold_script(said))) for _, said in run) >= 2 * len(run):
            kind = _cue_before_run(folded, run[0][0]) or block.kind
            for offset, said in run:
                self._add(kind, _clean(said), segment, offset, block, quoted=False)

    def _named_lists(self, segment: Segment, block: Block, beside_quotes: bool = False) -> None:
        """Unquoted lists that a label names, after them or before them in brackets (使用您好、请、谢谢等文明用语 /
        严禁说不知道、没办法之类的话 / 十字文明用语（请、您好…）), that follow 如 in a sentence whose cue names them
        (严禁使用推诿的语言，如不知道、没办法), or that a verb of never saying leads (严禁说不知道、没办法; one
        item alone after 不可以说: 不可以说没有发票), or one of what to say (应说谢谢、您过奖了). In a line with quotes
        (``beside_quotes``), only those a label after them names (…「否認吸煙」?…避免用deny或claim等具批判性的字眼)."""
        folded = fold_script(segment.text)
        named_lists = list(_NAMED_LIST.finditer(folded))     # 严禁说不知道、没办法之类的话: the label ends the list
        matches = named_lists if beside_quotes else [*named_lists, *_SUCH_AS_LIST.finditer(folded), *_BRACKETED_LIST.finditer(folded)]
        if not (named_lists or beside_quotes):
            matches += [*_NEVER_SAID_LIST.finditer(folded), *_NEVER_SAID_WORDS.finditer(folded), *_SHOULD_SAY_LIST.finditer(folded),
                        *_BANNED_LIST.finditer(folded), *_CALLED_LIST.finditer(folded)]
        for match in matches:
            named = match["label"] if "label" in match.re.groupindex else None
            implied = (PROHIBITED if match.re in (_NEVER_SAID_LIST, _NEVER_SAID_WORDS) else COURTESY if match.re is _SHOULD_SAY_LIST
                       else _said_for(folded, match.end()) if named == "语" else None)
            kind = (PROHIBITED if match.re in (_BANNED_LIST, _CALLED_LIST)
                    else kind_of(LABEL.fullmatch(named or "")) or _cue_before(folded, match.start("items"), None) or implied)
            joined = r"或(?!者)|和" if match.re is _CALLED_LIST else r"或(?!者)"   # 为female和male: the names, not a phrase
            items = [item for listed in _split_outside_brackets(segment.text[match.start("items"):match.end("items")], "、/")
                     for item in re.split(joined, listed)]
            kinds_of_talk = any(_KIND_OF_TALK.fullmatch(fold_script(item)) for item in items)
            enough = len(items) >= 2 or match.re is _NEVER_SAID_WORDS
            if (kind and enough and not kinds_of_talk and not _rules_of_conduct(items)
                    and all(0 < len(_literal(item)) <= 12 and _is_unquoted_phrase(item) for item in items)):
                for item in items:
                    offset = segment.text.find(item, match.start("items"))
                    self._add(kind, _clean(item), segment, offset, block, quoted=False)

    def _quotes(self, segment: Segment, spans, masked: str, carried: str | None, fallback: str | None,
                block: Block) -> str | None:
        """Add the quoted phrases of ``segment``; return the kind of the last run."""
        folded = fold_script(masked)
        kind, before = None, None
        for run in _runs(masked, spans):
            previous = kind
            called = _CALLED_WORDS.match(folded, run[-1][1] + 1)
            label = (_LABEL_AFTER.match(folded, run[-1][1] + 1) or _filed_under(folded, run[-1][1] + 1)
                     or _filed_under(fold_script(segment.text), run[-1][1] + 1)   # …列为“服务忌语”: a quoted label
                     or (called if called and (called["p"] or called["c"]) else None))
            plain = _PLAIN_USE.match(folded, run[-1][1] + 1) or _TALK_AFTER.match(folded, run[-1][1] + 1) or called
            named = label or plain
            never = PROHIBITED if named and _NEVER_BEFORE.search(folded, 0, max(run[0][0], 0)) else None
            after = run[-1][1] + 1
            replaced = len(run) == 1 and _REPLACED.match(folded, after)
            ruled_out = PROHIBITED if (replaced or _RULED_OUT.match(folded, after) or _JUDGED_AFTER.match(folded, after)
                                       or _BACKFIRED.match(folded, after)) else None
            said = _cue_before(folded, run[0][0], carried)
            if said == COURTESY and fallback == PROHIBITED and _only_said(folded, run[0][0]):
                said = None                       # 需避免以下…： / - …或直接告知“等着吧”: the list's kind, not the verb's
            weakly = said == COURTESY and _weakly_said(folded, run[0][0])
            kind = (kind_of(label) or ruled_out or _talk_after(folded, after)
                    or _quoted_label(segment.text, before, run[0][0]) or (None if weakly else said)
                    or _talk_label(folded, run[0][0]) or never
                    or _presented(folded, run[0][0], block.kind) or fallback)
            if kind is None and _known(previous) and _opens_clause(folded, run[0][0]):
                kind = previous                   # 1)问候用语:“您好!”用在…;“上午好!…”用在…: the label's quotes go on
            if (kind == PROHIBITED and said == carried and _cue_before(folded, run[0][0], None) is None
                    and _plainly_courteous([segment.text[start + 1:end] for start, end in run])):
                kind = COURTESY                   # …杜绝“七不”…态度不得生 / “对不起,这个问题稍后会有销售人员为您做专业解答”
            if kind is None:
                alone = (segment.marker is None and _quotes_alone(masked)   # not 2.「不好意思，这是公司规定」, a point's title
                         and not _flagged([segment.text[start + 1:end] for start, end in run]))
                example = UNSAID if plain or weakly or alone else _example(folded, run[0][0])
                kind = example if example is not None else _introduced(folded, run[0][0])   # UNSAID is falsy
            scene = _SCENE_WORDS.match(folded, after)   # 客户问候时：“小姐(先生),您好。”时: the scene's words, not staff's
            start = _sentence_start(folded, run[0][0])
            sentence = folded[start:_sentence_end(folded, after)]
            designated = _TERM_BEFORE.search(folded, 0, max(run[0][0], 0)) and "称谓" in sentence   # not 应称“同志”: address
            terms = kind != PROHIBITED and (designated or _TERM_AFTER.match(folded, after))
            illustrates = _ILLUSTRATES.search(folded, max(run[0][0] - 8, 0), max(run[0][0], 0))   # …的含義:「他聲稱…」
            if platform_notice(sentence) or terms or illustrates:
                kind = None                       # “仅部分预览”的文档,…可反馈申请退款 / 可称“盲人”…等称谓: not a phrase
            for start, end in run:
                quoted = segment.text[start + 1:end]
                if (kind is not None and not scene
                        and (named or ruled_out or not _names_concept(folded, start, end, quoted))
                        and not LABEL.search(fold_script(quoted))):
                    for part in split_quote(quoted):
                        self._add(kind, part, segment, segment.text.find(part, max(start, 0)), block, quoted=True)
            before = run[-1]
        return kind

    # --- list items ----------------------------------------------------------------------------------------
    def _item(self, item: Segment, block: Block) -> None:
        text = item.text
        parts = labelled_parts(text, lead_label=True)
        cue, marked = None, _MARKED_KINDS.get(item.marker.text[:1]) if item.marker else None
        for label, start, body in parts:
            if narrated(label):
                continue                          # 当市民说：“你们怎么回事”时
            cue = strong_cue(fold_script(label)) or (cue if _says(label) else None)   # 忌：大声说：“…”
            kind = marked or cue or _known(block.kind) or talk_kind(label) or block.kind
            self.category = _known(kind) if label and _is_category(label) else None
            spans = quote_spans(body, opened=True)
            if spans:
                breaks = [(offset - start, line) for offset, line in item.breaks if offset >= start]
                part, masked = Segment(item.line_at(start), body, item.marker, breaks), _mask(body, spans)
                self._quotes(part, spans, masked, None, kind or UNSAID, block)
                self._stock_lists(part, masked, block, None, _known(kind) or COURTESY)   # 要使用“十字”文明用语。您好、请…
                continue
            if not label and len(parts) > 1 and not SPEECH.search(fold_script(body)):
                continue                          # a title before the labels: 出口收费。当…时：“…”
            if _conduct_after_verb_label(label, body) or _qualities(label, body) or _front_matter(label):
                continue
            never_say = cue == PROHIBITED and not LABEL.search(fold_script(label))   # 禁止说：不行。天天查，真烦人。
            questions = _is_category(label) and _questions(body)
            items = split_items(body, by_comma=label.rstrip("：: ").endswith("类"), by_sentence=never_say or questions)
            if len(items) == 1 and not re.search(r"[\u4e00-\u9fff]", items[0]):
                continue                          # page furniture, not words: - 格式:doc, - 大小:24.50 KB
            for part in items:
                self._add(kind, part, item, start + body.find(part), block, quoted=False)
        self._never_said_in_note(item, block)
        self._noted_lists(item, block)
        self._named_lists(item, block)
        self.carried, self.left_open, self.quote_ended = None, False, False

    def _never_said_in_note(self, item: Segment, block: Block) -> None:
        """Words a note in brackets inside an item rules out: (注：不能对客户说我不知道或我不清楚，…)."""
        for note in re.finditer(r"[（(]([^（）()]{4,80})[)）]", item.text):
            folded = fold_script(note[1])
            for match in _NEVER_SAID_WORDS.finditer(folded):
                for part in re.split(r"或(?!者)|、", note[1][match.start("items"):match.end("items")]):
                    self._add(PROHIBITED, _clean(part), item, note.start(1) + note[1].find(part), block, quoted=False)

    # --- tables --------------------------------------------------------------------------------------------
    def _table(self, table: Table, block: Block) -> None:
        """Each row's phrase cells; a suggestion column's quotes (替代话术 | “您先别着急…”) are words to say when
        no column holds them."""
        found = block.layout
        suggested = found.suggestion is not None and COURTESY not in found.phrases.values()
        for row in table.rows[found.header + 1:]:
            category, suggestion = cell_text(row, found.category), cell_text(row, found.suggestion)
            for column in found.phrases:
                kind = found.kind_of(row, column)
                if column < len(row) and kind in KINDS:
                    self._cell(row[column], kind, block, category, suggestion if kind == PROHIBITED else "", table.sheet)
            if suggested and quote_spans(suggestion):
                self._cell(row[found.suggestion], COURTESY, block, category, "", table.sheet)

    def _cell(self, cell: Cell, kind: str, block: Block, category: str, suggestion: str, sheet: str) -> None:
        for line, text in cell.lines:
            for part in _cell_phrases(text):
                if _is_phrase(part) and not CATEGORY.match(fold_script(part)):
                    self.extraction.of_kind(kind).append(
                        Phrase(part, line, block.article or sheet, sheet, category, suggestion))

    def _add(self, kind: str | None, text: str, segment: Segment, offset: int, block: Block, quoted: bool) -> None:
        courteous = bool(_COURTEOUS.search(fold_script(text)))
        if kind == MIXED:
            kind = COURTESY if courteous else PROHIBITED
        elif kind == UNSAID:
            kind = COURTESY if courteous and SPEECH.search(fold_script(text)) else None
        if kind not in KINDS or not _is_phrase(text) or not (quoted or _is_unquoted_phrase(text)):
            return
        if not quoted and (_conduct_clauses(text) if kind == COURTESY else _rule_not_said(text)):
            return
        line = segment.line_at(max(offset, 0))
        if (kind, text, line) not in self.added:         # a paragraph is read for lists and for runs of sentences
            self.added.add((kind, text, line))
            self.extraction.of_kind(kind).append(Phrase(text, line, block.article_of(segment)))


def _flagged(items: list[str]) -> bool:
    """Whether the shipped rules flag a prohibited expression in any of ``items`` (“您好，有事快说，我很忙。”)."""
    return any(finding.kind == PROHIBITED for findings in _shipped_rules().find_many(items) for finding in findings)


def _plainly_courteous(items: list[str]) -> bool:
    """Whether every one of ``items`` is courteous speech on its face (an apology, a greeting or a request, addressed
    with 您) that the shipped rules do not flag: a prohibition cue carried over from the line before does not make
    such words prohibited."""
    return all(_COURTESY_OPENING.match(fold_script(item)) and "您" in item for item in items) and not _flagged(items)


def _rude(items: list[str]) -> bool:
    """Whether the items of a list no words call of a kind are prohibited speech: three or more, none courteous, and
    the shipped rules flag a third of them or more."""
    if len(items) < 3 or any(_ADDRESSED_COURTESY.search(fold_script(item)) for item in items):
        return False
    found = _shipped_rules().find_many(items)
    return 3 * sum(any(finding.kind == PROHIBITED for finding in findings) for findings in found) >= len(items)


@lru_cache(maxsize=1)
def _shipped_rules() -> Matcher:
    """A matcher of the shipped lexicons (once, when a list under no kind first needs it; kept on disk as the
    commands keep theirs, so that a process loads it rather than compiling the rules again)."""
    config = Config()
    return cached("matcher", config, (), None, config.matcher)


def _conduct_clauses(text: str) -> bool:
    """Clauses with nothing said to anyone, one of them a thing not to do or one to do (讲普通话，不说方言 / 与家长讲话要
    站在…，不卑不亢), or three or more of them (收银员站立收银台应姿势端正,女生左手搭右手上,两脚…) unless they leave a
    blank for a name (这属于*的责任,费用应由*负责: a template said): a rule of conduct, not courtesy."""
    folded = fold_script(text)
    clauses = _split_outside_brackets(folded, "，,")
    template = re.search(r"[×*＊○]|[xX]{2,}", folded)
    if not template and _rule_before_speech(clauses):
        return True
    return (len(clauses) > 1 and not (SPEECH.search(folded) or _COURTEOUS.search(folded))
            and (len(clauses) > 2 and not template or any(_CONDUCT_CLAUSE.search(clause) for clause in clauses)))


#: A clause opening with what staff must do (应迅速接听 / 承办人员应给予…答复), not with what is said (应由××负责 is).
_RULE_OPENING = re.compile(r"^\s*(?:[\u4e00-\u9fff]{1,4}(?:人员|人))?(?:应当?|应该|须|必须|务必)(?!由)")
#: How staff must act, anywhere in a clause (电话铃响应及时接听): 应 before an adverb of manner or order.
_MUST_ACT = re.compile(r"应当?(?:及时|迅速|尽快|尽速|立即|马上|主动|耐心|热情|认真|礼貌地?|首先|先|当场|如实|据实|切实)")


#: What words closed by a bare 等语 are said for: courtesy (…等语表歉意 / 等语致谢 / 等语问候).
_COURTEOUS_PURPOSE = re.compile(r"\s*(?:表示?|致|以示)?(?:歉意|谢意|感谢|问候|欢迎|慰问)")


def _said_for(folded: str, position: int) -> str:
    """The kind of words a bare 等语 closes (对不起、抱歉等语表歉意): courtesy when what follows says they are said to
    apologise, thank or greet; else courtesy only if they are courteous (:data:`UNSAID`)."""
    return COURTESY if _COURTEOUS_PURPOSE.match(folded, position) else UNSAID


def _rule_before_speech(clauses: list[str]) -> bool:
    """Whether a clause after the first opens with a rule's words, or a clause says how staff must act, before any
    clause says something to someone (听到电话铃响,应迅速接听,…并致您好: a rule that ends on the words it asks for)."""
    for position, clause in enumerate(clauses):
        if position and _RULE_OPENING.match(clause):
            return True
        if SPEECH.search(clause) or _COURTEOUS.search(clause):
            return False
        if _MUST_ACT.search(clause):
            return True
    return False


#: Words of a rule of conduct (不要…, 不能…, 切忌…, 应…): what a prohibited phrase said to someone has only with
#: someone spoken to or spoken of in it (我不能办, 这是规定必须要这样办, 谁坐不住就别出去玩).
_RULE_WORD = re.compile(r"不要|不能|不宜|不得|不准|不许|切忌|忌|禁止|自觉|务必|[应须勿]|(?<![需重只想主还])要")
_TALKING = re.compile(r"[你您我咱这那谁啥吗呢吧啊呀嘛哪么！!？?]")
#: Longer than this (words, without punctuation), unquoted text with a rule's words and no one talking is a rule.
_RULE_LENGTH = 8
#: People spoken of, a condition or a definition opening the text: what a description has and words said to someone,
#: without 你/您/我 or a question or exclamation, have not (longer than :data:`_DESCRIPTION_LENGTH` words).
_DESCRIBED = re.compile(r"他们|她们|某些|有些人|别人|他人|孩子们|^\s*(?:若|如果|当)|^\s*(?:是指|指)|是指|的一种(?:行为|现象)")
_ADDRESSING = re.compile(r"[你您我咱吗呢吧啊呀嘛！!？?]")
_DESCRIPTION_LENGTH = 12


def _rule_not_said(text: str) -> bool:
    """Unquoted text under a prohibited kind that is a rule of conduct or a description, not words said: longer than a
    few words, with a rule's words (不要, 不能, 切忌, 应) and nothing of talk (你, 我, 这, 吗, ！) — 同事之间不能称兄道弟或
    乱叫外号 under 语言及行为禁忌, 办公时间不大声谈笑,…应起身走近."""
    folded = fold_script(text)
    words = re.sub(r"[^\u4e00-\u9fff]", "", folded)
    if len(words) > _DESCRIPTION_LENGTH and _DESCRIBED.search(folded) and not _ADDRESSING.search(folded):
        return True                               # 当众指责批评某些孩子,这让他们… / 若与读者发生口角,… / 指使用…的一种行为
    return len(words) > _RULE_LENGTH and bool(_RULE_WORD.search(folded)) and not _TALKING.search(folded)


def _run_line(segment: Segment) -> bool:
    """A line that can stand in a run of phrases under no kind: numbered or bulleted, or a short bare line said to
    someone; no quotes, and no label naming a kind (3、接待外来客户…文明用语：…找业主：您好，…: its labels tell its words)."""
    marker = segment.marker
    if quote_spans(segment.text):
        return False
    if marker is None:
        return (segment.starts_line and segment.ends_line and len(_literal(segment.text)) <= _RUN_LINE
                and speech_like(segment.text))
    return marker.style in _RUN_STYLES and not any(strong_cue(fold_script(label)) for label, _, _ in labelled_parts(segment.text))


def _numbers_on(last: Marker | None, marker: Marker | None) -> bool:
    """Whether a line goes on with the run: the same style, numbered on (one may be skipped), or bullets and bare
    lines as before."""
    if last is None or marker is None:
        return last is None and marker is None
    if marker.style != last.style:
        return False
    return marker.style == "bullet" or 0 < marker.number - last.number <= 2


def _cell_phrases(text: str) -> list[str]:
    """A table cell's phrases: its quotes when it has any (“A”，“B”), else its items."""
    spans = quote_spans(text)
    if spans:
        return [part for start, end in spans for part in split_quote(text[start + 1:end])]
    listed = _CELL_LABEL.sub("", text, count=1)   # 迎客用语：1、您好 2、请坐
    numbered = [item for item in _CELL_NUMBER.split(listed) if item.strip()] if _NUMBERING.match(listed) else []
    if len(numbered) > 1:                         # 1.对不起，请您再说一遍好吗？ 2.别着急，您慢慢说。 in one cell
        return [part for item in numbered for part in _cell_phrases(item)]
    return split_items(_LEAD.sub("", _NUMBERING.sub("", text), count=1))


#: What ends a label: a colon, a dash after a label naming a kind (“忌语”大约有七条——急什么，…；…), or brackets around a label.
_DASH = "——"
_LABEL_END = re.compile(rf"[：:]|{_DASH}|[（(][^（）()]{{2,10}}[)）]")
#: 如 / 例如 right before a colon and right after a quote: the label of the examples after the colon.
_EXAMPLE_WORD = re.compile(r"(?<=[”」』])(?:例如|比如|譬如|如)\s*$")


def labelled_parts(text: str, lead_label: bool = False) -> list[tuple[str, int, str]]:
    """An item cut at its labels: (label, offset of the body, body).

    问候语：您好！ → one part; 查询结束时：感谢您的耐心等待。查询时间过长时：请您挂机 → two; a label is the
    text before a colon back to the last sentence end, when it reads as a scene or a category, not as
    words said. 辱骂性语言：例如：你真笨 → (辱骂性语言：例如：, 你真笨); with ``lead_label`` (a list item
    without a colon), 乘客上下车用语XX路… → its …用语 too.
    """
    cuts: list[tuple[int, int]] = []          # (label start, body start)
    lead = _LEAD_LABEL.match(fold_script(text)) if lead_label and not re.search(r"[：:]", text) else None
    if lead:
        cuts.append((0, lead.end()))
    elif scene := _SCENE_BEFORE_COMMA.match(text):
        cuts.append((0, scene.end()))           # 当服务对象前来办理业务时,您好、请坐
    starts = _sentence_starts(text)
    for colon in _LABEL_END.finditer(text):
        if colon.group()[0] in "（(":
            if _BRACKETED_LABEL.fullmatch(fold_script(colon.group())) and not _inside(cuts, colon.start()):
                cuts.append((colon.start(), colon.end()))      # 医院文明用语(日常文明用语)您好请坐…
            continue
        begin = max(cuts[-1][1] if cuts else 0, starts[bisect_right(starts, colon.start()) - 1])
        example = _EXAMPLE_WORD.search(text, begin, colon.start())
        if example and not _inside(cuts, example.start()):
            begin = example.start()               # 应主动“请问....”如：请问…？ — the example's 如： after a quote
        after_list = _LABEL_AFTER_LIST.search(text, begin, colon.start())
        begin = after_list.start(1) if after_list else begin         # 先生、小朋友接待用语： → 接待用语：
        if colon.group() == _DASH and not _names_kind(text[begin:colon.start()]):
            continue
        if _is_label(text[begin:colon.start()]) or (begin == 0 and _occasion_label(text[:colon.start()], text[colon.end():])):
            lead = _LEAD.match(text, colon.end())
            cuts.append((begin, lead.end() if lead else colon.end()))
    if not cuts:
        return [("", 0, text)]
    parts = [("", 0, text[:cuts[0][0]])] if text[:cuts[0][0]].strip() else []
    for index, (begin, body) in enumerate(cuts):
        end = cuts[index + 1][0] if index + 1 < len(cuts) else len(text)
        parts.append((text[begin:body], body, text[body:end]))
    return parts


def _scene_pair(parts: list[tuple[str, int, str]]) -> bool:
    """Whether a line's labels name both kinds, a scene's words to say and not to say (接电话文明用语：您好，保卫部。XX不在，
    有事我帮你转告。禁忌用语：喂，找哪个？人不在，快点讲。): each label's words are one reply, not cut at its sentences."""
    return {COURTESY, PROHIBITED} <= {strong_cue(fold_script(label)) for label, _, _ in parts}


def _names_kind(label: str) -> bool:
    """Whether a label names a kind of phrases (…流行的“忌语”大约有七条, 辱骂性语言)."""
    return bool(strong_cue(fold_script(label)) or talk_kind(label))


def _next_label_at_end(text: str) -> bool:
    """Whether the line ends with the next list's label glued after 等, a list of its own before it (问候语: 您好、早上好
    等 迎送语:): a 、 between the label and the colon before it. Searched from the end: a line is read once."""
    label = _LABEL_AFTER_ETC_AT_END.search(text)
    return label is not None and "、" in text[max(text.rfind(":", 0, label.start()), text.rfind("：", 0, label.start())) + 1:label.start()]


def _before_quotes(body: str) -> str:
    """A label's unquoted list up to the quotes that follow it (常用礼貌用语：您、您好、请。“您”,表示… / 道谢语：谢谢、非常感谢、
    “…”): the words before the sentence end or the separator that precedes the first quote (``body`` masked)."""
    quote = body.find(MASK)
    if quote < 0:
        return body
    end = max(body.rfind(mark, 0, quote) for mark in "。；;！!？?、，,")
    if end < 0 or body[end] in "、，," and body[end + 1:quote].strip():
        return ""                                 # 称呼时用“您”: the quote is inside the list's words
    return body[:end + 1]


def _occasion_label(label: str, body: str) -> bool:
    """A few words naming an occasion before the colon that opens an item (欢迎入住：欢迎您光临我们的小区！, 感谢来电：…):
    a label though a word of courtesy is in it, when no more than a stock word and followed by longer words said."""
    folded = fold_script(label).strip()
    return (bool(re.fullmatch(r"[\u4e00-\u9fff]{2,6}", folded)) and folded not in STOCK_WORDS
            and speech_like(body) and len(_literal(body)) > len(folded) + 2)


#: A label naming the words of the person served, not staff's (- 客户原话：你们物业就是吃干饭的!).
_SERVED_PARTY = re.compile("客户|顾客|业主|群众|患者|居民|市民|来电人|家属|原话|反馈|质问|投诉|抱怨")


def _bulleted_scene(segment: Segment, label: str, body: str) -> bool:
    """A bullet or numbered line of a scene label, a colon and words said to someone (- 先安抚：您反映的问题我们一定认真研究):
    its words are of the kind the title above it names, as an item of a list is."""
    return (segment.marker is not None and segment.starts_line and _is_label(label) and len(fold_script(label).strip()) <= 12
            and not _SERVED_PARTY.search(label) and speech_like(body))


def _conduct_after_verb_label(label: str, body: str) -> bool:
    """A bare 应：/忌： before what to do or look like, not words (忌：面无表情、叉腰；应：面带微笑)."""
    return bool(VERB_LABEL.search(fold_script(label))) and not SPEECH.search(fold_script(body))


def _qualities(label: str, body: str) -> bool:
    """The qualities asked for after 要求：/态度：, not words said (要求：热情、耐心、周到)."""
    return bool(_QUALITIES_LABEL.search(fold_script(label))) and not SPEECH.search(fold_script(body))


def _front_matter(label: str) -> bool:
    """A memo's or a letter's header field (致：各部门, 由：财务部), whom it goes to or comes from, or a document's part
    (目的：, 适用范围：), what it is for: not words said, whatever the label names before it (…文明服务规范用语及礼仪要求目的：)."""
    folded = fold_script(label)
    return bool(_HEADER_FIELD.fullmatch(folded) or _DOCUMENT_PART.search(folded))


def _is_category(label: str) -> bool:
    """A label naming a category of phrases (电话用语：, (日常文明用语), 征询语：), not a scene (当…时：)."""
    return CATEGORY.match(re.sub(r"(?:例如|比如|如)?[\s\W\d]*$", "", fold_script(label)).lstrip("（( ")) is not None


def _inside(cuts: list[tuple[int, int]], position: int) -> bool:
    """Whether ``position`` falls inside the last label cut (辱骂性语言(例如)：)."""
    return bool(cuts) and cuts[-1][0] <= position < cuts[-1][1]


def _is_label(text: str) -> bool:
    """Text before a colon that labels what follows: a category, a cue, or a scene (业主向你致谢时) even with words
    of speech in it."""
    folded = fold_script(text).strip()
    return (0 < len(folded) <= 40 and not re.search(r"[“”\"「」]", folded)
            and (not SPEECH.search(folded) or CUE.search(folded) is not None or _SCENE_END.search(folded) is not None
                 or CATEGORY.match(re.sub(r"[\s\W]", "", folded)) is not None))


# --- cues --------------------------------------------------------------------------------------------------

def _runs_on(sentence: str) -> bool:
    """A sentence that can stand in a run of phrases: short, and no rule or title."""
    return 0 < len(_literal(sentence)) <= _RUN_LENGTH and _is_unquoted_phrase(sentence)


def _cue_before_run(text: str, position: int) -> str | None:
    """The kind of the last cue in the two sentences before ``position`` (``text`` folded)."""
    starts = _sentence_starts(text)
    index = bisect_right(starts, position - 1) - 1
    return last_cue(text, starts[max(index - 1, 0)], position)


def _says(label: str) -> bool:
    """A label that only tells how something is said (大声说：), going on with the cue of the label before."""
    cues = list(CUE.finditer(fold_script(label)))
    return bool(cues) and all(cue["w"] for cue in cues)


def _talk_after(text: str, position: int) -> str | None:
    """The kind of talk that words right after a run of quotes name (“不行”“你等着吧”等命令口气说话)."""
    after = _ETC_WORDS.match(text, position)
    words = after[1] if after else ""
    return next((kind for end in range(len(words), 1, -1) if (kind := talk_kind(words[:end]))), None)


def _talk_label(text: str, position: int) -> str | None:
    """The kind a label naming a kind of talk gives the quotes right after its colon or its list (讽刺挖苦型：“…”)."""
    label = _COLON_LABEL.search(text, 0, max(position, 0))
    return talk_kind(label[1]) if label else None


def _example(text: str, position: int) -> str | None:
    """A quote given as an example with no cue and no heading's kind (例如：“您好，我是…”): courteous speech
    is taken (``text`` folded)."""
    return UNSAID if _EXAMPLE.search(text, 0, max(position, 0)) else None


def _quotes_alone(masked: str) -> bool:
    """Whether a line holds quotes and nothing else (“您申请的宽带现在可以装机了，请问…？” under a step of a script):
    courteous speech is taken."""
    return not re.sub(rf"[{MASK}\s、，,；;。.!！?？或]", "", masked)


def _filed_under(text: str, position: int) -> re.Match | None:
    """The label that the words right after a run of quotes file them under (等用语则将被列为服务禁忌, 被认可为…基础用语),
    as a :data:`HEADING_LABEL` match."""
    filed = _FILED_UNDER.match(text, position)
    return HEADING_LABEL.search(text, filed.start(), filed.end()) if filed else None


def _introduced(text: str, position: int) -> str | None:
    """A quote that a colon or a scene introduces (用户提出批评意见：“…”, 等待过长时，“…”) in a sentence with no cue at all,
    under no heading's kind: courteous speech is taken (``text`` folded); someone in a story speaking is a cue."""
    start = _sentence_start(text, position)
    before = text[start:position].strip()
    longest = 2 * _SCENE_LENGTH if _SCENE_BEFORE.search(before) else _SCENE_LENGTH   # …才能解答时：“…”: a scene, however long
    if not 0 < len(before) <= longest or CUE.search(text, start, position + 1):
        return None                           # a story's 抛出一句：“…” comes after a longer sentence
    return UNSAID if _INTRODUCED.search(text, start, position) else None


def _known(kind: str | None) -> str | None:
    """A list's kind when it is one of the two (not mixed, not unsaid)."""
    return kind if kind in KINDS else None


def _mostly_quotes(masked: str) -> bool:
    """A line that is mostly quotes is a list of them (“喂，找谁？”“明天再来！”), not a story quoting someone."""
    words = re.sub(r"[\s\W]", "", masked.replace(MASK, "Q"))
    return len(words) > 0 and words.count("Q") >= 0.6 * len(words)


def strong_cue(text: str) -> str | None:
    """The kind of the last cue in ``text`` other than a bare 说： (a label: 反问式回答：)."""
    cues = [cue for cue in CUE.finditer(text) if not cue["w"]]
    return kind_of(cues[-1]) if cues else None


def _cue_before(text: str, position: int, carried: str | None) -> str | None:
    """The kind of the last cue before ``position`` in its sentence (``text`` folded).

    With no cue, a sentence that begins with 如/例如 takes the previous sentence's, and so does a quote right
    after a verb of saying and a full stop standing for its colon (应说。“您想了解什么…”); the first sentence takes
    ``carried`` (the previous line's, when this line continues it).
    """
    starts = _sentence_starts(text)
    index, end = bisect_right(starts, position) - 1, position
    mark = 1                                  # the quote's own mark is read too: 使用“ is a cue
    while True:
        cues = list(CUE.finditer(text, starts[index], end + mark))
        if cues:
            return decisive(cues, text, starts[index])
        if index == 0:
            return carried
        said_stop = (index > 0 and not text[starts[index]:position].strip()
                     and _SAID_STOP.search(text, starts[index - 1], starts[index]))
        if not (_CONTINUES.match(text, starts[index]) or _SCENE_LABEL.match(text, starts[index], end) or said_stop):
            return None
        index, end, mark = index - 1, starts[index], 0


def _opens_clause(text: str, position: int) -> bool:
    """Whether the quote at ``position`` opens a clause after a semicolon (…使用;“上午好!”), nothing before it."""
    start = _sentence_start(text, position)
    return 0 < start and text[start - 1] in "；;" and not text[start:position].strip()


def _only_said(text: str, position: int) -> bool:
    """Whether only bare verbs of saying (告知“…”, 说：) cue the quote at ``position`` in its sentence (``text`` folded)."""
    cues = list(CUE.finditer(text, _sentence_start(text, position), position + 1))
    return bool(cues) and all(cue["w"] for cue in cues)


def _weakly_said(text: str, position: int) -> bool:
    """Whether only a bare verb of saying after a manner (…地说：, 笑着说：) and no word of what should be done says the
    quote at ``position`` in its sentence: someone in a story (房东在接到电话时不相信地说：“不可能啊”), whose words are
    taken only when plainly courteous (``text`` folded)."""
    start = _sentence_start(text, position)
    cues = list(CUE.finditer(text, start, position + 1))
    return (bool(cues) and all(cue["w"] for cue in cues) and text[cues[-1].start() - 1:cues[-1].start()] in ("地", "着")
            and not _SHOULD.search(text, start, cues[-1].start()))


def _presented(text: str, position: int, kind: str | None) -> str | None:
    """``kind`` (a heading's) for a quote that a colon or a scene introduces (话务接线员：“…”, 离开时，“…”) in a
    sentence without cues (``text`` folded)."""
    start = _sentence_start(text, position)
    if kind not in (COURTESY, PROHIBITED, MIXED) or CUE.search(text, start, position + 1):
        return None
    return kind if _INTRODUCED.search(text, start, max(position, 0)) else None


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence of ``text`` holding ``position`` starts."""
    starts = _sentence_starts(text)
    return starts[bisect_right(starts, position) - 1]


def _sentence_end(text: str, position: int) -> int:
    """Where the sentence of ``text`` holding ``position`` ends (after its 。！？；, or the end of the text)."""
    end = _SENTENCE_END.search(text, position)
    return end.end() if end else len(text)


@lru_cache(maxsize=16)
def _sentence_starts(text: str) -> tuple[int, ...]:
    """Where the sentences of ``text`` start (computed once for all the quotes of a long line)."""
    return (0, *(match.end() for match in _SENTENCE_END.finditer(text)))


def _line_cue(text: str, carried: str | None) -> str | None:
    """The kind a line ends with, for the next line to continue."""
    folded = fold_script(text)
    return _cue_before(folded, len(folded.rstrip().rstrip("。！？!?；;")), carried)


def _unfinished(text: str) -> bool:
    return not _SENTENCE_END.search(text.rstrip()[-1:])


# --- quotes ------------------------------------------------------------------------------------------------

def quote_spans(line: str, opened: bool = False) -> list[tuple[int, int]]:
    """(opening mark, closing mark) positions of the quotes in ``line``.

    Documents lose quote marks: a quote still open at the end of the line ends there, and a new
    opening double quote ends the one before it (“A、“B”). A line that uses ” for both marks is read
    as such. With ``opened`` (a list item), a closing mark before any opening one closes a quote
    that began with the item. Otherwise a closing mark with no opening one is ignored.
    """
    closers = dict(_CLOSERS)
    if "“" not in line and line.count("”") >= 2:
        closers["”"] = "”"
    spans, position = [], 0
    first_close = min((line.find(mark) for mark in "”」』" if mark in line), default=-1)
    first_open = min((line.find(mark) for mark in closers if mark in line), default=len(line))
    if opened and 0 < first_close < first_open:
        spans.append((-1, first_close))
        position = first_close + 1
    while position < len(line):
        if line[position] not in closers:
            position += 1
            continue
        marks = closers[line[position]]
        end = position + 1
        while end < len(line) and line[end] not in marks and line[end] not in _NEW_QUOTE:
            end += 1
        spans.append((position, end))
        position = end + 1 if end < len(line) and line[end] in marks else end
    return [inner for span in spans for inner in _inner_quotes(line, span)]


def _inner_quotes(line: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A double quote that is someone's speech (a verb of saying and a colon before it), sentences long, with phrases
    in single quotes inside (他提出：“一个是‘开门请当心，下车请慢行’，这就避开了；还有一种是‘…’。这样的提醒…”): those single
    quotes; else the quote itself (a listed script naming ‘社保’‘医保’ is the phrase)."""
    start, end = span
    if (line[max(start, 0)] not in "“\"＂" or end - start < _RUN_LINE or not _SENTENCE_INSIDE.search(line, start + 1, end)
            or not _SPEAKER_BEFORE.search(line, 0, max(start, 0))):
        return [span]
    inner = [(start + 1 + low, start + 1 + high) for low, high in quote_spans(line[start + 1:end])
             if line[start + 1 + low] == "‘" and start + 1 + high < end and line[start + 1 + high] == "’"]
    return inner or [span]


def _mask(line: str, spans: list[tuple[int, int]], but_labels: bool = False) -> str:
    """``line`` with the quotes blanked out, so that cues and sentence ends are read outside them; ``but_labels``: the
    words of a quoted label stay (流行的“忌语”大约有七条：…), only its marks go."""
    chars = list(line)
    for start, end in spans:
        start = max(start, 0)
        chars[start:end + 1] = MASK * len(chars[start:end + 1])
        if but_labels and _label_alone(line[start + 1:end]):
            chars[start + 1:end] = line[start + 1:end]
    return "".join(chars)


def _quoted_label(text: str, before: tuple[int, int] | None, start: int) -> str | None:
    """The kind that the quote ``before`` names when it is a label and a colon, or words that list what it holds, lead
    from it to ``start`` (“文明用语十字”：“请”，“您好” / 梳理出“窗口服务禁语”20条，包括“这事不归我管”), also when the next
    sentence gives them as examples of a kind of talk it names (存有“话难听”的现象。诸如“不清楚”…)."""
    if before and _LABEL_TO_RUN.fullmatch(text, before[1] + 1, max(start, 0)):
        label = fold_script(text[before[0] + 1:before[1]])
        return kind_of(LABEL.search(label)) or talk_kind(label)
    return None


def _runs(masked: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Group the quotes that follow one another with only separators between them."""
    runs: list[list[tuple[int, int]]] = []
    for span in spans:
        if runs and _RUN_GAP.fullmatch(masked, runs[-1][-1][1] + 1, max(span[0], 0)):
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs


def _names_concept(masked: str, start: int, end: int, quoted: str) -> bool:
    """A quoted term, not words said: 做到“五个一样”, 杜绝“……”现象, “绿通”车辆, “尊敬性”, or a topic talked about
    (“某某明星要结婚了”等等诸如此类的八卦新闻)."""
    said = re.search(r"[？?！!]\s*$", quoted)        # “我能帮助您吗?”工作忙时: a question asked, not a term before 工作
    if _CONCEPT_BEFORE.search(masked, max(start - 12, 0), max(start, 0)) or (
            not said and _CONCEPT_WORD_AFTER.match(masked, end + 1)):
        return True
    if re.fullmatch(r"[\u4e00-\u9fff]{1,4}性", quoted):
        return True                               # 违反了“尊敬性”: a quality named
    short_term = len(quoted) <= 6 and not re.search(r"[，,。！!？?、；;]", quoted)
    return short_term and _NOUN_AFTER.match(masked, end + 1) is not None


# --- splitting phrases -------------------------------------------------------------------------------------

def split_quote(text: str) -> list[str]:
    """The phrases of one quote: “同志、先生、女士” lists three; a trailing editor's note goes."""
    return [_clean(part) for part in _split_list(text, utterance=True)]


#: A 、 list of short words ended by a full stop, a sentence of clauses after it, no list: 您好、請、對不起、謝謝、再見。接受別人
#: 的幫助或稱讚,應及時致謝,….
_WORDS_TO_STOP = re.compile(r"(?:[^、，,。；;！!？?]{1,6}、){2,}[^、，,。；;！!？?]{1,6}。(?=[^。、]*[，,])")

#: A closing remark glued to the last item of a list, without a mark between: …、谁让你怎么怎么着除此之外，凡脏话、粗话…都为服务忌语.
_CLOSING_REMARK = re.compile(r"(?<=[^，,。；;、：:\s])(?:除此之外|除此以外|此外|总之|总而言之)[，,]")


def split_items(text: str, by_comma: bool = False, by_sentence: bool = False) -> list[str]:
    """The phrases of an unquoted item or list: separated by ； (or 、 or / when there is no comma),
    words in a comma list (请，对不起，谢谢), or short exclamations in a row (您好！请坐！请慢走！).

    A list ends at its 等 (您好、谢谢等，用语要经常使用), or at the full stop after its short words when a sentence of
    clauses follows (…謝謝、再見。接受別人的幫助或稱讚,應及時致謝,…), and a rule after it goes (先生、女士，不要直呼姓名);
    ``by_comma`` (a category of phrases: 道别类：) splits at every comma and sentence end, ``by_sentence``
    (电话用语：) at every sentence end.
    """
    text = re.sub(rf"(?:{_LABEL_AFTER.pattern})[。.]?\s*$", "", text.strip()).rstrip("。.")
    etc = re.search(r"、[^，,]*?等[，,]", text)
    if etc:
        text = text[:etc.end() - 2]
    words = _WORDS_TO_STOP.match(text)
    if words:
        text = text[:words.end() - 1]
    text = _CLOSING_REMARK.split(text, maxsplit=1)[0]
    commas = _split_outside_brackets(text, "，,")
    while len(commas) > 1 and "、" in commas[0] and not _is_unquoted_phrase(commas[-1]):
        commas.pop()
        text = text[:sum(map(len, commas)) + len(commas) - 1]
    if by_comma:
        pieces = [p for part in _split_outside_brackets(text, "，,") for p in re.split(r"(?<=[！!？?。])", part)]
        return [item for item in map(_clean, (p for piece in pieces for p in _split_list(piece))) if item]
    ends = r"(?<=[？?！!。])" if by_sentence else r"(?<=[？?！!。])或(?:者)?"
    pieces = [p for part in _with_introductions(re.split(ends, text)) for p in _split_list(part)]
    return [item for item in map(_clean, pieces) if item]


def _split_list(text: str, utterance: bool = False) -> list[str]:
    """Phrases separated by ； (or :func:`_separated`) then, within each part: three or more short sentences in a row (您好！请坐！
    请慢走！), each read as a part of its own (对不起、请原谅！), or the short sentences of a part too long to be
    one phrase (不知道。你快点。计算机的问题，我也没有办法。…). In an ``utterance`` (a quote), ； joins the clauses of one
    sentence when they have commas of their own (这个方案效果比较好，但费用较高；另一个方式风险较低、但需要观察。)."""
    result = []
    clauses = _split_outside_brackets(text, "；;")
    if utterance and any(_has_outside_brackets(clause, "，,") for clause in clauses):
        clauses = [text]
    for part in [p for piece in clauses for p in _separated(piece)]:
        sentences = _sentences(part)
        if len(sentences) >= 3 and not _one_turn(sentences) and all(len(_literal(sentence)) <= 12 and not (utterance and _has_outside_brackets(sentence, "，,"))
                                       for sentence in sentences):
            result += [phrase for sentence in sentences for phrase in _split_part(sentence, utterance)]
        elif len(_literal(part)) > _MAX_PHRASE and 3 * sum(map(_runs_on, sentences)) >= 2 * len(sentences):
            result += [sentence for sentence in sentences if _runs_on(sentence)]   # a flattened list, too long for one
        else:
            result += _split_part(part, utterance)
    return result


def _one_turn(sentences: list[str]) -> bool:
    """Questions that go on without anyone named again (找谁？什么事？ / 请问您哪里不舒服？多长时间了？): one turn of
    talk, not a list of phrases."""
    return any(re.search(r"[？?]\s*$", before) and re.search(r"[？?]\s*$", after) and not _ADDRESSED.search(fold_script(after))
               for before, after in zip(sentences, sentences[1:]))


#: A closing and an opening quote decoded one byte out of step (GBK ”“ as 薄澳) after a sentence end: the 薄 stands for
#: the closing mark, 澳 starts the next (garbled) quote.
_BROKEN_QUOTES = re.compile(r"(?<=[！!？?。])薄(?=澳)")


def _separated(text: str) -> list[str]:
    """Pieces separated by more than punctuation: a slash or 、 after a sentence end (站住！/没上班呢！), a slash before a
    space between things said to someone (请稍等，我马上来/ 请把病历给我), a space after one or an ellipsis (…请您核对。
    谢谢您的支持), a run of spaces or an ideographic space (您好   请   谢谢; not after a comma or an opening quote: 请您稍候，
    我马上为您办理 is one, as a copy from a PDF spaces it), or every slash of a list of four or more (您/您好/请/请问; not one-character choices running into a sentence: 处/室/系/所，您好！,
    what is left of ○○处/室/系/所，您好！ once its blank is cut)."""
    text = _BROKEN_QUOTES.sub("\u0000", text)     # 没用!薄澳愫…: ”“ read in the wrong byte pairs, a boundary
    if "\u0000" in text:
        return [piece for part in text.split("\u0000") for piece in _separated(part)]
    slashed = _split_outside_brackets(text, "/")
    listed = len(slashed) >= _SLASH_LIST and not (all(len(piece.strip()) == 1 for piece in slashed[:-1])
                                                   and _has_outside_brackets(slashed[-1], "，,"))   # 处/室/系/所，您好！
    pieces = slashed if listed else re.split(r"(?<=[！!？?。])\s*[/、]", text)
    pieces = [said for piece in pieces for said in _said_apart(piece)]
    return [spaced for piece in pieces
            for spaced in re.split(r"(?<=[！!？?。…])\s+(?=\S)|(?<=[^\s，,、；;：:“‘「『（(])(?:[ \u3000]{2,}|\u3000)(?=\S)", piece)]


def _said_apart(text: str) -> list[str]:
    """Phrases a slash before a space sets apart (请稍等，我马上来/ 请把病历给我) when each is said to someone, not a word
    swapped inside one utterance (同意手术 / 操作，谅解一切意外)."""
    pieces = re.split(r"/[ \u3000]+", text)
    return pieces if all(map(speech_like, pieces)) else [text]


def _split_part(part: str, utterance: bool = False) -> list[str]:
    """A part's phrases: separated by 、 or / (no comma, or one only in the last of three or more; in a list, not an
    ``utterance``, also things said one by one), short words or requests between commas (请，对不起，谢谢 / 请进，请坐，
    请用茶)."""
    if stock := stock_words(part):
        return stock                              # 您好请坐谢谢再见
    if spaced := _spaced_stock_words(part) or _spaced_phrases(part):
        return spaced                             # 您好 再见 / 请先回 请拿好 请放心 您慢走对不起 再见 / 不知道 不归我管 自己看
    listed = _split_outside_brackets(part, "、")
    if _objects_of_a_request(listed):
        return [part]                             # 单据、证明请放好: the things one request names
    one_by_one = not utterance and _said_one_by_one(listed)
    if not _has_outside_brackets(part, "，,") or len(listed) >= 3 and (_listed_before_a_comma(listed) or one_by_one):
        if len(listed) > 1 and (not _is_unquoted_phrase(listed[0]) or _rules_of_conduct(listed)):
            return []                             # a rule's own list: 交谈时须口齿清晰、条理清晰; 不推诿、不扯皮
        return [piece for alternative in listed for piece in _alternatives(alternative)]
    words = _split_outside_brackets(part, "，,")
    if len(words) >= 3 and (all(len(_literal(w)) <= 3 for w in words) and not re.search(r"[你我他她]", part)
                            or all(re.match(r"\s*请", w) and len(_literal(w)) <= 12 for w in words)
                            or _bracketed_stock_words(words)):
        return words
    return [part]


#: Words in brackets: alternatives or a note (早(中、晚)上好).
_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")


def _bracketed_stock_words(words: list[str]) -> bool:
    """Stock courtesy words between commas, alternatives or notes in brackets among them (早(中、晚)上好，(节日好：春节、
    中秋节)，请进，再见，您慢走): each is one phrase."""
    unbracketed = [fold_script(_BRACKETED.sub("", word)).strip() for word in words]
    return any(map(_BRACKETED.search, words)) and all(word in STOCK_WORDS or not word for word in unbracketed)


def _spaced_stock_words(part: str) -> list[str]:
    """Short courtesy words set apart by single spaces (您好 再见 / 谢谢 请 / 请拿好 请放心 您慢走对不起): most pieces are
    stock words or runs of them, the others short requests (请拿好), none holding punctuation; a sentence a PDF spaced
    (请您稍候， 我马上为您办理), words that are not stock (场景 禁用表述) and a set phrase spaced apart (欢迎 光临,
    谢谢 合作: 光临 and 合作 are no phrases) stay as they are."""
    pieces = part.split()
    if len(pieces) < 2 or any(not re.fullmatch(r"[\u4e00-\u9fff]{1,12}", piece) for piece in pieces):
        return []
    runs = [stock_words(piece, at_least=1) for piece in pieces]
    if 3 * sum(map(bool, runs)) < 2 * len(pieces) or any(not run and not re.fullmatch(r"请[\u4e00-\u9fff]{1,3}", piece)
                                                          for piece, run in zip(pieces, runs)):
        return []
    return [word for piece, run in zip(pieces, runs) for word in (run or [piece])]


def _spaced_phrases(part: str) -> list[str]:
    """Three or more things said, a space apart, none a word alone (不知道 不归我管 明天再来 自己看): the phrases."""
    pieces = part.split()
    if len(pieces) >= 3 and all(re.fullmatch(r"[\u4e00-\u9fff]{3,12}", piece) and _is_unquoted_phrase(piece) for piece in pieces):
        return pieces
    return []


#: A request about the things just named: 请放好, 请带好, 请出示 (not 请早, 请进).
_REQUEST_TO_KEEP = r"\s*[\u4e00-\u9fff]{1,6}请(您)?(放好|带好|收好|拿好|保管好|保存好|备好|准备好|出示|填好|核对|交)"


def _objects_of_a_request(listed: list[str]) -> bool:
    """单据、证明请放好 / 身份证、户口本请带好: short things named before a request to keep, bring or show them (请
    after its object), one phrase; not a list of sayings that ends in one (不知道、没空、明天请早)."""
    last = fold_script(listed[-1])
    return (len(listed) > 1 and all(0 < len(_literal(piece)) <= 4 and not SPEECH.search(fold_script(piece))
                                    and not re.search("[不没别无你我]", piece) for piece in listed[:-1])
            and re.match(_REQUEST_TO_KEEP, last) is not None)


def _said_one_by_one(listed: list[str]) -> bool:
    """就你拉我们班后腿、你再这样，我就找家长惩罚你、不愿意上课就出去: three or more things said, a comma inside some; short
    words among them when two or more have commas (不行、不知道、这是规定，就不行、你问我，我问谁). Inside one quote such
    pieces are the clauses of one utterance, its 、 standing for commas (“您好，这里的车位是要收费的、您的车位使用费是—元、这是您
    的收据，祝您愉快！”)."""
    shortest = 2 if sum(_has_outside_brackets(piece, "，,") for piece in listed) >= 2 else 4
    return all(_is_unquoted_phrase(piece) and shortest <= len(_literal(piece)) <= 24 for piece in listed)


def _listed_before_a_comma(listed: list[str]) -> bool:
    """不客气、不用谢、请别着急，我们尽快解决: phrases in a 、 list whose last one has a comma of its own."""
    return (not any(_has_outside_brackets(piece, "，,") for piece in listed[:-1])
            and all(_is_unquoted_phrase(piece) and len(_literal(piece)) <= 16 for piece in listed))


def _sentences(text: str) -> list[str]:
    """``text`` cut after each ！。？; a piece without words (?/span>) stays with the one before, and so does a
    self-introduction after a greeting (:func:`_with_introductions`)."""
    pieces: list[str] = []
    for piece in re.split(r"(?<=[！!。？?])", text):
        if pieces and not re.search(r"[\u4e00-\u9fff]", piece):
            pieces[-1] += piece
        elif piece.strip():
            pieces.append(piece)
    return _with_introductions(pieces)


#: A greeting alone, and a sentence introducing the speaker: said together, one phrase.
_GREETING = re.compile(r"\s*(?:您好|你好|早上好|上午好|下午好|晚上好)[！!。，,]?\s*")
_SELF_INTRODUCTION = re.compile(r"\s*(?:我是|我们是|这里是)")


def _with_introductions(sentences: list[str]) -> list[str]:
    """Sentences with a self-introduction joined to the greeting before it (您好！ / 我是邦办即达达人！): one phrase."""
    joined: list[str] = []
    for sentence in sentences:
        if joined and _GREETING.fullmatch(joined[-1]) and _SELF_INTRODUCTION.match(sentence):
            joined[-1] += sentence
        else:
            joined.append(sentence)
    return joined


def _rules_of_conduct(items: list[str]) -> bool:
    """不推诿、不扯皮、不拖拉: three or more short things not to do, with no one spoken to."""
    return len(items) >= 3 and all(re.fullmatch(r"\s*不[\u4e00-\u9fff]{1,5}\s*", item) and not SPEECH.search(item)
                                   for item in items)


#: Respectful ways of addressing someone, which documents write as one blank with a slash (先生/女士, 张大姐/李经理).
_ADDRESS = r"(?:先生|女士|小姐|同志|师傅|大姐|大哥|经理|老师|阿姨|叔叔|大爷|大妈|奶奶|爷爷|伯伯)"
_RESPECTFUL_ADDRESS = re.compile(rf"{_ADDRESS}\s*$")
#: A slash between two ways of addressing someone inside a sentence: 请问是李先生/女士吗.
_ADDRESS_SWAP = re.compile(rf"{_ADDRESS}\s*/\s*{_ADDRESS}")


def _alternatives(text: str) -> list[str]:
    """请您等一下/请您等久了 (each said to someone), 早上好/您好 and short words alone (老头/老太婆) → both; 先生/小姐
    inside a phrase (您好！请问是李先生/女士吗？), 张大姐/李经理 and a word swapped inside one utterance (在 XX 医生 / 医院的照顾下)
    stay."""
    pieces = _split_outside_brackets(text, "/")
    if _ADDRESS_SWAP.search(text) and all(map(_RESPECTFUL_ADDRESS.search, pieces[:-1])):
        return [text]
    words = [re.findall(r"[\u4e00-\u9fff]", piece) for piece in pieces]
    if (len(pieces) > 1 and all(re.fullmatch(r"\s*[\u4e00-\u9fff]{1,4}\s*", piece) for piece in pieces)
            and not all(_RESPECTFUL_ADDRESS.search(piece) for piece in pieces)):
        return pieces                             # short words and nothing else: 老头/老太婆 (先生/女士 is one blank)
    if len(pieces) > 1 and (all(len(found) >= 3 and speech_like(piece) for found, piece in zip(words, pieces))
                            or (all(len(found) >= 2 for found in words) and _COURTEOUS.search(fold_script(text))
                                 and max(map(len, words)) <= 2 * min(map(len, words)))):
        return pieces
    return [text]


def _split_outside_brackets(text: str, separators: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += char in "（(《" and 1 or 0
        depth -= char in "）)》" and depth > 0 and 1 or 0
        if char in separators and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    return parts + [text[start:]]


def _has_outside_brackets(text: str, chars: str) -> bool:
    return len(_split_outside_brackets(text, chars)) > 1


def _clean(text: str) -> str:
    """One phrase without the separators, quote marks, trailing 等, rules of dashes and editor's notes around it."""
    text = text.strip(_STRIP + _QUOTE_MARKS)
    while True:
        cleaned = _TRAILING_RULE.sub("", text)
        cleaned = _ADDRESS_BLANK.sub("", _EDITOR_NOTE.sub(_note_gone, _TRAILING_ETC.sub("", cleaned))).strip(_STRIP + _QUOTE_MARKS)
        if cleaned == text:
            return text
        text = cleaned


#: Other phrases in a closing bracket, kept as printed (the draft makes them variants): two or more short ones, or one said
#: whole (把上衣脱了(把裤子脱了!把衣服撩起来!), 把孩子抱紧了!(怎么连孩子都抱不住呀!)); not a note's clauses.
_OTHER_PHRASES = re.compile(r"[（(](?:[^（()），,：:、；;]{1,10}[！!？?][^（()），,：:]{0,12}|[^（()），,：:、]{1,10}(?:、[^（()），,：:、]{1,10})+)[)）]\s*$")


def _note_gone(note: re.Match) -> str:
    """An editor's note in brackets taken off a phrase, but not other phrases given in its place (see :data:`_OTHER_PHRASES`)."""
    text = note.group()
    return text if _OTHER_PHRASES.search(text) and not _NOTE_WORDS.search(text) else ""


def _literal(text: str) -> str:
    """The normalised words of ``text`` without placeholders: what a phrase really says."""
    return normal_text(SLOT_PATTERN.sub("", _ELLIPSIS.sub("", text)))


#: A date alone, as web pages and documents print them above the text.
_DATE = re.compile(r"\s*(?:\d{2,4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*")


#: A label alone, with a few words before it (“官话”, “服务禁语”): a name of phrases, not one.
_LABEL_ALONE = re.compile(rf"[^，,。]{{0,4}}(?:{LABEL.pattern})")


def _label_alone(text: str) -> bool:
    """Whether a quote holds a label alone, or a kind of talk (“忌语”, “话难听”)."""
    return bool(_LABEL_ALONE.fullmatch(fold_script(text.strip())) or talk_kind(text))


def _is_phrase(text: str) -> bool:
    """Anything said: not empty, not overlong, not a label (“官话”), not a slogan (三声) and not a note in brackets."""
    literal = _literal(text)
    if re.fullmatch(r"\s*[（(][^（）()]*[)）]\s*", text):
        return False                              # a note in brackets alone: (等待键)
    if _DATE.fullmatch(text) or re.fullmatch(r"[\d\s\-－]+", text):
        return False                              # a page's date (2025年10月27日, 2017/1/13), a number (“12345”热线)
    if _DECORATED.search(text):
        return False                              # a code comment or a rule of dashes: // ---- 系统故障类 ----
    if _CONNECTIVE.fullmatch(literal):
        return False                              # between two quotes, one closed with the opening mark: “…“或者“…”
    return (0 < len(literal) <= _MAX_PHRASE and not _SLOGAN.search(literal)
            and not _LABEL_ALONE.fullmatch(fold_script(text.strip())))


def _is_unquoted_phrase(text: str) -> bool:
    """Unquoted text must also look like words said: not a rule of behaviour, a title or a label."""
    return looks_said(fold_script(text))


def _questions(text: str) -> bool:
    """Two or more questions in a row, and maybe a request among them, each to the one spoken to (征询语：我的解答您还满意吗？
    我还有哪些方面可以帮到您？… / 需要我帮你做什么？你还有别的事情吗？请你慢点讲。): each said on its own."""
    sentences = _sentences(text.strip())
    asked = sum(1 for sentence in sentences if re.search(r"[？?]\s*$", sentence))
    return asked >= 2 and all(_ADDRESSED.search(fold_script(sentence)) for sentence in sentences)
