"""``python -m phrasecheck …``: the same as the ``phrasecheck`` command (where no console script is on the path)."""

from .cli.app import main

main()
