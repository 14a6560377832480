"""The words regulation documents use to say what a heading, a list or a quote holds.

Cues are read on text folded to simplified script (:func:`fold_script`, one character for one, so
offsets stay those of the document): 禁語 and 禁语 are the same cue.
"""

from __future__ import annotations

import re
from functools import cache

from ..tables import hanzi_folds

COURTESY, PROHIBITED, MIXED = "courtesy", "prohibited", "mixed"
KINDS = (COURTESY, PROHIBITED)
#: What a quote is replaced with when cues are read around it (see ``extract._mask``).
MASK = "□"
_OPENS = f"[“\"「『‘”{MASK}]"

#: Names of lists of prohibited expressions, and a prohibition made a name of phrases (禁止使用的服务用语, 不能说的话).
PROHIBITED_LABELS = ("(?:禁止|严禁|不准|不得|不能|不要|不可以?|不许|不该|不应|不宜|杜绝|避免)(?:使用|说|讲|用)的[\u4e00-\u9fff]{0,4}?(?:用语|语言|话语?|说法|词语|字眼)|"
                     "不(?:规范|文明|礼貌|恰当|当)[\u4e00-\u9fff]{0,3}?用[语词]|忌讳语|不文明用语|不文明语言|不礼貌用语|不规范用语|不当用语|文明忌语|服务禁语|服务忌语|禁忌用语|禁忌语言|禁忌语|"
                     "禁止性?用?语(?![气言调速音])|(?:尽量|最好|千万)(?:不要|别|不)(?:说|讲)的(?:话|用语|语言)(?=\\s*[:：]|\\s*$)|(?:忌讳|负面|违规|违禁|不良|粗鲁|粗俗|伤人|禁说|忌说)[\u4e00-\u9fff]{0,2}?用[语词]|(?:违禁|敏感|极限)词[语汇]?|绝对[化性](?:用语|词[语汇]?)|禁用语|忌用语|禁用(?:表述|表达|语句|句式|词语?|词汇|话术)|禁忌话术|(?:违规|违禁|不当|不规范|不合规|非合规)话术|忌讳的(?:语言|话|用语)|错误的?(?:说法|用语|表述|表达|示范|示例|话术|回答|回应|答复)|(?:典型|常见)错误|反面(?:示范|示例)|不当说法|避免(?:用语|用词|词语?|说法)|禁语|忌语|禁忌词[语汇]?|禁忌|官话|狠话|脏话|粗话|恶语|反感用语|不文明语")
#: Names of lists of courtesy phrases.
COURTESY_LABELS = ("(?<![不非没无])(?<![不没缺欠有][够有乏讲缺失太])(?:文明|礼貌)(?:(?:(?![禁忌不非没无欠缺差失])[\u4e00-\u9fff]){1,3}?用语)|文明用语|文明语言|文明话语|礼貌用语|礼貌语言|礼貌语|服务用语|规范用语|标准用语|示范用语|接待用语|电话用语|"
                   "常用语|问候语|应答语|敬语|爱语|(?<![英学说讲])美语|暖语|暖心话|(?:标准|规范|服务|推荐|替代|参考|应答|接待|常用|(?<![非不])合规)话术|"
                   "正确的?(?:说法|用语|表述|表达|示范|示例|话术|回答|回应|答复)|正面(?:示范|示例)|(?:规范|推荐|建议)说法|(?:纠正|改进)(?:建议|方法)|"
                   "(?:规范|服务|标准|常用|礼貌)(?:话语|语句|句式)|常用[\u4e00-\u9fff]{0,4}?(?:词组|句子)(?:(?:和|与|及)(?:词组|句子))?|(?<![非不没无])礼貌性的?[\u4e00-\u9fff]{0,3}?(?:用语|语言|语(?![气调速音]))")
LABEL = re.compile(rf"(?P<p>{PROHIBITED_LABELS})|(?P<c>{COURTESY_LABELS})")
#: In a heading, a bare …用语 (…用词) names phrases to use too: 疏导用语、接警用语、结束语用词.
HEADING_LABEL = re.compile(rf"(?P<p>{PROHIBITED_LABELS})|(?P<c>{COURTESY_LABELS}|(?:(?![不禁忌下以如列述等的和与及或])[\u4e00-\u9fff]){{1,5}}用[语词])")

