"""A built engine kept on disk scores and checks exactly as one built afresh, and is rebuilt when its rules change."""

import io
import pickle
import re
from pathlib import Path

import pytest

from phrasecheck import Engine, enginecache
from phrasecheck.config import Config
from phrasecheck.literals import Prefilter
from phrasecheck.report.score_json import score_document

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
RULE = """[[rule]]
id = "local.slow"
kind = "prohibited"
category = "impatience"
severity = "high"
phrase = "{phrase}"
suggestion = "请您慢慢说"
sources = [{{ doc = "本站服务规范", article = "第三条" }}]
"""


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PHRASECHECK_CACHE", str(folder))
    return folder


def _engines(cache: Path) -> list[Path]:
    return sorted(cache.glob("engine-*.pickle"))


def _sample(tmp_path: Path) -> Path:
    lines = (CORPORA / "stc3-weibo-helpdesk" / "dialogues.jsonl").read_text(encoding="utf-8").splitlines()[:60]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sample


def _document(engine: Engine, path: Path, lang: str) -> dict:
    """The score-v1 document of a file's calls, worded in ``lang``."""
    scored = engine.score(path)
    return score_document(scored.cards, scored.problems, engine.version, lang)


def _rules(engine: Engine, text: str) -> list[str]:
    return [found.finding.rule for found in engine.check(text).findings]


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")
def test_a_loaded_scorer_scores_real_calls_as_one_built_afresh(cache, tmp_path, monkeypatch):
    Engine().load()  # builds and keeps it
    assert len(_engines(cache)) == 1
    monkeypatch.setattr(Config, "matcher", lambda *a, **k: pytest.fail("built again instead of loaded"))
    loaded = Engine().load()
    monkeypatch.undo()
    monkeypatch.setenv("PHRASECHECK_CACHE", "off")
    fresh = Engine().load()
    sample = _sample(tmp_path)
    for lang in ("zh", "en"):
        assert _document(loaded, sample, lang) == _document(fresh, sample, lang)
    assert loaded.score(sample).cards and not loaded.score(sample).problems
    draft = (EXAMPLES / "draft.txt").read_text(encoding="utf-8")
    assert loaded.check(draft) == fresh.check(draft) and loaded.check(draft).findings
    assert loaded.version == fresh.version


def test_a_loaded_matcher_checks_as_one_built_afresh(cache, monkeypatch):
    text = "这事不归我管，你问别人去。咋又是你，烦不烦啊，我都说了八百遍了！您好，请稍等。"
    first = Engine().check(text)
    monkeypatch.setattr(Config, "matcher", lambda *a, **k: pytest.fail("built again instead of loaded"))
    assert Engine().check(text) == first
    assert {f.finding.kind for f in first.findings} >= {"prohibited", "courtesy"}


def test_a_changed_rule_file_builds_afresh(cache, tmp_path):
    lexicon = tmp_path / "local.toml"
    lexicon.write_text(RULE.format(phrase="磨磨唧唧的"), encoding="utf-8")
    assert "local.slow" in _rules(Engine(lexicons=[lexicon]), "您别磨磨唧唧的")
    lexicon.write_text(RULE.format(phrase="慢吞吞的"), encoding="utf-8")
    engine = Engine(lexicons=[lexicon])
    assert "local.slow" in _rules(engine, "您说话慢吞吞的")
    assert "local.slow" not in _rules(engine, "您别磨磨唧唧的")
    assert len(_engines(cache)) == 2


def test_the_configuration_is_part_of_what_is_cached_and_the_language_is_not(cache):
    rule = "prohibited.shirk.not-my-business"
    assert Engine().check("这事不归我管").findings
    assert Engine(Config(disabled=(rule,))).check("这事不归我管").findings == []
    assert Engine(lang="en").check("这事不归我管") == Engine().check("这事不归我管")  # findings carry no words
    assert len(_engines(cache)) == 2


