"""The rules a Spark job scores with, shipped to the executors as bytes.

The driver reads every lexicon and script file the run uses (the configured ones and those given
on the command line) into a :class:`RuleBundle`: a few kilobytes that travel with each task, so an
executor on another machine needs none of the driver's files. Each executor process writes them
out once into a folder of its own and builds one :class:`~phrasecheck.api.Engine` from them
(:func:`engine`), cached by the bundle's digest: tasks after the first, and every row, reuse it.
Lexicon and script versions are hashes of file contents, so the executors' engine has the
driver's :attr:`Engine.version`.
"""

from __future__ import annotations

import hashlib
import pickle
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from ..api import Engine
from ..config import Config
from ..tomlfile import toml_files

#: One rule path as given: the names and contents of its ``.toml`` files (one file: its own name).
Tree = tuple[tuple[str, bytes], ...]


@dataclass(frozen=True)
class RuleBundle:
    """Everything that decides a scorer: rule files as bytes, language and the configuration's other settings."""

    lexicons: tuple[Tree, ...]
    scripts: tuple[Tree, ...]
    lang: str
    config: Config

    @classmethod
    def of(cls, config: Config, lexicons=(), scripts=(), lang: str | None = None) -> RuleBundle:
        """The bundle of ``config``'s rule files and the extra ``lexicons``/``scripts`` (files or folders), in load order."""
        settings = replace(config, lexicons=(), scripts=(), path=None, origins={})
        return cls(tuple(_tree(Path(p)) for p in [*config.lexicons, *lexicons]),
                   tuple(_tree(Path(p)) for p in [*config.scripts, *scripts]), lang or config.lang, settings)

    @property
    def digest(self) -> str:
        return hashlib.sha256(pickle.dumps(self, protocol=5)).hexdigest()

    def build(self, folder: Path) -> Engine:
        """The engine, with the rule files written out under ``folder`` and its scorer loaded."""
        lexicons = [_write(tree, folder / f"lexicon-{number}") for number, tree in enumerate(self.lexicons)]
        scripts = [_write(tree, folder / f"scripts-{number}") for number, tree in enumerate(self.scripts)]
        # built from a temporary folder per process: keeping it on disk would only push the user's engines out
        return Engine(self.config, lexicons=lexicons, scripts=scripts, lang=self.lang, cache=False).load()


#: The engine of this process, by bundle digest.
_engines: dict[str, Engine] = {}


def engine(bundle: RuleBundle) -> Engine:
    """This process's engine for ``bundle``: built on first use, then reused by every task and row."""
    digest = bundle.digest
    if digest not in _engines:
        _engines[digest] = bundle.build(Path(tempfile.mkdtemp(prefix="phrasecheck-rules-")))
    return _engines[digest]


def _tree(path: Path) -> Tree:
    """A rule path's files, read now (a missing file raises OSError naming it)."""
    if path.is_dir():
        return tuple((file.name, file.read_bytes()) for file in toml_files([path]))
    return ((path.name, path.read_bytes()),)


def _write(tree: Tree, folder: Path) -> Path:
    """``tree`` as files in ``folder``: the folder itself for a folder of rules, else the one file."""
    folder.mkdir(parents=True)
    for name, content in tree:
        (folder / name).write_bytes(content)
    return folder if len(tree) != 1 else folder / tree[0][0]