#: Verbs that say a quote or list is to be said, or never said; the nearest before a quote decides.
_SAY = r"(?:使用|说出?|讲出?|回答|答复|回复|回应|告知|提醒|问候|询问|招呼|答|用|道|致|称)"
_NEVER = r"(?:禁止|严禁|不得|不准|不许|杜绝|避免|切忌)"
#: Claims a promotion or a sales talk makes (禁止基金宣传 “保本”“无风险”): words never to say, when quoted right after.
_CLAIM = r"(?:宣传|宣称|声称|承诺|许诺|表述|标榜)"
#: Staff words reported as abuse, right before them (职员竟破口大骂:「…」, 櫃員竟然嗆他:…): what follows is not to be said
#: (but 被客人嗆「有距離感」: the staff were the ones abused).
_SCOLDED = rf"(?<!被)(?<!被.)(?<!被..)(?<!被...)(?:(?:破口大骂|大骂|骂道|怒骂|痛骂|呵斥|怒斥|斥责|吼道|呛|怼)(?:[他她我你]|道)?|(?:斥骂|辱骂)(?:老人|群众|市民|顾客|患者|乘客|居民|办事群众|我))(?=\s*[:：]|\s*{_OPENS})"
_PROHIBITED_VERB = (rf"{_NEVER}[^，,。；;：:“”\"「」]{{0,6}}?{_SAY}|{_NEVER}[^，,。；;：:“”\"「」]{{0,8}}?{_CLAIM}(?=\s*{_OPENS})|{_NEVER}[^，,。；;：:“”\"「」]{{0,16}}[:：](?=\s*{_OPENS})"
                    rf"|{_NEVER}[^，,。；;：:“”\"「」]{{0,16}}[，,]?\s*(?:即|也就是)\s*[:：]?(?=\s*{_OPENS})"
                    rf"|(?:避免|切忌|严禁|禁止|杜绝)[^。；;：:“”\"「」]{{0,16}}?[，,][^。；;：:“”\"「」，,]{{0,4}}?(?:回答|答复|回复|说出?)(?=\s*{_OPENS})"   # 避免家属欲沟通时，回答「请等一下」
                    rf"|(?:不要|不能|不可以?|不允许|不宜|不应当?|不应该|不该|切勿|勿|忌|别|禁)(?:再)?{_SAY}"
                    rf"|(?:不要|不能|不可以?|切勿|勿)(?:(?![忘吝怕])[^，,。；;：:“”\"「」]){{0,8}}?(?:{_SAY}|问|以|言|一句|一声)(?=\s*[:：]?\s*{_OPENS})"
                    rf"|不(?:说|讲)(?=\s*[:：]?\s*{_OPENS})|不(?:说|讲)\s*[:：]"
                    rf"|(?<![\u4e00-\u9fff])(?:忌|禁|不宜)(?:说|讲|用)?\s*[:：]|(?<![禁切顾宜无])忌\s*[:：](?=\s*{_OPENS})"   # 查询即可忌:“打错了”: a slide flattened
                    rf"|(?:{_NEVER}|不要|不能|不可以?|不应|不许)出现(?=\s*{_OPENS}|[^，,。；;：:“”\"「」]{{0,8}}?(?:语言|用语|话))|(?<![多至])少(?:说|讲|用)(?=\s*{_OPENS})"
                    rf"|{_SCOLDED}")
#: Advice to use kind words, before an example of them: 使用积极、建设性的语言描述…，比如：, 使用相对温和的语言替代….
_GOOD_WORDING = (r"(?<![不别勿])(?:使用|采用|改用|换用|用)[^，,。；;：:“”\"「」]{0,10}?"
                 r"(?<![非不没无缺欠])(?:积极|正面|礼貌|温和|委婉|建设性|鼓励性|肯定|通俗|文明|友善|耐心)[^，,。；;：:“”\"「」]{0,6}?"
                 r"(?:语言|话语|表达|措辞|说法|用语|口吻|语气)"
                 # an example of what should be done: 教师应采用合作的态度，共同探讨…，比如：“…”
                 r"|(?<![不])(?:应当?|应该|建议|不妨|最好)(?:(?!避免|不要|不能|不得|禁止|杜绝|切忌|别|勿)[^。！？!?；;“”\"「」]){0,30}?"
                 rf"(?:比如|例如|譬如)\s*[:：]?(?=\s*{_OPENS}|\s*$)")
