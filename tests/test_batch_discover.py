"""Which files a batch reads: directories, globs, order, hidden and temporary files, outputs, missing inputs."""

import os

from phrasecheck.batch.dates import bound
from phrasecheck.transcripts.dates import iso_date
from phrasecheck.batch.discover import InputFile, _may_repeat, discover, is_skipped
from phrasecheck.models import Diagnostic


def touch(folder, *names):
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("坐席：您好\n", encoding="utf-8")


def paths(items):
    return [os.path.relpath(item.path) if isinstance(item, InputFile) else item for item in items]


def test_directories_are_walked_recursively_in_sorted_order(tmp_path, monkeypatch):
    touch(tmp_path, "b/2.txt", "b/10.txt", "a.jsonl", "c/d/e.csv")
    monkeypatch.chdir(tmp_path)
    assert paths(discover(["."])) == ["a.jsonl", "b/10.txt", "b/2.txt", "c/d/e.csv"]


def test_hidden_temporary_and_non_transcript_files_are_skipped_inside_directories(tmp_path, monkeypatch):
    touch(tmp_path, "ok.txt", ".hidden.txt", ".git/x.txt", "~$calls.xlsx", "draft.txt~", "log.jsonl.part",
          "report.html", "results.db", "call.wav", "notes.tmp", "draft.docx", "calls.xlsx")
    monkeypatch.chdir(tmp_path)
    assert paths(discover(["."])) == ["calls.xlsx", "ok.txt"]  # an .xlsx call log is read (issue 15)


def test_an_archive_inside_a_directory_or_a_glob_is_skipped_with_a_warning_naming_it(tmp_path, monkeypatch):
    """A supervisor's trial: a zip of ten calls among the logs vanished with no error and no warning."""
    touch(tmp_path, "ok.txt", "W204_第四周补传.zip", "logs/old.7z", ".hidden.zip")
    monkeypatch.chdir(tmp_path)
    found = paths(discover(["."]))
    assert found[1] == "ok.txt" and len(found) == 3
    warned = [(os.path.normpath(item.path), item.level) for item in found if isinstance(item, Diagnostic)]
    assert warned == [("W204_第四周补传.zip", "warning"), ("logs/old.7z", "warning")]
    assert all("请先解压" in item.message for item in found if isinstance(item, Diagnostic))
    [globbed] = discover(["*.zip"])
    assert isinstance(globbed, Diagnostic) and globbed.level == "warning"


def test_a_named_file_is_always_read(tmp_path, monkeypatch):
    touch(tmp_path, "odd.bak")
    monkeypatch.chdir(tmp_path)
    assert paths(discover(["odd.bak"])) == ["odd.bak"]


def test_globs_expand_sorted_and_recursively(tmp_path, monkeypatch):
    touch(tmp_path, "m1/a.csv", "m1/b.txt", "m2/c.csv", "m2/.d.csv")
    monkeypatch.chdir(tmp_path)
    assert paths(discover(["**/*.csv"])) == ["m1/a.csv", "m2/c.csv"]


def test_each_file_is_read_once_in_the_order_given(tmp_path, monkeypatch):
    touch(tmp_path, "x/1.txt", "x/2.txt")
    monkeypatch.chdir(tmp_path)
    assert paths(discover(["x/2.txt", "x", "./x/1.txt"])) == ["x/2.txt", "x/1.txt"]


def test_outputs_are_never_read(tmp_path, monkeypatch):
    touch(tmp_path, "in/a.jsonl", "in/results.jsonl", "in/results.csv")
    monkeypatch.chdir(tmp_path)
    assert paths(discover(["in"], exclude=["in/results.jsonl", "in/results.csv"])) == ["in/a.jsonl"]


def test_missing_inputs_and_empty_globs_become_errors_and_the_rest_goes_on(tmp_path, monkeypatch):
    touch(tmp_path, "a.txt")
    monkeypatch.chdir(tmp_path)
    items = list(discover(["nope.txt", "*.csv", "a.txt"]))
    assert [type(item) for item in items] == [Diagnostic, Diagnostic, InputFile]
    assert items[0].path == "nope.txt" and "不存在" in items[0].message
    assert items[1].path == "*.csv" and "没有匹配" in items[1].message
    assert items[2].size == os.path.getsize("a.txt")


def test_is_skipped():
    assert is_skipped(".DS_Store") and is_skipped("~$book.xlsx") and is_skipped("a.swp") and is_skipped("A.WAV")
    assert not is_skipped("calls.csv") and not is_skipped("call-0001") and not is_skipped("录音转写.txt")
    assert is_skipped("A001_phone.txt-lock") and not is_skipped("lock.txt")   # a store's lock beside a log named as --db
    assert is_skipped("通话.2024.MP3") and not is_skipped("wav") and not is_skipped("notes.") and not is_skipped("a.mp3.txt")


