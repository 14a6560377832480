"""Fuzzing every reader: random bytes, and CSV, JSON, subtitles, TOML and .docx that are nearly right.

Whatever the file holds, each reader gives a result or diagnostics naming the file (an
:class:`InputError` or a lexicon error carries them), never another exception, and within a
bounded time. Inputs are generated here, small and many (hypothesis), never stored.
"""

import io
import json
import re
import signal
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from phrasecheck.config import ConfigError, load_config
from phrasecheck.fixer import fix_text
from phrasecheck.ruletools.extract import extract
from phrasecheck.lexicon.load import LexiconError, load_lexicon, parse_file
from phrasecheck.lint import lint_files
from phrasecheck.matching import Matcher
from phrasecheck.models import Diagnostic, Exchange
from phrasecheck.scoring.scripts import default_script_files, parse_script_file
from phrasecheck.textio import InputError, display_path, read_text
from phrasecheck.transcripts import FORMATS, ReadOptions, iter_exchanges

#: Seconds one input may take in one reader (the slowest seen take a fraction of this).
BOUND = 10


def fuzz(examples: int) -> settings:
    """Hypothesis settings: ``examples`` inputs, no per-example deadline (:func:`bounded` is the time limit)."""
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


MATCHER = Matcher(load_lexicon())


@contextmanager
def bounded(what):
    """Fail ``what`` if it runs longer than :data:`BOUND` seconds (a hang, or runaway work)."""
    def expire(signum, frame):
        raise TimeoutError(f"{what} took longer than {BOUND} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, BOUND)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


def names_the_file(diagnostic, path):
    assert isinstance(diagnostic, Diagnostic) and diagnostic.message
    assert diagnostic.path == display_path(path), diagnostic


def read_with_every_reader(path: Path) -> None:
    """Transcripts (detected, and as every format), check, fix: results or diagnostics naming the file."""
    for input_format in (None, *FORMATS):
        with bounded(f"reading as {input_format or 'detected'}"):
            for item in iter_exchanges(path, ReadOptions(input_format=input_format)):
                if isinstance(item, Diagnostic):
                    names_the_file(item, path)
                else:
                    assert isinstance(item, Exchange) and item.turns and item.source == display_path(path)
    with bounded("check"):
        for item in lint_files(MATCHER, [path]):
            if isinstance(item, Diagnostic):
                names_the_file(item, path)
            else:
                assert 0 < item.line and 0 < item.column
    with bounded("fix"):
        try:
            decoded = read_text(path)
            fixed = fix_text(MATCHER, decoded.text, decoded.path, unsafe=True)
        except InputError as error:
            names_the_file(error.diagnostic, path)
        else:
            assert len(fixed.text.splitlines()) == len(decoded.text.splitlines())


def mutated(data: bytes, draw) -> bytes:
    """``data`` with a few random edits: cut short, bytes put in, taken out or repeated."""
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["cut", "insert", "delete", "repeat"]))
        if edit == "cut":
            data = data[:at]
        elif edit == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
        elif edit == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 16)):]
        else:
            data = data[:at] + data[at:at + 40] * draw(st.integers(2, 5)) + data[at + 40:]
    return data


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
TRICKY = ['"', '""', '"开头', "a,b", "\t", "\r", "\n", "\x00", "\x1b[2J", "=1+1", "9" * 5000, "\ud800", "\\ud83d",
          "00:01:02.5", "2024-03-05", "-->", "坐席：", "市民:", "这事不归我管，你问别人去", "您好", "WEBVTT", "{", "["]
TEXT = st.one_of(st.text(max_size=30), st.sampled_from(TRICKY))


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")


@st.composite
def call_logs(draw) -> tuple[str, bytes]:
    headers = ["通话ID", "角色", "说话人", "内容", "开始时间", "结束时间", "工号", "日期", "声道",
               "call_id", "speaker", "role", "text", "start", "end", "staff_id"]
    delimiter = draw(st.sampled_from([",", "\t", ";", "|"]))
    header = draw(st.lists(st.sampled_from(headers), min_size=1, max_size=7))
    rows = draw(st.lists(st.lists(TEXT, max_size=8), max_size=25))
    text = "\n".join(delimiter.join(row) for row in [header, *rows])
    return draw(st.sampled_from(["log.csv", "log.tsv", "log.txt"])), mutated(encoded(text, draw(ENCODINGS)), draw)


