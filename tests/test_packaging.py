"""The rule data ships with the package, so an installed phrasecheck finds it."""

from pathlib import Path

import phrasecheck
from phrasecheck.resources import data_path


def test_the_default_lexicons_are_found():
    assert (data_path() / "courtesy.toml").is_file()
    assert (data_path() / "prohibited.toml").is_file()


def test_an_installed_package_uses_its_own_copy_of_the_data():
    package = Path(phrasecheck.__file__).parent
    if "site-packages" in package.parts:  # CI installs the wheel (pip install .)
        assert data_path() == package / "lexicons"
    else:  # a checkout reads the top-level lexicons/
        assert data_path() == package.parents[1] / "lexicons"