def test_dates_from_logs_become_iso():
    assert iso_date("2024-3-5") == iso_date("2024/03/05 10:22:01") == iso_date("2024年3月5日") == "2024-03-05"
    assert iso_date("20240305") == "2024-03-05"
    assert iso_date("2024-02-30") is None and iso_date("昨天") is None and iso_date(None) is None
    assert iso_date("1709600000") is not None
    # a call record's time of day; a Unix or zoned time dated in Beijing, whatever the machine's zone (outside trial)
    assert iso_date("20240305102200") == iso_date("202403051022") == "2024-03-05"
    assert iso_date("1709658000") == iso_date("1709658000000") == "2024-03-06"      # 01:00 in Beijing
    assert iso_date("2024-03-04T17:00:00Z") == "2024-03-05" and iso_date("2024-03-04 17:00:00+08:00") == "2024-03-04"
    assert iso_date("2024/03/04 17:00:00Z") == iso_date("2024-03-04 17:00:00 +00:00") == "2024-03-05"
    assert iso_date("2024-03-04T17:00:00-05:00") == "2024-03-05" and iso_date("2024-13-04T17:00:00Z") is None
    # what spreadsheets and other exports write (an independent supervisor's review): a date serial, a month's name,
    # a Unix time with a fraction; a day and month in either order is no date
    assert iso_date("45356") == iso_date("45356.4166") == iso_date("Tue Mar 05 2024") == iso_date("Mar 5, 2024") == "2024-03-05"
    assert iso_date("5 March 2024") == iso_date("05-Mar-2024") == "2024-03-05" and iso_date("1709312400.5") == "2024-03-02"
    assert iso_date("03/05/2024") is None and iso_date("12345") is None and iso_date("Foo 5 2024") is None


def test_since_and_until_bounds():
    assert bound("2024-03", end=False) == "2024-03-01"
    assert bound("2024-02", end=True) == "2024-02-29"
    assert bound("2024-12", end=True) == "2024-12-31"
    assert bound("2024/3/5", end=True) == "2024-03-05"


def test_files_reached_twice_are_read_once_and_disjoint_inputs_need_no_memory_of_them(tmp_path, monkeypatch):
    touch(tmp_path, "a/1.txt", "a/b/2.txt", "c/3.txt")
    monkeypatch.chdir(tmp_path)
    assert paths(discover(["a", "a/b"])) == ["a/1.txt", "a/b/2.txt"]
    assert paths(discover(["a/b", "a"])) == ["a/b/2.txt", "a/1.txt"]
    assert paths(discover(["a", "./a"])) == ["a/1.txt", "a/b/2.txt"]
    assert paths(discover(["**"])) == ["a/1.txt", "a/b/2.txt", "c/3.txt"]
    assert not _may_repeat(["a", "c"]) and not _may_repeat(["a/1.txt", "c/3.txt"])
    assert _may_repeat(["c", "c/3.txt"]) and _may_repeat(["a/*.txt"])


def test_identity_is_the_real_path_through_links_and_linked_folders_are_not_followed(tmp_path, monkeypatch):
    touch(tmp_path, "real/a.txt", "real/sub/b.txt", "elsewhere/c.txt")
    (tmp_path / "real" / "link.txt").symlink_to(tmp_path / "elsewhere" / "c.txt")
    (tmp_path / "real" / "linked-folder").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "alias").symlink_to(tmp_path / "real", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    found = list(discover(["alias"]))
    assert paths(found) == ["alias/a.txt", "alias/link.txt", "alias/sub/b.txt"]
    assert [file.key for file in found] == [os.path.realpath(name) for name in ("real/a.txt", "elsewhere/c.txt",
                                                                                 "real/sub/b.txt")]
    assert [file.size for file in found] == [os.path.getsize("real/a.txt")] * 3
    assert paths(discover(["real", "alias/sub/b.txt", "elsewhere"])) == ["real/a.txt", "real/link.txt", "real/sub/b.txt"]


def test_a_link_to_a_file_the_walk_reads_itself_is_not_read_again(tmp_path, monkeypatch):
    touch(tmp_path, "logs/a.json", "logs/.hidden/h.json", "elsewhere/e.json")
    (tmp_path / "logs/sub").mkdir()
    (tmp_path / "logs/sub/absolute.json").symlink_to(tmp_path / "logs/a.json")
    (tmp_path / "logs/sub/relative.json").symlink_to("../a.json")
    (tmp_path / "logs/sub/to-hidden.json").symlink_to(tmp_path / "logs/.hidden/h.json")  # the walk skips the target
    (tmp_path / "logs/sub/outside.json").symlink_to(tmp_path / "elsewhere/e.json")
    (tmp_path / "logs/sub/broken.json").symlink_to(tmp_path / "logs/gone.json")  # read, and reported as unreadable
    monkeypatch.chdir(tmp_path)
    found = list(discover(["logs"]))
    assert paths(found) == ["logs/a.json", "logs/sub/broken.json", "logs/sub/outside.json", "logs/sub/to-hidden.json"]
    assert len({file.key for file in found}) == len(found)