JSON_KEYS = ["id", "turns", "speaker", "role", "text", "start", "end", "start_ms", "staff_id", "date", "channel",
             "sentences", "Sentences", "Result", "SpeakerId", "BeginTime", "EndTime", "Text", "ChannelId", "words",
             "transcripts", "results", "content", "schema", "findings", "breakdown", "grade", "dialogue", "utterances"]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(JSON_KEYS) | st.text(max_size=6), inner, max_size=6),
    max_leaves=40)


@st.composite
def json_files(draw) -> tuple[str, bytes]:
    values = draw(st.lists(JSON_VALUES, min_size=1, max_size=5))
    lines = draw(st.booleans())
    text = "\n".join(json.dumps(v, ensure_ascii=draw(st.booleans())) for v in values) if lines else json.dumps(values, indent=draw(st.sampled_from([None, 2])))
    for fragment in draw(st.lists(st.sampled_from(['9' * 5000, '[' * 3000, '{"a":' * 1500, '"\\ud800"', "NaN", "1e999"]), max_size=2)):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + fragment + text[at:]
    return draw(st.sampled_from(["calls.jsonl", "calls.json", "calls.ndjson"])), mutated(encoded(text, draw(ENCODINGS)), draw)


@st.composite
def subtitles(draw) -> tuple[str, bytes]:
    blocks = []
    for number in range(draw(st.integers(0, 12))):
        timing = draw(st.sampled_from(["00:00:01,000 --> 00:00:02,500", "00:00:01.000 --> 00:00:02.500 align:start",
                                       "99:99:99,999 --> 00:00:00,000", "-->", "1 --> 2", "00:01.000 --> 00:02.000"]))
        lines = draw(st.lists(st.one_of(TEXT, st.sampled_from(["<v 坐席>您好", "- 居民：好的", "<b>这事不归我管</b>"])), max_size=3))
        blocks.append("\n".join([draw(st.sampled_from([str(number + 1), "", "NOTE", "x"])), timing, *lines]))
    text = draw(st.sampled_from(["", "WEBVTT\n\n"])) + "\n\n".join(blocks)
    return draw(st.sampled_from(["call.srt", "call.vtt"])), mutated(encoded(text, draw(ENCODINGS)), draw)


@st.composite
def labelled(draw) -> tuple[str, bytes]:
    lines = [f"{draw(st.sampled_from(['坐席', '市民', '工作人员', '[00:00:01] 坐席', 'A', '']))}："
             f"{draw(TEXT)}" for _ in range(draw(st.integers(0, 15)))]
    return "call.txt", mutated(encoded("\n".join(lines), draw(ENCODINGS)), draw)


@fuzz(300)
@given(data=st.binary(max_size=3000), name=st.sampled_from(["x.txt", "x.csv", "x.json", "x.jsonl", "x.srt", "x.vtt", "x.docx", "x.xlsx", "x"]))
def test_random_bytes(folder, data, name):
    path = folder / name
    path.write_bytes(data)
    read_with_every_reader(path)


@fuzz(300)
@given(st.one_of(call_logs(), json_files(), subtitles(), labelled()))
def test_transcripts_that_are_nearly_right(folder, file):
    name, data = file
    path = folder / name
    path.write_bytes(data)
    read_with_every_reader(path)


#: Pieces of regular expressions: enough to write invalid ones, runaway ones and ones RE2 cannot run.
REGEX_PIECES = st.sampled_from(["(", ")", "+", "*", "?", "{0,5}", "{2,}", "|", ".", "a", "不", "[不没]", "\\\\1",
                                "(?!像)", "(?<=x)", "\\\\b", "\\\\d", "^", "$", "(.+)+", "(a|a)*"])
RULE_KEYS = ["id", "kind", "category", "severity", "phrase", "variants", "suggestion", "sources", "not_before",
             "not_after", "not_before_pattern", "not_after_pattern", "flag", "pass", "unknown"]