_COURTESY_VERB = (rf"{_GOOD_WORDING}|(?:应当?|应该|(?<![偏硬非])要|须|需|必须|请|注意|首先|主动|并|或者?|可以?|多|常|先|再|而应|(?<!不)宜|建议)"
                  rf"(?:先|再|主动|及时|多|要|一声|声)?{_SAY}(?![的得])|打招呼|使用(?:下列|以下|如下)|(?<![如若凡])使用(?=\s*[:：]?\s*{_OPENS})"
                  rf"|(?<![不别])说声|道一声|(?:规范|统一|改|替换|换)[为成]|改说|改用|(?:调整|修改|替换|改进)(?:的)?(?:说法|措辞)|(?:调整|修改|改进)(?:的)?(?:方式|方法|办法)(?=\s*[:：])|而(?:应|要)?用(?=\s*{_OPENS})"   # 不能说‘…’,而用‘…’代之
                  rf"|(?<![\u4e00-\u9fff])(?:应|宜)(?:说|讲|用)?\s*[:：]"
                  rf"|(?<![不没非无够])(?:亲切|热情|礼貌|温暖|温馨|友善|真诚|暖心|和蔼)(?:的|地)(?:一句|一声)?(?=\s*{_OPENS})")   # 简单亲切的“您好!”
#: The people a member of staff speaks to, named between a verb of saying and the quote (询问患者“…”).
_ADDRESSEE = r"患者|病人|顾客|客户|乘客|群众|用户|对方|来宾|家长|业主|住户|居民"
#: A bare 说：/ 讲：/ 提醒： (or 说/用/问 right before a quote or one space before it, 询问患者 or 告知业主 before one, or a
#: member of staff and a colon: 座席员：“…”) says it is said, unless a label earlier in the sentence says what it is.
_WEAK_VERB = (rf"(?<![不别话他她们人])(?:(?:说|讲|问|答|提醒|询问|告知)\s*[:：]|(?:说|讲|用)(?=[ \u3000]?{_OPENS})"
              rf"|(?<![询反质追提疑访学知])问(?=[ \u3000]?{_OPENS})"
              rf"|(?:提醒|询问|告诉|告知|问候|回应|答复|安慰|鼓励)(?:{_ADDRESSEE}|他|她|对方)?(?=[ \u3000]?{_OPENS}))"
              rf"|(?:员|客服|医生|护士|民警|司机)\s*[:：](?=\s*{_OPENS})")
#: Someone in a story speaking, or a notice quoted, right before a quote (网友留言，「…」 患者说：“…” 公司的警示上写道：“…”):
#: the quote is their words, whatever the cues before.
_NARRATED = (r"(?:(?<![对向跟和给与为替请让])(?:网友|记者|有人|读者|家长|市民|群众|患者|病人|顾客|乘客|客户|来访者|对方|他们|她们|他|她|女士|先生|大爷|大妈)"
             rf"[^，,。；;：:“”\"「」{MASK}时后应要须需]{{0,6}}?(?:说|问|称|表示|抱怨|质问|喊|回应|回答|答)|留言|吐槽|感叹|直言|坦言|写道)"
             rf"(?=\s*[:：，,]?\s*(?:{_OPENS}|$))")
