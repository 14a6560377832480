"""The held-out and dev sets are frozen: a changed, added or removed file fails until the manifest is updated on purpose."""

import hashlib
from pathlib import Path

HELDOUT = Path(__file__).parent / "heldout"
MANIFEST = HELDOUT / "MANIFEST.sha256"
NOT_DATA = {"README.md", "MANIFEST.sha256"}
# the training set written for tuning (issue 19) may grow: it is not frozen
NOT_FROZEN = {"matching/train.jsonl"}


def _manifest() -> dict[str, str]:
    entries = (line.split("  ", 1) for line in MANIFEST.read_text(encoding="utf-8").splitlines() if line.strip())
    return {name: digest for digest, name in entries}


def test_every_file_of_the_sets_is_in_the_manifest_with_its_hash():
    on_disk = {path.relative_to(HELDOUT).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
               for path in HELDOUT.rglob("*") if path.is_file() and path.name not in NOT_DATA
                and path.relative_to(HELDOUT).as_posix() not in NOT_FROZEN}
    assert on_disk == _manifest()


def test_the_sets_are_not_empty():
    names = _manifest()
    assert any(name.startswith("matching/heldout") for name in names)
    assert any(name.startswith("scoring/dev/") for name in names)
    assert any(name.startswith("scoring/heldout/") for name in names)
