"""`phrasecheck fix`: replace prohibited expressions, keep every other byte, report what it cannot fix."""

from typer.testing import CliRunner

from phrasecheck.cli.app import app

RUNNER = CliRunner()


def test_the_default_is_a_diff_and_the_file_is_untouched(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("您好。\n这事不归我管，你问别人去吧。\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["fix", str(path)])
    assert result.exit_code == 1
    assert "-这事不归我管，你问别人去吧。" in result.output
    assert "+请稍等，我帮您问一下其他社工吧。" in result.output
    assert path.read_text(encoding="utf-8") == "您好。\n这事不归我管，你问别人去吧。\n"


def test_write_keeps_encoding_line_endings_and_everything_else_byte_for_byte(tmp_path):
    original = "第一行：您好！\r\n别罗嗦，快点讲！\r\n第三行 不动。\r\n"
    path = tmp_path / "gb.txt"
    path.write_bytes(original.encode("gb18030"))
    result = RUNNER.invoke(app, ["fix", "--write", str(path)])
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert data == original.replace("别罗嗦，快点讲", "请问您办什么事情").encode("gb18030")


def test_a_bom_survives_a_rewrite(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "我要下班了，你快点。".encode())
    RUNNER.invoke(app, ["fix", "--write", str(path)])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and "我马上给您办手续" in path.read_text(encoding="utf-8-sig")


def test_a_suggestion_with_a_placeholder_is_reported_not_applied(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("这是规定，你懂不懂？\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["fix", "--write", str(path)])
    assert result.exit_code == 1
    assert "无安全替换，未改动" in result.output and "draft.txt:1:1" in result.output
    assert path.read_text(encoding="utf-8") == "这是规定，你懂不懂？\n"


def test_stdin_with_write_prints_the_fixed_text():
    result = RUNNER.invoke(app, ["fix", "--write", "-"], input="不好意思，我不知道。")
    assert result.output.startswith("不好意思，我请稍等，我帮您问一下其他社工。")


def test_a_loose_fuzzy_match_is_reported_and_a_close_one_fixed(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("这个事不贵我们管。\n这事不归我管，你问别人去。\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["fix", "--write", str(path)])
    assert result.exit_code == 1 and "draft.txt:1:1" in result.output
    assert path.read_text(encoding="utf-8") == "这个事不贵我们管。\n请稍等，我帮您问一下其他社工。\n"


def test_the_diff_is_difflibs_where_lines_differ_and_stays_small_where_they_repeat():
    """fix's diff is found line by line (linear): on lines that all differ it is exactly difflib's
    unified diff; on a draft whose lines repeat it still shows only the lines that changed."""
    import difflib
    import random

    from phrasecheck.fixer import unified_diff

    generator = random.Random(5)
    for _ in range(500):
        before = [f"第{i}行：您好" for i in range(generator.randint(1, 40))]
        after = [line if generator.random() < 0.8 else line.replace("您好", "你好") for line in before]
        old, new = "\n".join(before) + "\n", "\n".join(after) + "\n"
        assert unified_diff("p", old, new) == list(difflib.unified_diff(before, after, "p", "p", lineterm=""))
    repeated = "您好。\n我不知道。\n谢谢。\n" * 200
    fixed = repeated.replace("我不知道", "我帮您问一下")
    diff = unified_diff("p", repeated, fixed)
    assert sum(line.startswith("-") for line in diff) == 201  # the 200 changed lines and the "---" header