#: A bare 答： (说：, 讲：) opening its sentence: the answer to a question of what to say.
_ANSWER = re.compile(r"(?:答|说|讲)\s*[:：]")
#: Words of an instruction before a bare 说：: when, then, should, proactively (主动询问“…”, 主动(dòng)询问 as a converter writes it).
_INSTRUCTED = re.compile(r"当|时|后|遇到|遇有|要|应|须|需|先|再|然后|并|可|主动")
#: Whom the words are for, opening the sentence of a bare 说： (二、对违章停车者说：): an instruction, no one in a story speaking.
_TO_WHOM = re.compile(r"\s*(?:对|向)[^，,。；;：:“”\"「」]{1,12}")
CUE = re.compile(rf"(?P<n>{_NARRATED})|(?P<p>{PROHIBITED_LABELS}|{_PROHIBITED_VERB})|(?P<c>{COURTESY_LABELS}|{_COURTESY_VERB})"
                 rf"|(?P<w>{_WEAK_VERB})")
#: A bare verb as a label (应：/ 忌：): what follows it is words said only when it reads as such.
VERB_LABEL = re.compile(r"(?<![\u4e00-\u9fff])(?:应|宜|忌|禁|不宜)(?:说|讲|用)?\s*[:：]\s*$")
#: A sentence that introduces a list below or after its colon: 应当使用以下规范用语： / 严禁使用以下语言：
INTRO = re.compile(r"(?:如下|以下|下列|下面|例如|比如|包括|包含|有)[^，,。；;]{0,12}[:：]?\s*$")


#: A farewell or a greeting of the day said on its own, courteous without 请 or 您 (not 慢走不送, 早上好啊，又来了).
SEEING_OFF = r"慢走(?![，,\s]*不送)|走好(?![，,\s]*不送)|^\s*(?:早上|上午|中午|下午|晚上|新年)好\s*[！!。]?\s*$"
#: Marks of words said to someone (您、请、吗、！), which rules and titles lack.
SPEECH = re.compile(rf"[您你我咱请吗呢吧啊呀嘛！!？?]|谢谢|对不起|抱歉|再见|欢迎|好的|麻烦|不好意思|没关系|不客气|{SEEING_OFF}")
#: What a phrase to say does not look like: a rule of behaviour, a category label, words about staff or language.
_RULE_START = re.compile(r"^(?:严禁|禁止|不准|不得|不许|不要(?!紧|[^说讲，,。]{1,2}我)|杜绝|必须|应当|应该|应|须|坚持|做到|提倡|实行|严格|切实|认真|及时|积极|"
                         r"注|说明|备注|要求|详见|参见|见附|见下|见表|见《)")
CATEGORY = re.compile(r"^[\u4e00-\u9fff]{0,8}(?:用语|语言|语句|句子|字眼|类|语|型)$")
_ABOUT_WORDS = re.compile(r"工作人员|服务对象|办事群众|窗口人员|服务人员|员工|职工|用语|语言|如下|以下|下列")
#: Words of a rule; a phrase with them must also sound like speech (您、请、吗、！…).
_MODAL = re.compile(r"应当|应该|必须|不得|严禁|禁止|要求|做到|须|提倡|一律|不准|不许|规范|制度|原则|标准")
#: The people served, spoken of: text about them that says nothing to anyone describes conduct
#: (在客户面前出现精神萎靡), it is not words said.
_SERVED = re.compile(r"客户|顾客|群众|乘客|旅客|游客|读者|患者|病人|纳税人|业主|来访者|来电人")
#: The manner of speaking or bearing (声音过大或过小, 态度生硬、语气冰冷, 手放在口袋里): text about it that says nothing to
#: anyone describes conduct, as a list of ways to avoid speaking has it (a railway's 应避免的说话方式).
_MANNER = re.compile(r"声音|嗓音|音量|语速|语气|语调|口吻|口气|态度|眼神|表情|神色|情绪|手势|姿势|坐姿|站姿|举止|过大|过小|过快|过慢|"
                     r"口袋|抱在胸前|打断|嬉笑|玩闹|评头论足|东张西望|交头接耳")
