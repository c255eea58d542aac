"""Structure of each format: what a reader, a printer, Word and a spreadsheet need."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest
from markdown_it import MarkdownIt

from tests.export.docx_dump import blocks, headings, open_docx, structure
from tests.export.fixture import snapshot
from workshop.export import SCHEMA_VERSION, to_csv_zip, to_docx, to_html, to_json, to_markdown
from workshop.export.document import protected
from workshop.export.tables import ENCODING, FILES

# --- Markdown ------------------------------------------------------------------


def test_markdown_sections_come_in_order():
    markdown = to_markdown(snapshot())
    order = ["# Nuorten ääni lastensuojelussa", "**Päivämäärä:** 24.11.2026", "**Haaste:**", "**Kieli:** suomi",
             "## Osallistujat", "## Käytetyt kysymykset", "## Ryhmät ja niiden ideat", "### Aikuinen, joka pysyy",
             "### Apua ennen kriisiä", "### Ideat, joita ei ryhmitelty", "## Äänestysten tulokset",
             "### Kierros 1: Ideoiden ryhmät", "#### Kaikki osallistujat", "#### Osallistujaryhmittäin",
             "### Kierros 2: Entä jos -ideat", "Tuloksia ei näytetty.", "## Suunnitelmat",
             "### Oma aikuinen koko sijoituksen ajan", "### Perhetyöntekijä kouluun"]
    positions = [markdown.index(text) for text in order]
    assert positions == sorted(positions)


def test_markdown_shows_ties_as_ties():
    markdown = to_markdown(snapshot())
    assert "| 1. (tasapeli) | Aikuinen, joka pysyy | 35 |" in markdown
    assert "| 1. (tasapeli) | Apua ennen kriisiä | 35 |" in markdown
    assert "| 2. | Apua ennen kriisiä | 12 |" in markdown
    assert "Tasapeli: kohdat saivat yhtä monta pistettä" in markdown


def test_markdown_group_rankings_list_only_what_got_dots():
    markdown = to_markdown(snapshot(min_group_size=1))
    experts = markdown[markdown.index("**Kokemusasiantuntijat**"):markdown.index("**Ammattilaiset**")]
    assert "Aikuinen, joka pysyy | 10 |" in experts
    assert "Apua ennen kriisiä" not in experts
    assert "**Muut**" not in markdown  # the store leaves out "other" when none of them voted


def test_no_tie_note_without_a_tie():
    data = snapshot()
    overall = data["rounds"][0]["overall"]
    overall[0].update(dots=36, tied=False)
    overall[1].update(dots=34, rank=2, tied=False)
    assert "tasapeli" not in to_markdown(data)
    assert "| 1. | Aikuinen, joka pysyy | 36 |" in to_markdown(data)


def test_markdown_is_valid_commonmark_with_tables():
    tokens = MarkdownIt("commonmark").enable("table").parse(to_markdown(snapshot()))
    types = [token.type for token in tokens]
    # participation, overall, and the groups with dots: young people, parents, and the 2 experience
    # experts together with the professionals (small groups are never shown apart).
    assert types.count("table_open") == 5
    assert types.count("blockquote_open") == 3  # quotes in the briefs
    levels = [token.tag for token in tokens if token.type == "heading_open"]
    assert levels[0] == "h1" and levels.count("h1") == 1


def test_a_brief_with_nothing_filled_in_says_so():
    data = snapshot()
    data["briefs"][0].update(title="", need="  ", strategic_goals=[], oecd_quadrant=None, characteristics=[],
                             quotes=[], source={"kind": "none", "label": ""})
    markdown = to_markdown(data)
    brief = markdown[markdown.index("## Suunnitelmat"):markdown.index("### Perhetyöntekijä kouluun")]
    assert "### (nimetön)" in brief
    assert "Pohjana" not in brief
    for heading in ("Tarve", "Strateginen tavoite", "Paikka OECD:n innovaationelikentässä",
                    "Sosiaalisen innovaation erityispiirteet", "Lainauksia osallistujilta"):
        assert f"#### {heading}\n\nEi kirjattu." in brief


def test_an_empty_workshop_exports_in_every_format():
    data = snapshot()
    data.update(prompts=[], clusters=[], ungrouped=[], rounds=[], briefs=[])
    markdown = to_markdown(data)
    for text in ("Kysymyksiä ei käytetty.", "Ideoita ei ole.", "Äänestyksiä ei pidetty.", "Suunnitelmia ei tehty."):
        assert text in markdown
    assert '<section class="brief">' not in to_html(data)
    assert not any("+page" in kind for kind in structure(to_docx(data)))
    to_csv_zip(data)
    assert json.loads(to_json(data)) == protected(data)


def test_another_schema_version_is_refused():
    data = snapshot()
    data["schema_version"] = 2
    for render in (to_markdown, to_html, to_docx, to_csv_zip, to_json):
        with pytest.raises(ValueError, match="schema_version"):
            render(data)


# --- HTML ----------------------------------------------------------------------


def test_html_is_one_self_contained_page():
    html = to_html(snapshot())
    assert html.startswith("<!doctype html>\n<html lang=\"fi\">\n")
    assert '<meta charset="utf-8">' in html
    assert "<title>Nuorten ääni lastensuojelussa – Tulevaisuustyöpajan tulokset</title>" in html
    for external in ("http:", "https:", "//", "src=", "href=", "<link", "<script", "@import", "url("):
        assert external not in html
    assert html.count("<style>") == 1 and html.count("<h1>") == 1


def test_html_prints_each_brief_on_its_own_page():
    html = to_html(snapshot())
    css = html[html.index("<style>"):html.index("</style>")]
    assert "size: A4" in css and "@page" in css
    assert re.search(r"section\.brief \{[^}]*break-before: page", css)
    assert re.search(r"tr, th, td \{[^}]*break-inside: avoid", css)
    assert re.search(r"th, td \{[^}]*border: 1px solid", css)
    sections = html.split('<section class="brief">')[1:]
    assert len(sections) == 2
    assert "<h2>Suunnitelmat</h2>" in sections[0] and "<h3>Oma aikuinen koko sijoituksen ajan</h3>" in sections[0]
    assert "<h3>Perhetyöntekijä kouluun</h3>" in sections[1]
    assert all(section.count("</section>") == 1 for section in sections)


# --- DOCX ----------------------------------------------------------------------


def test_docx_has_real_headings():
    found = headings(to_docx(snapshot()))
    assert found[0] == (1, "Nuorten ääni lastensuojelussa")
    assert [text for level, text in found if level == 2] == [
        "Osallistujat", "Käytetyt kysymykset", "Ryhmät ja niiden ideat", "Äänestysten tulokset", "Suunnitelmat"]
    assert (3, "Aikuinen, joka pysyy") in found
    assert (3, "Kierros 1: Ideoiden ryhmät") in found
    assert (4, "Osallistujaryhmittäin") in found
    assert (4, "Tarve") in found


def test_docx_tables_have_header_rows():
    document = open_docx(to_docx(snapshot(min_group_size=1)))
    tables = document.tables
    assert len(tables) == 6
    assert [cell.text for cell in tables[0].rows[0].cells] == ["Osallistujaryhmä", "Määrä"]
    assert [cell.text for cell in tables[0].rows[-1].cells] == ["Yhteensä", "17"]
    assert [cell.text for cell in tables[1].rows[1].cells] == ["1. (tasapeli)", "Aikuinen, joka pysyy", "35"]
    for table in tables:
        assert table.style.name == "Table Grid"
        header = table.rows[0]
        assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
        assert header._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None


def test_docx_starts_each_brief_on_a_new_page():
    document = open_docx(to_docx(snapshot()))
    breaks = [block.text for block in blocks(document)
              if hasattr(block, "paragraph_format") and block.paragraph_format.page_break_before]
    assert breaks == ["Suunnitelmat", "Perhetyöntekijä kouluun"]


def test_docx_core_properties_and_page():
    document = open_docx(to_docx(snapshot()))
    properties = document.core_properties
    assert properties.title == "Nuorten ääni lastensuojelussa"
    assert properties.language == "fi-FI"
    assert properties.created.isoformat().startswith("2026-11-24T12:00:00")
    assert properties.modified == properties.created
    assert round(document.sections[0].page_width.mm) == 210
    assert round(document.sections[0].page_height.mm) == 297
    styles = document.styles.element.xml
    assert 'w:lang w:val="fi-FI"' in styles


def test_docx_bytes_are_deterministic():
    first = to_docx(snapshot())
    assert to_docx(snapshot()) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 24, 12, 0, 0)}
        assert archive.testzip() is None


def test_docx_of_text_with_control_characters():
    data = snapshot()
    data["clusters"][0]["ideas"][0]["text"] = "nolla\x00merkki\x0bja\x1fmuuta"
    texts = [paragraph.text for paragraph in open_docx(to_docx(data)).paragraphs]
    assert "nollamerkki\njamuuta (kritiikki)" in texts


# --- CSV -----------------------------------------------------------------------


def _rows(data: bytes, name: str) -> list[list[str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return list(csv.reader(io.StringIO(archive.read(name).decode(ENCODING), newline="")))


def test_csv_zip_members_and_determinism():
    data = to_csv_zip(snapshot())
    assert to_csv_zip(snapshot()) == data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == list(FILES)
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 24, 12, 0, 0)}
        raw = archive.read("ideas.csv")
    assert raw.startswith('\ufeff"id","kind","text"'.encode("utf-8"))  # every field quoted
    assert b"\r\n" in raw


def test_csv_ideas_and_clusters():
    data = to_csv_zip(snapshot())
    ideas = _rows(data, "ideas.csv")
    assert ideas[1] == ["101", "critique", "Sosiaalityöntekijä vaihtuu niin usein, ettei kukaan ehdi tuntea minua.",
                        "11", "Aikuinen, joka pysyy"]
    assert ideas[3][2] == "Entä jos nuori voisi soittaa omalle aikuiselleen myös iltaisin?\nVaikka vain viestillä."
    assert ideas[-1][0] == "106" and ideas[-1][3:] == ["", ""]
    assert _rows(data, "clusters.csv") == [["id", "name", "ideas"], ["11", "Aikuinen, joka pysyy", "3"],
                                           ["12", "Apua ennen kriisiä", "2"]]
    # 2 experience experts and 1 "other" are counted together (K = 3).
    assert _rows(data, "participants_by_role.csv") == [
        ["role", "count", "members"], ["young_person", "6", ""], ["parent", "3", ""], ["professional", "5", ""],
        ["combined", "3", "experience_expert other"]]


def test_csv_votes_only_for_revealed_rounds():
    rows = _rows(to_csv_zip(snapshot(min_group_size=1)), "votes.csv")
    assert rows[0] == ["round", "ballot", "item_id", "label", "role", "dots", "rank", "tied", "members"]
    body = rows[1:]
    assert len(body) == 2 * 5  # round 1 only: two items x (all + the four groups that voted)
    assert {row[0] for row in body} == {"1"}
    assert body[0] == ["1", "cluster", "11", "Aikuinen, joka pysyy", "all", "35", "1", "true", ""]
    assert body[1] == ["1", "cluster", "11", "Aikuinen, joka pysyy", "young_person", "18", "1", "false", ""]
    assert body[8] == ["1", "cluster", "12", "Apua ennen kriisiä", "experience_expert", "0", "2", "false", ""]
    assert sum(int(row[5]) for row in body if row[4] != "all") == sum(int(row[5]) for row in body if row[4] == "all")


def test_csv_votes_for_an_item_missing_from_a_group_ranking():
    data = snapshot(min_group_size=1)
    data["rounds"][0]["by_role"][2]["placings"].pop()  # experience experts: item 12 left out
    rows = _rows(to_csv_zip(data), "votes.csv")
    assert rows[9] == ["1", "cluster", "12", "Apua ennen kriisiä", "experience_expert", "0", "", "false", ""]


# --- JSON ----------------------------------------------------------------------


def test_json_round_trips_and_starts_with_the_schema_version():
    data = snapshot()
    text = to_json(data)
    assert text.startswith('{\n  "schema_version": 1,\n  "workshop": {')
    assert json.loads(text) == protected(data)  # the small-group rule applied, nothing else changed
    assert json.loads(text)["schema_version"] == SCHEMA_VERSION
    assert "ä" in text and text.endswith("}\n")


def test_json_does_not_depend_on_key_order():
    data = snapshot()
    shuffled = {key: data[key] for key in reversed(list(data))}
    shuffled["workshop"] = {key: data["workshop"][key] for key in reversed(list(data["workshop"]))}
    assert to_json(shuffled) == to_json(data)