def test_caching_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PHRASECHECK_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert Engine().load().check("您好").findings
    assert list(tmp_path.rglob("engine-*")) == []


def test_a_broken_cache_file_is_rebuilt_not_an_error(cache):
    Engine().load()
    [kept] = _engines(cache)
    kept.write_bytes(b"\x80\x05not a pickle")
    assert Engine().load().score("坐席：您好，请讲。\n市民：谢谢").cards[0].score is not None
    assert pickle.loads(kept.read_bytes())  # written again, whole


def test_only_the_newest_engines_are_kept(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(enginecache, "KEPT", 2)
    for threshold in (0.80, 0.82, 0.84):
        (tmp_path / "phrasecheck.toml").write_text(f"[matching]\nfuzzy_medium = {threshold}\n", encoding="utf-8")
        Engine.from_config(tmp_path / "phrasecheck.toml").matcher
    assert len(_engines(cache)) == 2


def test_a_pickled_prefilter_names_its_own_patterns():
    import re

    patterns = [re.compile("不归我管"), re.compile("(您|你)好"), re.compile(".*")]
    copy = pickle.loads(pickle.dumps((patterns, Prefilter(patterns))))
    copied_patterns, prefilter = copy
    where = prefilter.clauses_of("你好\n这不归我管", [0, 3])
    assert where == {id(copied_patterns[0]): {1}, id(copied_patterns[1]): {0}}
    assert id(copied_patterns[2]) not in prefilter.filtered


def test_a_changed_paraphrase_model_or_foreign_file_is_not_loaded(cache, tmp_path, monkeypatch):
    """The shipped data (the paraphrase model) is part of the key, and a cache file another user could
    have written is never unpickled."""
    from phrasecheck import enginecache

    Engine().load()
    [kept] = _engines(cache)
    assert kept.stat().st_mode & 0o077 == 0  # readable by its user alone
    kept.chmod(0o666)
    monkeypatch.setattr(Config, "matcher", lambda *a, **k: pytest.fail("built again"))
    with pytest.raises(pytest.fail.Exception):
        Engine().load()  # group- and world-writable: built again rather than loaded
    monkeypatch.undo()
    monkeypatch.setenv("PHRASECHECK_CACHE", str(cache))
    data = tmp_path / "data"
    data.mkdir()
    (data / "paraphrase.json.gz").write_bytes(b"another model")
    monkeypatch.setattr(enginecache, "data_path", lambda: data)
    Engine().load()
    assert len(_engines(cache)) == 2


def test_an_engine_told_not_to_cache_writes_nothing(cache):
    Engine(cache=False).load()
    assert _engines(cache) == []


def _patterns(built) -> list:
    """Every compiled pattern reachable from ``built`` (what pickling it visits)."""
    found = []

    class Finder(pickle.Pickler):
        def reducer_override(self, obj):
            if type(obj) is re.Pattern:
                found.append(obj)
            return NotImplemented

    Finder(io.BytesIO(), protocol=pickle.HIGHEST_PROTOCOL).dump(built)
    return found


def test_patterns_kept_as_their_programs_are_the_patterns_compiled_afresh(cache):
    """A kept engine's patterns come back from their compiled programs, not their sources: each equals (source, flags and
    program) what ``re.compile`` makes of its source today, and a program this ``re`` refuses is compiled from its source."""
    built = Engine(cache=False).scorer
    loaded = pickle.loads(enginecache._dumps(built))
    patterns = _patterns(loaded)
    assert len(patterns) > 400
    assert all(pattern == re.compile(pattern.pattern, pattern.flags) for pattern in patterns)
    assert [p.pattern for p in patterns] == [p.pattern for p in _patterns(built)]
    refused = enginecache._compiled("不归我管", re.UNICODE, [0], 0, {}, (None,))   # a program no re runs
    assert refused == re.compile("不归我管") and refused.search("这事不归我管")
