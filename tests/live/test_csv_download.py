"""``/api/workshops/{code}/export.csv``: a participant's idea, nickname and group name with
``;=`` in them download as text, whether the spreadsheet splits on "," or on ";" (Finnish
and Swedish Excel) and whether it respects the quotes (red-team round 4, F2)."""

from __future__ import annotations

import csv
import io
import zipfile

from sqlalchemy.orm import Session

from tests.export.spreadsheet import formula_cells
from workshop.domain.creation import parse_new_workshop
from workshop.domain.ideas import clean_idea_text
from workshop.domain.participation import parse_participant
from workshop.export.tables import ENCODING
from workshop.store import clusters, db, downloads, ideas, participants, workshops
from workshop.store.models import Participant, Workshop

LINK = "&".join(f"CHAR({ord(char)})" for char in "http://ev.il/")  # no quote, comma or ";" needed
IDEAS = ["Entä jos nuori saisi itse valita;=1+1;", f"Lisätietoa;=HYPERLINK({LINK});",
         "Kaksi riviä, -1\n@SUM(A1)"]


def _room() -> tuple[str, str]:
    """A workshop showing names, ideas typed by a participant nicknamed with a formula, one
    of them in a group named with one; its code and a download token."""
    with Session(db.get_engine()) as session, session.begin():
        created = workshops.create_workshop(
            session, parse_new_workshop(title="CSV", challenge="", language="fi", show_names=True))
        workshop = session.get(Workshop, created.id)
        workshop.phase = "what_if"
        person = session.get(Participant, participants.join(
            session, workshop, parse_participant(role="young_person", nickname="Aino;=1+1")).id)
        ids = [ideas.add(session, workshop, person, clean_idea_text(text, 280)) for text in IDEAS]
        clusters.create(session, workshop, "Ryhmä;@SUM(A1)", ids[:1])
        return created.code, downloads.mint(session, workshop)


def test_no_spreadsheet_finds_a_formula_in_the_downloaded_csv(client):
    code, token = _room()
    response = client.get(f"/api/workshops/{code}/export.csv?token={token}")
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        files = {name: archive.read(name).decode(ENCODING) for name in archive.namelist()}
    raw = files["ideas.csv"]
    assert "=1+1" in raw and "=HYPERLINK(" in raw and "Aino" in raw and "Ryhmä" in raw
    for name, text in files.items():
        assert formula_cells(text) == [], name
    # Every field is quoted, so neither "," nor ";" in a text starts a cell; the texts read back
    # whole, an apostrophe before each formula.
    assert raw.splitlines()[0] == '"id","kind","text","cluster_id","cluster","author"'
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert [row["text"] for row in rows] == ["Entä jos nuori saisi itse valita;'=1+1;",
                                             f"Lisätietoa;'=HYPERLINK({LINK});", "Kaksi riviä, '-1\n'@SUM(A1)"]
    assert {row["author"] for row in rows} == {"Aino;'=1+1"}
    assert rows[0]["cluster"] == "Ryhmä;'@SUM(A1)"
    for row in csv.reader(io.StringIO(raw, newline=""), delimiter=";"):
        assert not [cell for cell in row if cell.startswith(("=", "+", "-", "@"))], row