#: The end of a scene that heads the words for it (执行传唤时, 参与搜查之际), not a question (等到什么时候).
_SCENE_ONLY = re.compile(r"(?<!什么)(?<![啥几])(?:时|时候|之时|之际)$")
#: A scene and a verb of saying with nothing said after it (当顾客向你致谢时说, 遇到投诉时应说): a label for the words below.
_SCENE_SAYS = re.compile(r"(?:时|时候)(?:应当?|应该|要|可以?|须|请)?(?:说|讲|答|回答)$")
#: Words of a web page around a document (the documents come from web pages, Q&A sites among them: 优质解答), never
#: phrases of it.
_PAGE_WORDS = re.compile(r"下载|加载|预览|登录|注册|分享|评论|阅读|浏览|点击|收藏|关注|举报|打印|返回|首页|上一篇|下一篇|相关|推荐|"
                         r"标签|分类|来源|作者|发布|字体|编辑|版权|口号|范例|标语|解答|答案|^关于")


#: A document platform's notices around a document (下载文档前请自行甄别, 如文档侵犯您的权益): words to readers, not phrases.
_PLATFORM = re.compile(r"(?:下载|预览|上传|侵犯|侵权|退款)[^。；;]{0,12}?(?:文档|本站|平台)|(?:文档|本站|平台)[^。；;]{0,12}?(?:下载|预览|上传|侵犯|侵权|退款)")


def platform_notice(text: str) -> bool:
    """Whether ``text`` (folded) is a document platform's notice to readers (“仅部分预览”的文档,…可反馈申请退款)."""
    return _PLATFORM.search(text) is not None


#: A note of when the phrase above is used: 请客户等候时使用，…, 如需让客户出示证件时，应使用此语.
_USAGE_NOTE = re.compile(r"时(?:使用|用)(?=[，,。；;]|$)|(?:使用|用)此语")


def looks_said(text: str) -> bool:
    """Whether unquoted text (folded) can be words said: not a rule of behaviour or manner, a title, a label, a scene (执行传唤时, 当顾客
    向你致谢时说), a note of when a phrase is used (请客户等候时使用) or words of the web page around the document (those only
    when nothing in them is addressed to anyone)."""
    stripped = re.sub(r"[\s\W]", "", text)
    return not (_RULE_START.match(stripped) or CATEGORY.match(stripped) or _ABOUT_WORDS.search(text) or _PLATFORM.search(text)
                or _SCENE_SAYS.search(stripped) or _USAGE_NOTE.search(text)
                or ((_MODAL.search(text) or _SERVED.search(text) or _MANNER.search(text) or _SCENE_ONLY.search(stripped))
                    and not SPEECH.search(text))
                or (_PAGE_WORDS.search(stripped) and not SPEECH.search(text)))


#: A rule's opening, or staff spoken of: what a line said to someone does not have.
_NOT_SPEECH = re.compile(r"^(?:严禁|禁止|不准|不得|不许|杜绝|必须|应当|应该|应|须|坚持|做到|提倡|实行|严格|切实|认真|及时|积极|"
                         r"注|说明|备注|保持|着装|佩戴|遵守|执行|熟悉|掌握)|工作人员|服务对象|服务人员|窗口人员|员工|职工|干警")


def speech_like(text: str) -> bool:
    """Whether text reads as words said (请稍等！) rather than a rule of behaviour or a title."""
    folded = fold_script(text)
    return bool(SPEECH.search(folded)) and not _NOT_SPEECH.search(folded) and len(folded) <= 80


#: Courtesy words that documents run together without separators (您好请坐谢谢再见), longest first.
_STOCK = sorted(("您好", "你好", "请", "请坐", "请进", "请问", "请稍等", "请稍候", "请慢走", "请走好", "请原谅", "请留步", "谢谢",
                 "谢谢您", "再见", "对不起", "麻烦您", "别客气", "不客气", "没关系", "不用谢", "欢迎", "欢迎光临", "欢迎再来",
                 "打扰了", "辛苦了", "抱歉", "不好意思", "早上好", "上午好", "下午好", "晚上好", "慢走", "您慢走", "劳驾"),
                key=len, reverse=True)


#: The stock courtesy words, for callers that ask whether a word is one.
STOCK_WORDS = frozenset(_STOCK)


