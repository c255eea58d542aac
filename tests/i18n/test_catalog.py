"""The Finnish, Swedish and English catalogs are complete and every used key exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from workshop.i18n import LANGUAGES, catalog, normalize_language, translate

SOURCE = Path(__file__).resolve().parents[2] / "workshop"
# t("key"), translate("key"), and catalog keys kept as strings in states ("errors.x"):
# any quoted "section.name" whose section is a top-level table of the catalog.
SECTIONS = "|".join(sorted({key.split(".")[0] for key in catalog("fi")}))
KEY_IN_SOURCE = re.compile(rf"""["']((?:{SECTIONS})\.[a-z0-9_.]+)["']""")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_the_same_keys():
    finnish = set(catalog("fi"))
    for language in LANGUAGES:
        keys = set(catalog(language))
        assert keys - finnish == set(), f"{language} has keys Finnish lacks"
        assert finnish - keys == set(), f"{language} lacks keys"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_value_is_empty_and_placeholders_agree(language):
    for key, text in catalog(language).items():
        assert isinstance(text, str) and text.strip(), f"{language}: {key} is empty"
        assert _placeholders(text) == _placeholders(catalog("fi")[key]), f"{language}: {key}"


def test_every_key_used_in_the_code_exists():
    used = {
        match
        for path in SOURCE.rglob("*.py")
        for match in KEY_IN_SOURCE.findall(path.read_text(encoding="utf-8"))
    }
    assert used, "the scan found no keys: the pattern is wrong"
    missing = sorted(key for key in used if key not in catalog("fi"))
    assert missing == []


def test_translate_falls_back_to_finnish_for_unknown_languages():
    assert translate("home.join_button", "sv") == "Gå med"
    assert translate("home.join_button", "xx") == translate("home.join_button", "fi")
    assert normalize_language(" EN ") == "en"
    assert normalize_language("de") is None
    assert normalize_language(None) is None
