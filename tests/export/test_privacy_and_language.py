"""Nicknames only when the workshop shows names; texts in the workshop's language."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from tests.export.docx_dump import all_text, headings, open_docx
from tests.export.fixture import NICKNAMES, english, ideas, snapshot, swedish
from workshop.export import to_csv_zip, to_docx, to_html, to_json, to_markdown
from workshop.export.tables import ENCODING, FILES


def _csv_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode(ENCODING) for name in FILES)


def every_format(data: dict) -> dict[str, str]:
    """Each format's output as text (DOCX: its paragraphs and cells; zip: its CSV files)."""
    return {
        "markdown": to_markdown(data),
        "html": to_html(data),
        "docx": all_text(to_docx(data)),
        "csv": _csv_text(to_csv_zip(data)),
        "json": to_json(data),
    }


def leaky() -> dict:
    """Names not shown, yet the snapshot carries nicknames: the export still hides them."""
    data = snapshot(show_names=False)
    for idea in ideas(data):
        idea["author"] = NICKNAMES.get(idea["id"])
    return data


@pytest.mark.parametrize("make", [snapshot, leaky], ids=["anonymous", "nicknames in the snapshot"])
def test_no_nickname_when_names_are_not_shown(make):
    for name, output in every_format(make()).items():
        for nickname in set(NICKNAMES.values()):
            assert nickname not in output, f"{nickname} in {name}"


def test_json_has_no_author_when_names_are_not_shown():
    data = json.loads(to_json(leaky()))
    assert {idea["author"] for idea in ideas(data)} == {None}


def test_nicknames_when_names_are_shown():
    outputs = every_format(snapshot(show_names=True))
    for name, output in outputs.items():
        for nickname in set(NICKNAMES.values()):
            assert nickname in output, f"{nickname} missing from {name}"
    assert "- Apua saa vasta, kun tilanne on jo kriisi. (kritiikki, Leena)" in outputs["markdown"]
    # The idea without a nickname has none (and no empty separator).
    assert "Vaikka vain viestillä. (entä jos -idea)\n" in outputs["markdown"]


def test_csv_has_an_author_column_only_when_names_are_shown():
    def header(data: dict) -> str:
        with zipfile.ZipFile(io.BytesIO(to_csv_zip(data))) as archive:
            return archive.read("ideas.csv").decode(ENCODING).splitlines()[0]

    assert header(snapshot()) == '"id","kind","text","cluster_id","cluster"'
    assert header(snapshot(show_names=True)) == '"id","kind","text","cluster_id","cluster","author"'


@pytest.mark.parametrize("make, language, heading, briefs", [
    (snapshot, "fi", "Osallistujat", "Suunnitelmat"),
    (swedish, "sv", "Deltagare", "Planer"),
    (english, "en", "Participation", "Briefs"),
])
def test_headings_follow_the_workshop_language(make, language, heading, briefs):
    data = make()
    assert f"\n## {heading}\n" in to_markdown(data)
    html = to_html(data)
    assert f'<html lang="{language}">' in html
    assert f"<h2>{heading}</h2>" in html
    docx = to_docx(data)
    assert (2, heading) in headings(docx)
    assert (2, briefs) in headings(docx)
    assert open_docx(docx).core_properties.language.startswith(f"{language}-")


def test_shared_catalog_texts_follow_the_language_too():
    assert "### Kierros 1: Ideoiden ryhmät" in to_markdown(snapshot())
    assert "### Omgång 1: Idégrupper" in to_markdown(swedish())
    assert "### Round 1: Idea groups" in to_markdown(english())
    assert "- Stöd till familjer" in to_markdown(swedish())
    assert "Anticipatory innovation" in to_markdown(english())
    assert "| Unga | 6 |" in to_markdown(swedish())


def test_csv_headers_and_codes_do_not_depend_on_the_language():
    assert _csv_text(to_csv_zip(english())) == _csv_text(to_csv_zip(snapshot()))


def test_unknown_language_falls_back_to_finnish():
    data = snapshot()
    data["workshop"]["language"] = "de"
    assert "\n## Osallistujat\n" in to_markdown(data)
    assert '<html lang="fi">' in to_html(data)
