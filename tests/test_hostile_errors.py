"""Broken configuration, stores and disks: exit status 2 and a message naming the file, never a traceback."""

import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from phrasecheck import tomlfile
from phrasecheck.cli.app import app
from test_batch_support import SRC, cli_command, write_logs


def run(*args, input=None):
    """The command's result; it must end with an exit status, never with an exception."""
    result = CliRunner().invoke(app, list(map(str, args)), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def test_a_configuration_nested_thousands_deep_is_a_clean_error_for_every_command_below_it(tmp_path, monkeypatch):
    config = tmp_path / "phrasecheck.toml"
    (tmp_path / "work").mkdir()
    draft = tmp_path / "work" / "draft.txt"
    draft.write_text("坐席：您好\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "work")
    for nested in ("a = " + "[" * 2000 + "]" * 2000, "a = " + "{b=" * 2000 + "1" + "}" * 2000):
        config.write_text(nested + "\n", encoding="utf-8")
        for command in (["check", draft], ["fix", draft], ["score", draft], ["show", draft], ["config"],
                        ["batch", draft, "--db", tmp_path / "r.db"], ["lexicon", "check"]):
            result = run(*command)
            assert result.exit_code == 2 and f"{config}: TOML 嵌套过深 / TOML nested too deeply" in result.output, command


def test_a_lexicon_file_too_big_or_nested_too_deep_is_reported_at_its_name(tmp_path, monkeypatch):
    deep = tmp_path / "deep.toml"
    deep.write_text("[[rule]]\nid = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    monkeypatch.setattr(tomlfile, "MAX_TOML_BYTES", 1 << 20)
    big = tmp_path / "big.toml"
    big.write_text("# 注释\n" * 200_000, encoding="utf-8")
    for path, message in ((deep, "nested too deeply"), (big, "larger than 1 MiB")):
        result = run("lexicon", "check", path)
        assert result.exit_code in (1, 2) and f"{path}" in result.output and message in result.output
        result = run("check", "--lexicon", path, "-", input="您好\n")
        assert result.exit_code == 2 and message in result.output


def read_only(path):
    """Make ``path`` (a file or folder) read-only, even for root (who ignores permission bits): chattr +i."""
    if os.geteuid() != 0:
        path.chmod(0o555 if path.is_dir() else 0o444)
        return lambda: path.chmod(0o755 if path.is_dir() else 0o644)
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root, and chattr cannot make the file read-only here")
    return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)


def with_limited_file_size(limit):
    """For a subprocess: files it writes may not grow past ``limit`` bytes (as on a full disk; EFBIG, not a signal)."""
    def limit_writes():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return limit_writes


def cli(*args, limit=None, cwd=None):
    result = subprocess.run(cli_command(*map(str, args)), capture_output=True, text=True, timeout=300, cwd=cwd,
                            preexec_fn=with_limited_file_size(limit) if limit else None,
                            env={**os.environ, "PHRASECHECK_CACHE": "off"})
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store of 60 calls, and its logs."""
    folder = tmp_path_factory.mktemp("store")
    write_logs(folder / "logs", 60, 20)
    assert run("batch", folder / "logs", "--db", folder / "r.db", "--workers", 1).exit_code == 0
    return folder


def test_a_store_that_is_not_a_phrasecheck_store_or_is_damaged_is_named(tmp_path, store):
    broken = {"garbage.db": os.urandom(10_000)}
    half = sqlite3.connect(tmp_path / "half.db")
    half.executescript("CREATE TABLE runs (id INTEGER PRIMARY KEY); PRAGMA user_version = 1;")
    half.close()
    damaged = bytearray((store / "r.db").read_bytes())
    damaged[8192:16384] = b"\xff" * 8192
    broken["damaged.db"] = bytes(damaged)
    for name, data in broken.items():
        (tmp_path / name).write_bytes(data)
    for name in ("garbage.db", "half.db", "damaged.db"):
        db = tmp_path / name
        for command in (["batch", store / "logs", "--db", db, "--workers", 1, "--out", tmp_path / "o.csv"],
                        ["report", "--db", db, "--out", tmp_path / "o.csv"]):
            result = run(*command)
            assert result.exit_code == 2 and f"{db}:" in result.output and "store" in result.output, (name, command)


def test_a_read_only_store_is_a_clean_error_for_batch(tmp_path, store):
    db = tmp_path / "r.db"
    shutil.copy(store / "r.db", db)
    write_logs(tmp_path / "logs", 30, 10, seed=9)  # calls the store does not hold, so the batch must write
    undo = read_only(db)
    try:
        result = run("batch", tmp_path / "logs", "--db", db, "--workers", 1)
    finally:
        undo()
    assert result.exit_code == 2 and f"{db}:" in result.output and "readonly" in result.output


def test_report_reads_a_store_in_a_read_only_folder_without_writing_beside_it(tmp_path, store):
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(store / "r.db", folder / "r.db")
    before = (folder / "r.db").read_bytes()
    undo = read_only(folder)
    try:
        result = run("report", "--db", folder / "r.db", "--out", tmp_path / "staff.csv")
    finally:
        undo()
    assert result.exit_code == 0, result.output
    assert "A001" in result.stdout and (tmp_path / "staff.csv").exists()
    assert sorted(p.name for p in folder.iterdir()) == ["r.db"] and (folder / "r.db").read_bytes() == before


def test_a_full_disk_under_the_store_or_the_outputs_is_a_clean_error(tmp_path, store):
    write_logs(tmp_path / "logs", 400, 100)
    result = cli("batch", tmp_path / "logs", "--db", tmp_path / "r.db", "--workers", 1, limit=200_000)
    assert result.returncode == 2 and f"{tmp_path / 'r.db'}:" in result.stderr and "store" in result.stderr
    result = cli("batch", tmp_path / "logs", "--db", tmp_path / "r2.db", "--workers", 2, limit=200_000)
    assert result.returncode == 2 and f"{tmp_path / 'r2.db'}:" in result.stderr
    wide = tmp_path / "wide"  # calls whose rows are long: the outputs outgrow the limit, the store is only read
    wide.mkdir()
    said = ["这事不归我管，你问别人去。", "别啰嗦，快点讲！", "不知道，你自己去查。", "我要下班了，你快点。"]
    rng = random.Random(3)
    (wide / "calls.jsonl").write_text("".join(json.dumps({"id": f"c{n}", "staff_id": f"A{n:04d}", "turns": [
        {"speaker": "坐席", "role": "staff", "text": "".join(rng.choice(said) for _ in range(40))}]}, ensure_ascii=False)
        + "\n" for n in range(400)), encoding="utf-8")
    assert cli("batch", wide, "--db", tmp_path / "wide.db", "--workers", 1).returncode == 0
    result = cli("report", "--by", "staff", "--db", tmp_path / "wide.db", "--out", tmp_path / "calls.csv", limit=40_000)
    assert result.returncode == 2 and f"{tmp_path / 'calls.csv'}: 无法写入 / cannot write" in result.stderr
    result = cli("report", "--by", "staff", "--db", tmp_path / "wide.db", "--out", tmp_path / "calls.xlsx", limit=40_000)
    assert result.returncode == 2  # the output, or the temporary files SQLite sorts the violations in
    assert not list(tmp_path.glob("*calls.*"))  # no output, not even half of one


DRAFT = "您好。\n这事不归我管，你问别人去。\n"
FIXED = "您好。\n请稍等，我帮您问一下别的同志。\n"


def test_fix_write_on_a_full_disk_or_a_read_only_folder_leaves_the_draft_as_it_was(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT * 200, encoding="utf-8")
    result = cli("fix", "--write", draft, limit=4096)
    assert result.returncode == 2 and f"{draft}: 无法写入，未修改 / cannot write" in result.stderr
    assert draft.read_text(encoding="utf-8") == DRAFT * 200 and os.listdir(tmp_path) == ["draft.txt"]
    undo = read_only(tmp_path)
    try:
        result = run("fix", "--write", draft)
    finally:
        undo()
    assert result.exit_code == 2 and "cannot write" in result.output
    assert draft.read_text(encoding="utf-8") == DRAFT * 200 and os.listdir(tmp_path) == ["draft.txt"]


def test_fix_write_killed_while_writing_leaves_no_temporary_file(tmp_path):
    """SIGXFSZ (a write past the file size limit; Python ignores it unless told) kills the process mid-write,
    as kill -9 would: no cleanup runs. A named temporary file was left behind."""
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT * 2000, encoding="utf-8")

    def limit_and_die():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    code = (f"import signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_DFL); sys.path.insert(0, {SRC!r}); "
            "from phrasecheck.cli.app import main; main()")
    killed = subprocess.run([sys.executable, "-c", code, "fix", "--write", str(draft)], preexec_fn=limit_and_die,
                            capture_output=True, env={**os.environ, "PHRASECHECK_CACHE": "off"}, timeout=120)
    assert killed.returncode == -signal.SIGXFSZ
    assert os.listdir(tmp_path) == ["draft.txt"] and draft.read_text(encoding="utf-8") == DRAFT * 2000


def test_fix_write_keeps_a_missing_byte_order_mark_missing_and_a_present_one_present(tmp_path):
    for encoding, bom in (("utf-16-le", b""), ("utf-16-be", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        draft = tmp_path / "draft.txt"
        draft.write_bytes(bom + DRAFT.encode(encoding))
        assert run("fix", "--write", draft).exit_code == 0
        assert draft.read_bytes() == bom + FIXED.encode(encoding), (encoding, bom)


def test_fix_write_through_a_link_rewrites_the_file_it_names(tmp_path):
    (tmp_path / "drafts").mkdir()
    target = tmp_path / "drafts" / "draft.txt"
    target.write_text(DRAFT, encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert run("fix", "--write", link).exit_code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8") == FIXED
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(tmp_path / "drafts")) == ["draft.txt"]


def test_a_prohibited_phrase_never_spans_a_line_break_so_fix_never_joins_lines(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("我也不？\n知道。\n这事不归\n我管。\n", encoding="utf-8")
    assert run("check", draft).stdout.count("禁用语[") == 0
    result = run("fix", "--write", draft)
    assert result.exit_code == 0 and draft.read_text(encoding="utf-8") == "我也不？\n知道。\n这事不归\n我管。\n"


def test_a_damaged_cache_is_rebuilt_or_read_safely(tmp_path):
    """The cached folding tables and word trie (~/.cache/phrasecheck) may be damaged, or replaced by anyone who can
    write there: whatever they hold, check and score give a result."""
    draft = tmp_path / "draft.txt"
    draft.write_text("这事不归我管，你问别人去\n我不知道啊\n", encoding="utf-8")
    cache = tmp_path / "cache"
    env = {"PHRASECHECK_CACHE": str(cache)}
    expected = cli_with(env, "check", "--format", "json", draft).stdout
    tables, trie = sorted(cache.glob("tables-*")), sorted(cache.glob("words-*"))
    assert tables and trie
    import marisa_trie
    zero = marisa_trie.RecordTrie("<I", [(word, (0,)) for word in ("我不", "不知", "这事不", "事不归", "人去")])
    damages = {  # (the folding tables, the word trie)
        "random bytes": lambda path: path.write_bytes(os.urandom(5000)),
        "cut short": lambda path: path.write_bytes(path.read_bytes()[:100]),
        "nested deep": lambda path: path.write_text("[" * 100_000 + "]" * 100_000),
        "another shape": lambda path: path.write_text('{"char": ["ab", "c"], "pinyin": 3}'),
        "too big": lambda path: os.truncate(path, 1 << 30),
        "a folder": lambda path: (path.unlink(), path.mkdir()),
        "a FIFO": lambda path: (path.unlink(), os.mkfifo(path)),
        "zero frequencies": lambda path: path.write_bytes((0).to_bytes(8, "little") + zero.tobytes()),
    }
    good = {path: path.read_bytes() for path in tables + trie}
    names = list(damages)
    for table_damage, trie_damage in zip(names, names[1:] + names[:1]):  # every damage to each file, two at a time
        for path, data in good.items():
            if path.is_dir():
                path.rmdir()
            elif path.exists() or path.is_fifo():
                path.unlink()
            path.write_bytes(data)
            damages[table_damage if path in tables else trie_damage](path)
        result = cli_with(env, "check", "--format", "json", draft)
        assert result.returncode == 1, (table_damage, trie_damage, result.stderr)
        if "zero frequencies" != trie_damage:  # a trie that loads: words cut differently, still a result
            assert result.stdout == expected, (table_damage, trie_damage)
    assert cli_with(env, "score", draft).returncode == 0


def cli_with(env, *args):
    result = subprocess.run(cli_command(*map(str, args)), capture_output=True, text=True, timeout=120,
                            env={**os.environ, **env})
    assert "Traceback" not in result.stderr, result.stderr
    return result
