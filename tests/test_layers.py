"""Dependencies point down: no module imports from a layer above its own (README, Architecture)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "phrasecheck"

#: Each top-level module or package of phrasecheck, by layer: a module may import its own layer and below.
LAYERS = [
    {"models", "textio", "tomlfile", "resources", "jsontext", "diskcache", "i18n", "rulepatterns", "literals",
     "tables", "normalize", "punctuation", "parallel", "safezip", "office", "suppress"},
    {"lexicon", "transcripts"},
    {"matching"},
    {"scoring", "lint", "fixer"},
    {"config"},
    {"api", "enginecache"},
    {"report", "batch", "ruletools", "spark"},
    {"console"},
    {"cli"},
]
LAYER = {name: level for level, names in enumerate(LAYERS) for name in names}


def _unit(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imported_units(path: Path) -> set[str]:
    """The phrasecheck units ``path`` imports (relative or absolute, at the top or inside functions)."""
    depth = len(path.relative_to(PACKAGE).parts) - 1  # 0: phrasecheck/x.py, 1: phrasecheck/pkg/x.py
    units = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level and node.level > depth:  # from ..x import / from . import x at the top
                names = [node.module] if node.module else [alias.name for alias in node.names]
                units |= {name.split(".")[0] for name in names}
            elif not node.level and node.module and node.module.startswith("phrasecheck."):
                units.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            units |= {a.name.split(".")[1] for a in node.names if a.name.startswith("phrasecheck.")}
    return units


def test_every_unit_has_a_layer():
    units = {_unit(path) for path in PACKAGE.rglob("*.py")} - {"__init__", "__main__", "lexicons"}
    assert units <= LAYER.keys(), units - LAYER.keys()


def test_no_module_imports_from_a_layer_above_its_own():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        unit = _unit(path)
        if unit not in LAYER:
            continue
        upward += [f"{path.relative_to(PACKAGE)} → {other}" for other in sorted(_imported_units(path))
                   if other in LAYER and LAYER[other] > LAYER[unit]]
    assert upward == []
