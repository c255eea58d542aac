"""Small groups in every export format: one young person's vote and head-count never
appear as their own (see workshop.domain.small_groups), whatever the snapshot holds."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from tests.export.docx_dump import dump
from tests.export.fixture import EARLY, STAY, snapshot
from workshop.export import to_csv_zip, to_docx, to_html, to_json, to_markdown

LONELY_DOTS = 9  # the one young person's dots: a figure nothing else in the fixture has


def _placing(item_id: int, label: str, dots: int, rank: int) -> dict:
    return {"id": item_id, "label": label, "dots": dots, "rank": rank, "tied": False}


def one_young_person() -> dict:
    """The fixture with a single young person, who voted: 9 dots on one group.
    (2 experience experts voted too; parents and professionals are 3 each.)"""
    data = snapshot()
    data["workshop"]["min_group_size"] = 3
    data["participation"][0]["count"] = 1
    data["rounds"][0]["by_role"][0] = {
        "role": "young_person", "people": 1, "dots": LONELY_DOTS,
        "placings": [_placing(11, STAY, LONELY_DOTS, 1), _placing(12, EARLY, 0, 2)],
    }
    return data


def everyone_too_few() -> dict:
    """One young person and one parent in the whole workshop, both voted."""
    data = one_young_person()
    data["participation"] = [{"role": role, "count": count} for role, count in
                             (("young_person", 1), ("parent", 1), ("experience_expert", 0), ("professional", 0),
                              ("other", 0))]
    data["rounds"][0]["by_role"] = [
        data["rounds"][0]["by_role"][0],
        {"role": "parent", "people": 1, "dots": 5, "placings": [_placing(12, EARLY, 5, 1), _placing(11, STAY, 0, 2)]},
    ]
    return data


def _csv(data: bytes, name: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"), newline="")))


def test_markdown():
    markdown = to_markdown(one_young_person())
    assert "**Nuoret**" not in markdown and "| Nuoret |" not in markdown
    assert f"| {LONELY_DOTS} |" not in markdown
    assert "**Ryhmät yhdessä: nuoret, kokemusasiantuntijat** – äänestäneitä 3, pisteitä 19" in markdown
    assert "| Ryhmät yhdessä: nuoret, kokemusasiantuntijat, muut | 4 |" in markdown
    assert "Ryhmiä, joissa on alle 3 henkeä, ei näytetä erikseen" in markdown


def test_html():
    page = to_html(one_young_person())
    assert "<strong>Nuoret</strong>" not in page and "<td>Nuoret</td>" not in page
    assert f">{LONELY_DOTS}</td>" not in page
    assert "<strong>Ryhmät yhdessä: nuoret, kokemusasiantuntijat</strong>" in page


def test_docx():
    text = dump(to_docx(one_young_person()))
    assert "| Nuoret |" not in text and "] Nuoret –" not in text
    assert f"| {LONELY_DOTS} |" not in text
    assert "Ryhmät yhdessä: nuoret, kokemusasiantuntijat – äänestäneitä 3, pisteitä 19" in text


def test_csv():
    data = to_csv_zip(one_young_person())
    votes, people = _csv(data, "votes.csv"), _csv(data, "participants_by_role.csv")
    assert not [row for row in votes + people if row["role"] == "young_person"]
    assert not [row for row in votes if row["dots"] == str(LONELY_DOTS)]
    assert {row["role"]: row["members"] for row in votes if row["role"] == "combined"} == {
        "combined": "young_person experience_expert"}
    assert [(row["role"], row["count"]) for row in people][-1] == ("combined", "4")


def test_json():
    data = json.loads(to_json(one_young_person()))
    columns = data["rounds"][0]["by_role"]
    assert "young_person" not in [row["role"] for row in data["participation"] + columns]
    assert LONELY_DOTS not in [p["dots"] for column in columns for p in column["placings"]]
    assert [(c["role"], c["people"], c["members"]) for c in columns] == [
        ("parent", 3, []), ("professional", 3, []), ("combined", 3, ["young_person", "experience_expert"])]


@pytest.mark.parametrize("render", [to_markdown, to_html, lambda data: dump(to_docx(data))],
                         ids=["markdown", "html", "docx"])
def test_too_few_to_show_in_the_documents(render):
    text = render(everyone_too_few())
    results = text[:text.index("Suunnitelmat")]  # (the briefs' own text speaks of young people)
    assert "Nuoret" not in results and "Vanhemmat" not in results
    assert "Liian vähän näytettäväksi (ryhmissä alle 3 henkeä)" in text
    assert "ettei tuloksia näytetä ryhmittäin" in text


def test_too_few_to_show_in_the_data():
    snapshot_ = everyone_too_few()
    data = json.loads(to_json(snapshot_))
    assert [c["role"] for c in data["rounds"][0]["by_role"]] == ["too_few"]
    assert data["rounds"][0]["by_role"][0]["placings"] == []
    assert {row["role"] for row in data["participation"] if row["count"]} == {"too_few"}
    tables = to_csv_zip(snapshot_)
    assert {row["role"] for row in _csv(tables, "votes.csv")} == {"all"}
    assert {row["role"] for row in _csv(tables, "participants_by_role.csv") if row["count"] != "0"} == {"too_few"}
