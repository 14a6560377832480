"""Run phrasecheck from a checkout without installing it: ``python cli.py check draft.txt``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from phrasecheck.cli.app import main  # noqa: E402

if __name__ == "__main__":
    main()
