"""Every export format against its golden file (UPDATE_GOLDEN=1 rewrites them)."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.export.docx_dump import dump
from tests.export.fixture import snapshot
from tests.export.golden import assert_golden
from workshop.export import to_csv_zip, to_docx, to_html, to_json, to_markdown
from workshop.export.tables import FILES


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_markdown(language):
    assert_golden(f"{language}.md", to_markdown(snapshot(language)))


def test_markdown_with_names():
    assert_golden("fi-names.md", to_markdown(snapshot(show_names=True)))


def test_html():
    assert_golden("fi.html", to_html(snapshot()))


def test_json():
    assert_golden("fi.json", to_json(snapshot()))


def test_docx_structure():
    assert_golden("fi.docx.txt", dump(to_docx(snapshot())))


def test_csv_files():
    with zipfile.ZipFile(io.BytesIO(to_csv_zip(snapshot()))) as archive:
        assert archive.namelist() == list(FILES)
        for name in FILES:
            assert_golden(f"fi.{name}", archive.read(name))


def test_csv_ideas_with_names():
    with zipfile.ZipFile(io.BytesIO(to_csv_zip(snapshot(show_names=True)))) as archive:
        assert_golden("fi-names.ideas.csv", archive.read("ideas.csv"))
