"""`lexicon extract` on office files: .docx tables and .xlsx/.csv rule sheets read as tables, and hostile
or broken archives refused by name, in bounded memory, without a traceback."""

from __future__ import annotations

import json
import struct
import tomllib
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from phrasecheck.cli.app import app
from phrasecheck.ruletools.draft import to_toml
from phrasecheck.ruletools.extract import extract
from phrasecheck.lexicon.load import load_lexicon
from phrasecheck.ruletools.sources import read_source
from phrasecheck.safezip import MAX_ENTRY_BYTES
from phrasecheck.textio import InputError

RUNNER = CliRunner()


def phrases(path: Path, kind: str) -> list[tuple[int, str]]:
    return [(p.line, p.text) for p in extract(path).of_kind(kind)]


# --- rule sheets and tables ---------------------------------------------------------------------------

def rule_workbook(path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "服务禁语"
    sheet.append(["序号", "用语", "类别", "建议说法"])
    sheet.append([1, "不归我管，问别人去", "推诿", "请稍等，我帮您问一下"])
    sheet.append([2, "快点讲，别啰嗦", "催促/不耐烦", None])
    scenes = workbook.create_sheet("对照表")
    scenes.append(["场景", "文明用语", "服务禁语"])
    scenes.append(["接待", "您好，请问您办理什么业务？", "喂，干什么的"])
    scenes.append(["等候", "请您稍等，马上为您办理", "等着吧"])
    workbook.save(path)
    return path


def test_a_workbook_rule_sheet_gives_phrases_with_their_category_and_suggestion(tmp_path):
    extraction = extract(rule_workbook(tmp_path / "规则表.xlsx"))
    prohibited = {(p.sheet, p.line, p.text, p.category, p.suggestion) for p in extraction.prohibited}
    assert prohibited == {
        ("服务禁语", 2, "不归我管，问别人去", "推诿", "请稍等，我帮您问一下"),   # kind from the sheet's name
        ("服务禁语", 3, "快点讲，别啰嗦", "催促/不耐烦", ""),
        ("对照表", 2, "喂，干什么的", "接待", ""),                             # kind from the column header
        ("对照表", 3, "等着吧", "等候", ""),
    }
    assert [(p.sheet, p.line, p.text) for p in extraction.courtesy] == [
        ("对照表", 2, "您好，请问您办理什么业务？"), ("对照表", 3, "请您稍等，马上为您办理")]


def test_the_draft_of_a_rule_sheet_keeps_its_categories_and_written_suggestions(tmp_path):
    path = rule_workbook(tmp_path / "规则表.xlsx")
    draft = tmp_path / "draft.toml"
    draft.write_text(to_toml(extract(path), path.name), encoding="utf-8")
    rules = {rule.phrase: rule for rule in load_lexicon([draft], defaults=False).rules}
    assert (rules["不归我管，问别人去"].category, rules["不归我管，问别人去"].suggestion) == ("推诿", "请稍等，我帮您问一下")
    assert rules["快点讲，别啰嗦"].suggestion == "（待填写：文明替代说法）"
    assert rules["您好，请问您办理什么业务？"].category == "接待"


def test_a_csv_rule_sheet_in_gb18030_takes_its_kind_from_a_kind_column(tmp_path):
    path = tmp_path / "用语表.csv"
    path.write_bytes("用语,类型,说明\n我不知道，你问别人,禁语,推诿\n请您稍候,文明用语,\n你自己看墙上,忌语,\n".encode("gb18030"))
    assert phrases(path, "prohibited") == [(2, "我不知道，你问别人"), (4, "你自己看墙上")]
    assert phrases(path, "courtesy") == [(3, "请您稍候")]


def test_a_sheet_whose_kind_is_nowhere_said_gives_nothing(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("用语\n我不知道\n请稍候\n", encoding="utf-8")
    assert extract(path).courtesy == extract(path).prohibited == []


def test_a_table_flattened_with_pipes_is_read_by_its_header(tmp_path):
    path = tmp_path / "table.txt"
    path.write_text("窗口服务用语对照\n场景 | 文明用语 | 服务禁语\n接待 | 您好，请坐 | 干什么的？\n"
                    "咨询 | 请稍等，我帮您查一下 | 不知道，问别人去\n", encoding="utf-8")
    assert phrases(path, "courtesy") == [(3, "您好，请坐"), (4, "请稍等，我帮您查一下")]
    assert phrases(path, "prohibited") == [(3, "干什么的？"), (4, "不知道，问别人去")]


def test_a_docx_table_with_scene_and_kind_columns_and_numbered_cells(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("附件：服务用语")
    table = document.add_table(rows=3, cols=3)
    for row, cells in enumerate([("服务场景", "服务文明用语", "服务禁语"),
                                 ("客户插队时", "1.对不起，请您按顺序排队，谢谢。", "1.排队去！"),
                                 ("临近下班时", "2.您好，请问办理什么业务？", "2.下班了，明天再来。")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    path = tmp_path / "网点用语.docx"
    document.save(path)
    assert read_source(path).lines[5] == "1.对不起，请您按顺序排队，谢谢。"        # line 6: paragraphs row by row
    assert phrases(path, "courtesy") == [(6, "对不起，请您按顺序排队，谢谢"), (9, "您好，请问办理什么业务？")]
    assert phrases(path, "prohibited") == [(7, "排队去！"), (10, "下班了，明天再来")]


def test_the_cli_reads_sheets_and_marks_phrases_the_defaults_cover(tmp_path):
    path = tmp_path / "忌语.csv"
    path.write_text("服务忌语,建议\n下班了，明天再来,请您明天上午再来\n这个流程你自己琢磨去,我帮您想想办法\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["lexicon", "extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)["prohibited"]
    assert [(r["text"], r["covered_by"]) for r in records] == [
        ("下班了，明天再来", "prohibited.curt.closed-come-tomorrow"), ("这个流程你自己琢磨去", None)]
    assert records[1]["suggestion"] == "我帮您想想办法" and records[1]["sheet"] == "忌语"
    # the draft keeps the sheet's own wording for a covered phrase, as the configuration line that applies it
    draft = RUNNER.invoke(app, ["lexicon", "extract", str(path)]).output
    hint = draft[draft.index("# [rules.suggestion]"):].split("\n\n")[0]
    assert tomllib.loads(hint.replace("# ", "")) == {"rules": {"suggestion": {"prohibited.curt.closed-come-tomorrow": "请您明天上午再来"}}}


# --- hostile and broken office files ------------------------------------------------------------------

def small_docx(path: Path, document_xml: bytes | None = None) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("服务禁语：我不管")
    document.save(path)
    if document_xml is not None:
        _replace_entry(path, "word/document.xml", document_xml)
    return path


def _replace_entry(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in entries:
            archive.writestr(info.filename, data if info.filename == name else content)


def _declare_size(path: Path, name: str, size: int) -> None:
    """Rewrite the uncompressed size the zip's headers give for ``name`` (what a lying or huge entry shows)."""
    raw = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = raw.find(signature)
        while start >= 0:
            if raw[start + name_at:start + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", raw, start + size_at, size)
            start = raw.find(signature, start + 4)
    path.write_bytes(bytes(raw))


def test_a_docx_whose_document_inflates_to_2_gib_is_refused_before_inflating(tmp_path):
    path = small_docx(tmp_path / "炸弹.docx")
    _declare_size(path, "word/document.xml", 2 << 30)
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as refused:
            extract(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "炸弹.docx" in str(refused.value) and "解压后过大" in str(refused.value)
    assert peak < 8 << 20


def test_a_real_zip_bomb_is_refused_by_its_compression_ratio(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as entry:
            chunk = b" " * (1 << 20)
            for _ in range(MAX_ENTRY_BYTES >> 21):      # 32 MiB of spaces: a few dozen kB compressed
                entry.write(chunk)
    with pytest.raises(InputError, match="压缩比异常"):
        extract(path)


def test_an_entry_that_understates_its_size_stops_at_the_stated_size(tmp_path):
    path = small_docx(tmp_path / "lying.docx", b"<?xml version='1.0'?>" + b" " * (8 << 20))
    _declare_size(path, "word/document.xml", 1024)
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="lying.docx.*与目录不符"):
            extract(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20


def test_malformed_xml_in_a_docx_or_xlsx_is_an_input_error_naming_the_file(tmp_path):
    broken_docx = small_docx(tmp_path / "broken.docx", b"<w:document><w:body><w:p>")
    with pytest.raises(InputError, match="broken.docx"):
        extract(broken_docx)
    broken_xlsx = rule_workbook(tmp_path / "broken.xlsx")
    _replace_entry(broken_xlsx, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row>")
    with pytest.raises(InputError, match="broken.xlsx"):
        extract(broken_xlsx)


@pytest.mark.parametrize("name", ["bomb.docx", "notzip.xlsx", "broken.docx"])
def test_the_cli_exits_2_naming_the_file_and_goes_on_with_the_others(tmp_path, name):
    path = tmp_path / name
    if name == "bomb.docx":
        small_docx(path)
        _declare_size(path, "word/document.xml", 2 << 30)
    elif name == "broken.docx":
        small_docx(path, b"<w:document")
    else:
        path.write_bytes(b"PK\x03\x04 not really a zip")
    good = tmp_path / "good.txt"
    good.write_text("服务禁语：我不管；你去问别人\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["lexicon", "extract", str(path), str(good), "--format", "json"])
    assert result.exit_code == 2
    assert name in result.stderr and "Traceback" not in result.output + result.stderr
    assert json.loads(result.stdout.splitlines()[-1])["prohibited"][0]["text"] == "我不管"


# --- where the command writes -------------------------------------------------------------------------

def rule_text(path: Path, phrases: str = "我不管；你去问别人") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"服务禁语：{phrases}\n", encoding="utf-8")
    return path


def test_json_goes_to_the_out_file_and_to_one_file_a_document_in_an_out_folder(tmp_path):
    """An outside trial's `-f json -o t.json` printed the JSON and wrote nothing."""
    doc, other = rule_text(tmp_path / "a.txt"), rule_text(tmp_path / "b.txt", "下班了")
    result = RUNNER.invoke(app, ["lexicon", "extract", str(doc), "-f", "json", "-o", str(tmp_path / "t.json")])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["prohibited"][0]["text"] == "我不管"
    folder = tmp_path / "drafts"
    folder.mkdir()
    result = RUNNER.invoke(app, ["lexicon", "extract", str(doc), str(other), "-f", "json", "-o", str(folder)])
    assert result.exit_code == 0 and result.stdout == ""
    assert sorted(path.name for path in folder.iterdir()) == ["a.json", "b.json"]
    assert json.loads((folder / "b.json").read_text(encoding="utf-8"))["prohibited"][0]["text"] == "下班了"


def test_documents_of_one_name_get_drafts_and_rule_ids_of_their_own(tmp_path):
    """An outside trial's 10-bank-rules.xlsx and 10-bank-rules.csv were both drafted to 10-bank-rules.toml, the
    second silently overwriting the first, and with the same rule ids; a file given twice was drafted twice."""
    sheet = tmp_path / "bank.csv"
    sheet.write_text("服务禁语\n这个流程你自己琢磨去\n", encoding="utf-8")
    docs = [sheet, rule_text(tmp_path / "bank.txt", "这个流程你自己琢磨去"), rule_text(tmp_path / "一" / "禁语.txt"),
            rule_text(tmp_path / "二" / "禁语.txt", "下班了"), rule_text(tmp_path / "plain.txt", "急什么")]
    folder = tmp_path / "drafts"
    folder.mkdir()
    again = tmp_path / "一" / ".." / "plain.txt"
    result = RUNNER.invoke(app, ["lexicon", "extract", *map(str, docs), str(again), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"{again}: 重复给出，只提取一次 / given more than once: drafted once" in result.stderr
    drafts = {path.stem: path for path in folder.iterdir()}
    assert sorted(drafts) == ["bank-csv", "bank-txt", "plain", "禁语-txt", "禁语-txt-2"]
    assert "急什么" in drafts["plain"].read_text(encoding="utf-8")      # names without a clash stay as they were
    assert "下班了" in drafts["禁语-txt-2"].read_text(encoding="utf-8")  # in the order given
    rules = load_lexicon(list(drafts.values()), defaults=False).rules
    assert len({rule.id for rule in rules}) == len(rules)
    assert {rule.id for rule in rules} >= {"draft.bank-csv.prohibited.001", "draft.bank-txt.prohibited.001"}


def test_one_document_and_an_out_name_ending_in_a_slash_writes_into_that_folder(tmp_path):
    """A review: `-o newdir/` with one document wrote a file named newdir."""
    doc = rule_text(tmp_path / "a.txt")
    result = RUNNER.invoke(app, ["lexicon", "extract", str(doc), "-o", f"{tmp_path / 'newdir'}/"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "newdir").is_dir() and [path.name for path in (tmp_path / "newdir").iterdir()] == ["a.toml"]


def test_an_out_folder_that_does_not_exist_is_made_or_its_failure_said(tmp_path):
    """An outside trial's `-o multi` with several documents said they need --out DIR, as if none were given."""
    docs = [str(rule_text(tmp_path / "a.txt")), str(rule_text(tmp_path / "b.txt", "下班了"))]
    folder = tmp_path / "new" / "drafts"
    result = RUNNER.invoke(app, ["lexicon", "extract", *docs, "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in folder.iterdir()) == ["a.toml", "b.toml"]
    blocked = tmp_path / "a.txt" / "drafts"
    result = RUNNER.invoke(app, ["lexicon", "extract", *docs, "-o", str(blocked)])
    assert result.exit_code == 2 and f"无法创建目录 {blocked} / cannot create the directory {blocked}: " in result.stderr
    assert not (tmp_path / "a.txt").is_dir()


# --- formats told by their first bytes ----------------------------------------------------------------

OLD_OFFICE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
ASCII_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\nBT (hello world) Tj ET\n%%EOF\n"


OLD_OFFICE_SAID = ("Word/Excel 97–2003 格式（.doc、.xls）不能读取，请另存为 .docx、.xlsx 或 .txt / Word and Excel 97–2003 "
                   "files (.doc, .xls) are not read: save it as .docx, .xlsx or .txt")
PDF_SAID = "PDF 文件不能读取，请把其中的文字复制到 .txt 文件 / PDF files are not read: copy its text into a .txt file"


@pytest.mark.parametrize("name, data, message", [
    ("规范.doc", OLD_OFFICE, OLD_OFFICE_SAID), ("禁语.xls", OLD_OFFICE, OLD_OFFICE_SAID), ("old.docx", OLD_OFFICE, OLD_OFFICE_SAID),
    ("rules.pdf", ASCII_PDF, PDF_SAID), ("rules.txt", ASCII_PDF, PDF_SAID), ("lead.pdf", b"\n\n" + ASCII_PDF, PDF_SAID),
])
def test_old_office_files_and_pdfs_are_refused_by_their_first_bytes_saying_what_to_do(tmp_path, name, data, message):
    """An outside trial's .doc, .xls and PDF gave only "not a text file", and an all-ASCII PDF an empty draft."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as refused:
        extract(path)
    assert str(refused.value) == f"{path}: {message}"
    result = RUNNER.invoke(app, ["lexicon", "extract", "-"], input=data)
    assert result.exit_code == 2 and result.stderr == f"<stdin>: {message}\n"


def test_a_text_that_names_pdf_at_its_start_is_read(tmp_path):
    """An independent review: a note opening with %PDF (a conversion note) was refused as a PDF; a PDF says its version."""
    path = tmp_path / "note.txt"
    path.write_text("%PDF 转换说明：以下为原文\n服务禁语：不知道、没办法。\n", encoding="utf-8")
    assert [text for _, text in phrases(path, "prohibited")] == ["不知道", "没办法"]


def test_a_docx_or_xlsx_renamed_doc_or_xls_is_read_by_its_content(tmp_path):
    document = small_docx(tmp_path / "a.docx")
    document.rename(tmp_path / "a.doc")
    assert phrases(tmp_path / "a.doc", "prohibited") == [(1, "我不管")]
    rule_workbook(tmp_path / "b.xlsx").rename(tmp_path / "b.xls")
    assert ("服务禁语", 2, "不归我管，问别人去") in {(p.sheet, p.line, p.text) for p in extract(tmp_path / "b.xls").prohibited}
    other = tmp_path / "slides.txt"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("ppt/presentation.xml", "<p/>")
    with pytest.raises(InputError, match="压缩包，不是 .docx 或 .xlsx，不能读取 / a zip archive, not a .docx or .xlsx: not read"):
        extract(other)


@pytest.mark.parametrize("text", ["", "\n\n  \n", "本规定自发布之日起施行。\n"])
def test_a_document_without_phrases_is_said_to_have_none_and_still_drafted(tmp_path, text):
    """An outside trial's empty file, blank lines and a line of no phrase each gave a silent empty draft."""
    path = tmp_path / "empty.txt"
    path.write_text(text, encoding="utf-8")
    result = RUNNER.invoke(app, ["lexicon", "extract", str(path)])
    assert result.exit_code == 0 and "[lexicon]" in result.stdout
    assert result.stderr == f"{path}: 未找到文明用语或服务禁语 / no courtesy or prohibited phrases found\n"
    assert RUNNER.invoke(app, ["lexicon", "extract", str(rule_text(tmp_path / "a.txt"))]).stderr == ""


def test_a_prohibited_phrase_of_one_character_is_kept_but_warned_of_at_its_line_and_in_the_draft(tmp_path):
    """An outside trial's 杜绝“七不”，即：“不”、“不知道”… gave the rule 不, silently: it flags 不 nearly anywhere."""
    path = tmp_path / "seven.txt"
    path.write_text("一、服务禁语\n杜绝“七不”，即：“不”、“不会”、“这个流程你自己琢磨去”等。\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["lexicon", "extract", str(path)])
    said = ("禁用语“不”只有一个字，会在许多无关的句子里标出“不”；除非确实禁用这个字，请删去 / the prohibited phrase “不” is one "
            "character and flags “不” in many unrelated sentences: keep it only if that word itself is banned")
    assert result.exit_code == 0 and result.stderr == f"{path}:2: {said}\n"
    rule = next(block for block in result.stdout.split("\n\n") if 'phrase = "不"\n' in block)  # kept, the warning above it
    assert rule.startswith(f"# {said}\n[[rule]]\n")
    assert result.stdout.count("一个字") == 1                # 不会 is two characters
    draft = tmp_path / "seven.toml"
    draft.write_text(result.stdout, encoding="utf-8")
    assert "不" in {rule.phrase for rule in load_lexicon([draft], defaults=False).rules}
