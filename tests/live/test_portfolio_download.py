"""``/api/portfolios/{code}/export.{fmt}``: only a one-time token minted for that
portfolio opens a download, with the filter and language bound to the token; no key does."""

from __future__ import annotations

import io
import zipfile

from sqlalchemy.orm import Session

from tests.store.test_portfolio import _published_room
from workshop.api.exports import PORTFOLIO_NAMES
from workshop.domain import portfolio as rules
from workshop.store import db
from workshop.store import portfolio as store


def _room():
    with Session(db.get_engine()) as session, session.begin():
        room = _published_room(session)
        second = room["workshop"]
        owner = store.find_by_code(session, room["created"].code)
        tokens = {fmt: store.mint_download(session, owner, rules.Filter(regions=("pirkanmaa",)), "en")
                  for fmt in PORTFOLIO_NAMES}
        other = store.create_portfolio(session, "Toinen")
        return {"code": owner.code, "tokens": tokens, "created": room["created"], "other": other.code,
                "workshop_code": second.code}


def test_a_token_downloads_once_with_its_filter_and_language(client):
    room = _room()
    base = f"/api/portfolios/{room['code']}/export"
    response = client.get(f"{base}.md?token={room['tokens']['md']}")
    assert response.status_code == 200
    assert "**Filter:** Region: Pirkanmaa" in response.text and "School" in response.text
    assert response.headers["cache-control"] == "no-store"
    assert f'entajos-portfolio-{room["code"]}.md' in response.headers["content-disposition"]
    assert client.get(f"{base}.md?token={room['tokens']['md']}").status_code == 403  # once only
    docx = client.get(f"{base}.docx?token={room['tokens']['docx']}")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    csv_zip = client.get(f"{base}.csv?token={room['tokens']['csv']}")
    with zipfile.ZipFile(io.BytesIO(csv_zip.content)) as archive:
        assert "School" in archive.read("briefs.csv").decode("utf-8-sig")
    assert client.get(f"{base}.json?token={room['tokens']['json']}").json()["schema_version"] == 1


def test_no_key_and_no_other_portfolio_s_token_opens_a_download(client):
    room = _room()
    created = room["created"]
    for key in (created.coordinator_key, created.viewer_key, created.invitation_key):
        for query in (f"key={key}", f"token={key}"):
            response = client.get(f"/api/portfolios/{room['code']}/export.md?{query}")
            assert response.status_code == 403 and "School" not in response.text
    # Another portfolio's address, a workshop's address, a format not offered.
    assert client.get(f"/api/portfolios/{room['other']}/export.md?token={room['tokens']['md']}").status_code == 403
    assert client.get(f"/api/workshops/{room['workshop_code']}/export.md?token={room['tokens']['docx']}").status_code == 403
    assert client.get(f"/api/portfolios/{room['code']}/export.html?token={room['tokens']['json']}").status_code == 404
    assert client.get(f"/api/portfolios/{room['code']}/export.json?token={room['tokens']['json']}").status_code == 200