def stock_list(items: list[str]) -> bool:
    """Whether separated items are a list of stock courtesy words: three or more, at least two in three of them stock
    words (您好,问,请进,请坐,请稍等,您贵姓 / 您,请,欢迎,对不起,谢谢,没关系,再见)."""
    stock = sum(fold_script(item.strip()) in _STOCK for item in items)
    return len(items) >= 3 and 3 * stock >= 2 * len(items)


#: A wish that may end such a run: 祝身体健康.
_WISH = re.compile(r"祝[\u4e00-\u9fff]{2,8}")


def stock_words(text: str, at_least: int = 3) -> list[str]:
    """The words of a run of three (``at_least``) or more stock courtesy words without separators (您好请坐谢谢 → 您好、
    请坐、谢谢), a wish (祝身体健康) allowed at its end; empty when ``text`` is anything else."""
    folded, words, position = fold_script(text.strip()), [], 0
    while position < len(folded):
        word = next((word for word in _STOCK if folded.startswith(word, position)), None)
        if word is None:
            wish = _WISH.fullmatch(folded, position)
            if not wish:
                return []
            word = wish.group()
        words.append(text.strip()[position:position + len(word)])
        position += len(word)
    return words if len(words) >= at_least else []


#: Names of kinds of talk: what a label such as 蔑视语： or 致谢类： says the phrases after it are.
_BAD_TALK = re.compile(r"(?:推诿|蔑视|鄙视|轻视|藐视|讥讽|嘲笑|埋怨|否定|烦躁|斗气|训斥|讽刺|挖苦|指责|命令|侮辱|辱骂|威胁|冷漠|生硬|刁难|嘲讽|压制|驱赶|羞辱|"
                       r"打击|武断|攀比|挑拨|报复|牵连|推卸|怨恨|围攻|反问|质问|顶撞|搪塞|敷衍|粗俗|不耐烦|伤人|歧视|恐吓|谩骂|呵斥|责骂|嘲弄|贬低|催促|"
                       r"操控|强迫|逼迫|霸道|专横|粗暴|蛮横|傲慢|责备|责怪|贬损|诋毁|污辱|咒骂|奚落|挑衅|推脱|推托|冷淡)"
                       r"(?:性|式|型|类)?的?(?:语言|用语|语|话|回答|口吻|口气|语气|词汇|词语|字眼)?$")
#: Talk named by what is wrong with it: 话难听, 说话生硬, 语气冲.
_TALK_FAULTED = re.compile(r"(?:话|说话|语言|言语|用语|口气|语气)(?:难听|刺耳|生硬|粗鲁|粗俗|冷漠|冲)$")
_GOOD_TALK = re.compile(r"(?:问候|问好|致谢|道谢|道歉|致歉|告别|道别|欢迎|感谢|称呼|征询|安慰|赞美|赞扬|激励|鼓励|尊重|关爱|礼貌|"
                        r"(?:祝贺|祝福)(?=(?:性|式|型|类)?的?(?:语言|用语|语|话)$)|"
                        r"迎送|迎宾|关心|体谅|宽容|协商)(?P<suffix>(?:性|式|型|类)?的?(?:语言|用语|语|话)?)$")
#: Words before a kind of good talk that make it bad: 不当称呼, 不恰当的问候, 错误的称呼.
_IMPROPER = re.compile(r"(?:不当|不恰当|不妥当?|不得体|不合适|不规范|不文明|不礼貌|不雅|不良|错误|粗俗|粗鲁)的?$")
#: Before a bare word of courtesy with nothing naming talk after it, at most this many characters: 问候：, 电话问候：
#: name phrases, 加强拨接电话礼貌 (a rule about manners) does not.
_BARE_GOOD_LEAD = 2


#: Words before a good quality that deny it (不够礼貌, 缺乏礼貌, 有失文明).
_LACKING = ("不够", "缺乏", "不讲", "有失", "不太", "欠缺", "没有", "不大")


