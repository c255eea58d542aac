"""The portfolio's exports: golden files in every format, the filter applied, the matrix
as a picture with a text alternative, and the workshop export's injection tests run on
the portfolio's exports (every text a person can type replaced by each payload)."""

from __future__ import annotations

import copy
import csv
import io
import json
import struct
import zipfile

import pytest

from tests.export.docx_dump import all_text, dump
from tests.export.golden import assert_golden
from tests.export.portfolio_fixture import portfolio_snapshot
from tests.export.test_injection import (PAYLOADS, assert_docx_inert, assert_markdown_inert, assert_no_formula_cell,
                                         csv_cell_of)
from workshop.domain import portfolio as rules
from workshop.export import portfolio as export
from workshop.export.escape import text_lines
from workshop.export.picture import HEIGHT, WIDTH, matrix_png
from workshop.export.tables import ENCODING


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_markdown(language):
    assert_golden(f"portfolio-{language}.md", export.to_markdown(portfolio_snapshot(language)))


def test_json():
    text = export.to_json(portfolio_snapshot())
    assert_golden("portfolio-fi.json", text)
    assert next(iter(json.loads(text))) == "schema_version"


def test_docx_structure():
    data = export.to_docx(portfolio_snapshot())
    assert data == export.to_docx(portfolio_snapshot())  # the same bytes every time
    assert_golden("portfolio-fi.docx.txt", dump(data))


def test_csv_files():
    with zipfile.ZipFile(io.BytesIO(export.to_csv_zip(portfolio_snapshot()))) as archive:
        assert archive.namelist() == list(export.CSV_FILES)
        for name in export.CSV_FILES:
            assert_golden(f"portfolio-fi.{name}", archive.read(name))


def test_the_docx_shows_the_matrix_as_a_picture_with_a_text_alternative():
    data = export.to_docx(portfolio_snapshot("en"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        [image] = [name for name in archive.namelist() if name.startswith("word/media/")]
        png = archive.read(image)
        body = archive.read("word/document.xml").decode("utf-8")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (WIDTH, HEIGHT)
    assert png == matrix_png([[(1, False), (1, True)], [(1, False), (1, True)]])
    assert ('descr="The OECD innovation matrix: top row directed, bottom row undirected; left exploiting what '
            'exists, right exploring the new. Briefs: Mission-oriented: 1; Anticipatory: 1; '
            'Enhancement-oriented: 1; Adaptive: 1. Radical share 50 %."') in body


def test_the_picture_changes_with_the_counts():
    assert matrix_png([[(0, False), (2, True)], [(0, False), (0, True)]]) != matrix_png(
        [[(0, False), (3, True)], [(0, False), (0, True)]])


def test_the_filter_reaches_every_format():
    chosen = rules.Filter(regions=("lappi",), statuses=("not_taken_forward",))
    data = portfolio_snapshot("fi", chosen)
    assert [b["title"] for b in data["briefs"]] == ["Jälkihuolto etänä"]
    assert data["portfolio"]["filter"] == "region=lappi&status=not_taken_forward"
    markdown = export.to_markdown(data)
    assert "**Rajaus:** Alue: Lappi; Tila: Ei viety eteenpäin" in markdown
    assert "Perhetyöntekijä kouluun" not in markdown
    assert "Perhetyöntekijä kouluun" not in all_text(export.to_docx(data))
    with zipfile.ZipFile(io.BytesIO(export.to_csv_zip(data))) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("briefs.csv").decode(ENCODING), newline="")))
    assert [row[1] for row in rows[1:]] == ["Jälkihuolto etänä"]
    empty = portfolio_snapshot("en", rules.Filter(text="nothing matches this"))
    assert "No brief matches the filter." in export.to_markdown(empty)


def test_a_small_group_in_a_hand_made_snapshot_is_still_folded():
    data = portfolio_snapshot()
    data["participation"] = [{"role": "young_person", "count": 1, "members": []},
                             {"role": "parent", "count": 9, "members": []}]
    shown = json.loads(export.to_json(data))["participation"]
    assert [(row["role"], row["count"]) for row in shown] == [("combined", 10)]


def test_nothing_the_portfolio_does_not_hold_can_appear():
    text = export.to_json(portfolio_snapshot())
    for absent in ("author", "nickname", "token", "code", "key"):
        assert f'"{absent}"' not in text


# --- the injection tests, on the portfolio's exports ------------------------------------


def evil(payload: str) -> dict:
    """The fixture with every text a person can type replaced by ``payload``: the
    portfolio's and workshops' titles, every brief field, quotes, status notes and the
    search text; unknown quadrant and characteristic ids shown as they are."""
    data = portfolio_snapshot()
    data["portfolio"]["title"] = payload
    data["portfolio"]["filter"] = rules.to_query(rules.Filter(text=payload))
    for workshop in data["workshops"]:
        workshop["title"] = payload
    for brief in data["briefs"]:
        for name in export.BRIEF_TEXTS:
            brief[name] = payload
        brief["workshop_title"] = payload
        brief["quotes"] = [payload, payload]
        brief["oecd_quadrant"] = payload
        brief["characteristics"] = [*brief["characteristics"], payload]
        for step in brief["history"]:
            step["note"] = payload
    return data


def plain(_: str) -> dict:
    return evil("x")


@pytest.fixture(params=PAYLOADS, ids=lambda payload: repr(payload)[:40])
def payload(request):
    return request.param


def test_markdown_structure_is_the_same_as_with_harmless_text(payload):
    assert_markdown_inert(export.to_markdown(evil(payload)), export.to_markdown(plain(payload)))


def test_docx_holds_the_text_verbatim(payload):
    assert_docx_inert(export.to_docx(evil(payload)), export.to_docx(plain(payload)), payload)


def test_csv_cells_never_start_a_formula(payload):
    files = assert_no_formula_cell(export.to_csv_zip(evil(payload)))
    assert list(files) == list(export.CSV_FILES)
    expected = csv_cell_of(payload)
    header, *rows = files["briefs.csv"]
    assert {row[header.index("title")] for row in rows} == {expected}
    assert {row[header.index("status_note")] for row in rows} == {expected}


def test_json_round_trips_the_exact_strings(payload):
    data = evil(payload)
    original = copy.deepcopy(data)
    shown = json.loads(export.to_json(data))
    assert shown["briefs"][0]["title"] == payload and shown["portfolio"]["title"] == payload
    assert data == original  # the snapshot itself is not changed
    for line in text_lines(payload):
        assert line in export.to_json(data) or json.dumps(line, ensure_ascii=False)[1:-1] in export.to_json(data)