TOML_VALUES = st.one_of(
    st.text(max_size=12).map(json.dumps), st.integers().map(str), st.sampled_from(["true", "[]", "{}", "[[[", "1979-05-27"]),
    st.lists(REGEX_PIECES, max_size=8).map(lambda pieces: '"' + "".join(pieces) + '"'),
    st.lists(st.text(max_size=6).map(json.dumps), max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.sampled_from(['[{ doc = "a.txt", article = "一" }]', "[" * 600 + "]" * 600, "{a=" * 400 + "1" + "}" * 400]))


@st.composite
def lexicons(draw) -> bytes:
    rules = []
    for _ in range(draw(st.integers(0, 4))):
        fields = draw(st.dictionaries(st.sampled_from(RULE_KEYS), TOML_VALUES, max_size=10))
        rules.append("[[rule]]\n" + "".join(f"{key} = {value}\n" for key, value in fields.items()))
    return mutated("\n".join(rules).encode(), draw)


SCRIPT = next(path for path in default_script_files() if path.name == "phone.toml").read_bytes()
LEXICON = (Path(__file__).resolve().parents[1] / "lexicons" / "prohibited.toml").read_bytes()


@st.composite
def mutations_of(draw, data: bytes) -> bytes:
    return mutated(data, draw)


@fuzz(150)
@given(st.one_of(lexicons(), mutations_of(SCRIPT), mutations_of(LEXICON)))
def test_rule_and_configuration_files_that_are_nearly_right(folder, data):
    path = folder / "rules.toml"
    path.write_bytes(data)
    with bounded("a lexicon"):
        _, problems, _ = parse_file(path)
        for problem in problems:
            assert problem.path == str(path) and problem.message
        if not problems:
            draft = folder / "draft.txt"
            draft.write_text("这事不归我管，你问别人去\n不知道" + "今天天气很好我们一起去公园散步" + "\n", encoding="utf-8")
            try:
                lexicon = load_lexicon([path], defaults=False)
            except LexiconError as error:  # e.g. a synonym class defined in another file
                assert all(problem.path == str(path) and problem.message for problem in error.diagnostics)
            else:
                list(lint_files(Matcher(lexicon), [draft]))
    with bounded("a script"):
        _, problems = parse_script_file(path)
        assert all(problem.path == str(path) and problem.message for problem in problems)
    with bounded("a configuration"):
        try:
            load_config(explicit=path)
        except ConfigError as error:
            assert all(problem.path == str(path) for problem in error.diagnostics)


def docx_bytes(document_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def a_document(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


#: What XML 1.0 cannot hold (python-docx refuses it while the test builds a document): control characters,
#: surrogates, U+FFFE and U+FFFF.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
PARAGRAPHS = st.lists(st.text(max_size=20).filter(lambda t: not NOT_XML.search(t)), max_size=4)


@st.composite
def documents(draw) -> bytes:
    """A .docx with a few edits to its bytes (mostly a broken zip)."""
    return mutated(a_document(draw(PARAGRAPHS)), draw)


@st.composite
def broken_documents(draw) -> bytes:
    """A sound zip whose document XML is edited: cut short, or with bytes put in or taken out."""
    source = zipfile.ZipFile(io.BytesIO(a_document(draw(PARAGRAPHS))))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            data = source.read(item)
            archive.writestr(item, mutated(data, draw) if item.filename == "word/document.xml" else data)
    return buffer.getvalue()


@fuzz(60)
@given(st.one_of(documents(), broken_documents()))
def test_docx_files_that_are_nearly_right_to_every_text_reader(folder, data):
    path = folder / "rules.docx"
    path.write_bytes(data)
    read_with_every_reader(path)


@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")  # the failing document's repr is long
@fuzz(60)
@given(st.one_of(documents(), broken_documents(), st.text(max_size=200).map(lambda text: docx_bytes("<w:document>" + text))))
def test_docx_files_that_are_nearly_right_to_lexicon_extract(folder, data):
    path = folder / "regulation.docx"
    path.write_bytes(data)
    with bounded("lexicon extract"):
        try:
            extract(path)
        except InputError as error:
            names_the_file(error.diagnostic, path)