def talk_kind(label: str) -> str | None:
    """The kind a label naming a kind of talk gives (辱骂性语言：例如： → prohibited, 问候语： → courtesy, 轻一些的鄙视语有：
    and 话难听 → prohibited)."""
    words = re.sub(r"(?:例如|比如|譬如|如|有|包括|[\s\W\d])+$", "", fold_script(label).strip())
    if _BAD_TALK.search(words) or _TALK_FAULTED.search(words):
        return PROHIBITED
    good = _GOOD_TALK.search(words)
    if good and (words[good.start() - 1:good.start()] in ("不", "非", "没", "无") or _IMPROPER.search(words, 0, good.start())
                 or words[max(0, good.start() - 2):good.start()] in _LACKING):
        return PROHIBITED                         # 不礼貌的语言, 不尊重的话, 不当称呼, 不恰当的问候, 不够礼貌的用语
    return COURTESY if good and (good["suffix"] or good.start() <= _BARE_GOOD_LEAD) else None


def kind_of(match: re.Match | None) -> str | None:
    """The kind a :data:`CUE` or :data:`LABEL` match names (none for someone in a story speaking)."""
    if match is None or match.groupdict().get("n"):
        return None
    return PROHIBITED if match["p"] else COURTESY


def narrated(label: str) -> bool:
    """Whether a label ends with someone in a story speaking (当市民说：): what follows is not for staff to say."""
    cues = list(CUE.finditer(fold_script(label).strip()))
    return bool(cues) and bool(cues[-1]["n"])


def decisive(cues: list[re.Match], text: str, start: int) -> str | None:
    """The kind the last of a sentence's cues (in ``text`` from ``start``) names. A weak one (说：) gives way
    to a strong one before it, and counts alone only in an instruction (当…时说：, 然后说：, 对违章停车者说：) or as the
    answer that opens its sentence (问：…怎么说？ 答：“…”), not in a story."""
    if not cues:
        return None
    strong = [cue for cue in cues if not cue.groupdict().get("w")]
    if not cues[-1].groupdict().get("w"):
        return kind_of(cues[-1])
    if strong:
        return kind_of(strong[-1])
    answer = _ANSWER.match(text, cues[-1].start()) and not text[start:cues[-1].start()].strip()
    to_whom = _TO_WHOM.fullmatch(text, start, cues[-1].start())
    return COURTESY if answer or to_whom or _INSTRUCTED.search(text, start, cues[-1].start()) else None


#: What may follow the label that ends a heading: 服务禁语（十句）如下： / 禁忌清单 / 文明用语集锦.
_HEADING_TAIL = re.compile(r"(?:如下|以下|举例|示例|例句|清单|集锦|汇编|摘录|列表|对照表?|大全|[\d一二三四五六七八九十]+[句条类例则]|"
                           r"[（(][^（）()]*[)）]|[:：\s。.])*$")
#: A heading naming things said, with a verb that tells which: 禁止使用的语言, 提倡使用的话.
_SAID_NOUN = re.compile(r"(?:语言|话|话语|说法|用语|语句|句子|言语)$")
_NEVER_VERB = re.compile(r"(?:禁止|严禁|不准|不得|不能|不要|不可|不许|不该|不应|不宜|杜绝|避免|忌|别)(?:使用|说|讲|用)?的")
#: A numbered set of things not to say: 十不说, “四不讲”, 十句不说, 禁说十句.
_NOT_SAID_SET = re.compile(r"(?:[一二两三四五六七八九十百\d]+句?不(?:说|讲)|禁说[一二两三四五六七八九十百\d]*句?)[”\"」』]?$")
#: A heading telling to avoid a kind of talk: 避免指责性言论, 避免过度承诺, 切忌命令的口吻.
_AVOID_TALK = re.compile(r"(?:避免|切忌|杜绝|忌|不要|禁止|严禁)[\u4e00-\u9fff]{0,10}?"
                         r"(?:言论|评价|承诺|说法|话语?|语言|用语|口吻|口气|语气|措辞|字眼|表述|表达|术语)")
#: A heading telling not to do something with words, whatever it ends with: 不随便评价客户的行为, 不轻易承诺无法兑现的事.
_AVOID_ACT = re.compile(r"(?:避免|切忌|杜绝|不要|不|别|禁止|严禁)(?:随便|随意|轻易|过度|过多|急于|擅自)?"
                        r"(?:评价|评判|承诺|许诺|否定|打断|反驳|质疑|指责|批评|催促|敷衍|搪塞|推诿|嘲笑|讽刺)")
#: A title naming sentences not to say, the sentences first or last: 这十句话医生最好别说, 老师不能对学生说的10句话.
_NEVER_SAID_TITLE = re.compile(r"(?:话|句)[^，。！？]{0,8}?(?:不能|不可|不该|不要|别|莫|不应|不宜|切忌|忌)(?:再|随便|轻易|乱)?(?:对[^，。！？]{1,6})?"
                               r"(?:说|讲)(?:出口)?$|(?:不能|不可|不该|不要|别|莫|不应|不宜|切忌)(?:再|随便|轻易|乱)?(?:对[^，。！？]{1,6})?"
                               r"(?:说|讲)的[^，。！？]{0,6}?(?:话|句|句话)$")
_ALWAYS_VERB = re.compile(r"(?:应当?|应该|提倡|推荐|倡导|常|必须|必|要)(?:使用|说|讲|用)的")
#: How the title of an article about phrases starts: 浅谈…, 论…, 关于….
_ARTICLE_TITLE = re.compile(r"(?:浅谈|浅析|谈谈|也谈|试论|略论|论|关于|从)")
_JOINED = re.compile(r"\s*(?:和|与|及|以及|、|/)\s*[\u4e00-\u9fff]{0,4}?")


def kinds_named(title: str) -> set[str]:
    """The kinds a heading names: its last words are a label (三、服务禁语 → prohibited), or two joined
    labels (文明用语与服务禁语 → both). A label before other words names none (服务用语规范, 禁语的危害)."""
    core = _HEADING_TAIL.sub("", fold_script(title).strip())
    if _ARTICLE_TITLE.match(core):
        return set()                              # 浅谈幼儿园教师忌语: an article about them, not a list
    if _NOT_SAID_SET.search(core):
        return {PROHIBITED}                       # 窗口服务“十不说”
    if _SAID_NOUN.search(core) and _NEVER_VERB.search(core) or _NEVER_SAID_TITLE.search(core):
        return {PROHIBITED}                       # 禁止使用的服务用语, 十句不能说的话, 这些话千万别说
    if _SAID_NOUN.search(core) and _ALWAYS_VERB.search(core):
        return {COURTESY}                         # 窗口人员必说的十句话
    if talk_kind(core) == PROHIBITED or avoids_talk(core) or _AVOID_ACT.match(core):
        return {PROHIBITED}                       # 推诿用语, 冷漠用语, 避免使用模糊的措辞: a kind of bad talk, not any …用语
    labels = list(HEADING_LABEL.finditer(core))
    if not labels or labels[-1].end() != len(core):
        named = talk_kind(core)
        return {named} if named else set()        # 推诿性语言, 民族歧视词汇
    kinds = {kind_of(labels[-1])}
    if len(labels) > 1 and _JOINED.fullmatch(core, labels[-2].end(), labels[-1].start()):
        kinds.add(kind_of(labels[-2]))
    return kinds


def avoids_talk(title: str) -> bool:
    """Whether a heading tells to avoid a kind of talk (一、避免指责性言论, 避免过度承诺)."""
    return _AVOID_TALK.fullmatch(_HEADING_TAIL.sub("", fold_script(title).strip())) is not None


def last_cue(text: str, start: int = 0, end: int | None = None) -> str | None:
    """The kind of the last cue in ``text[start:end]``."""
    return decisive(list(CUE.finditer(text, start, len(text) if end is None else end)), text, start)


#: Glyphs that PDF conversions put for the cue words' characters (丌 for 不, 诧 for 语, 觃 for 规, 劢 for 动).
_PDF_GLYPHS = {"丌": "不", "诧": "语", "觃": "规", "劢": "动"}


@cache
def _script_table() -> dict[int, str]:
    return hanzi_folds() | {ord(glyph): target for glyph, target in _PDF_GLYPHS.items()}


def fold_script(text: str) -> str:
    """``text`` in simplified script, one character for one, PDF glyph swaps undone: 禁語, 禁诧 → 禁语."""
    return text.translate(_script_table())
