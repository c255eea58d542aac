"""The workshop's results as CSV files in one zip, for spreadsheets and analysis.

Four files, each UTF-8 with a byte-order mark (so that Excel reads ä, ö and å
right; other tools skip it), comma-separated, every field quoted (so that
no "," or ";" in a text starts a cell, whichever separator the spreadsheet
uses: Excel with Finnish or Swedish settings splits a .csv on ";"), CRLF line
ends, with one header row:

``ideas.csv``
    ``id, kind, text, cluster_id, cluster`` and, only when the workshop shows
    names, ``author``. Grouped ideas in group order, then ungrouped ones
    (empty ``cluster_id`` and ``cluster``).
``clusters.csv``
    ``id, name, ideas`` (the number of ideas in the group).
``votes.csv``
    ``round, ballot, item_id, label, role, dots, rank, tied, members``. Only
    revealed rounds have rows: for each item of the overall ranking a row with
    role ``all``, then one row per participant group in the snapshot's order. A
    group that gave the item no dots has ``dots`` 0 and an empty ``rank``.
``participants_by_role.csv``
    ``role, count, members``.

No group of fewer than the workshop's K people has a row of its own
(:mod:`workshop.domain.small_groups`): such groups are added up in role
``combined``, whose ``members`` lists their roles (space-separated), or, when
even all of them together are fewer than K, participation has one row
``too_few`` and the votes no rows by group.

Headers and coded values (``kind``, ``ballot``, ``role``, ``tied`` as
``true``/``false``) are stable English ids, the same whatever the workshop's
language, so that files from different workshops can be combined.

Spreadsheet formula injection is neutralised: ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return at the start of a cell, or after a ``;``, ``,`` or
line break within it, gets an apostrophe before it (see
:func:`workshop.export.escape.csv_cell`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from workshop.domain.small_groups import TOO_FEW
from workshop.export.archive import deterministic_zip
from workshop.export.document import author_of, check_snapshot, protected, shows_names, workshop_date
from workshop.export.escape import csv_cell

FILES: tuple[str, ...] = ("ideas.csv", "clusters.csv", "votes.csv", "participants_by_role.csv")
ENCODING = "utf-8-sig"


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """One CSV file's bytes: the header and rows, every cell through :func:`csv_cell` and quoted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([csv_cell(name) for name in header])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode(ENCODING)


def _ideas(snapshot: Mapping[str, Any]) -> bytes:
    show_names = shows_names(snapshot)
    header = ["id", "kind", "text", "cluster_id", "cluster"] + (["author"] if show_names else [])
    rows = []
    grouped = [(cluster, idea) for cluster in snapshot["clusters"] for idea in cluster["ideas"]]
    for cluster, idea in grouped + [(None, idea) for idea in snapshot["ungrouped"]]:
        row = [idea["id"], idea["kind"], idea["text"], cluster and cluster["id"], cluster and cluster["name"]]
        if show_names:
            row.append(author_of(idea, show_names))
        rows.append(row)
    return csv_bytes(header, rows)


def _clusters(snapshot: Mapping[str, Any]) -> bytes:
    rows = [(cluster["id"], cluster["name"], len(cluster["ideas"])) for cluster in snapshot["clusters"]]
    return csv_bytes(("id", "name", "ideas"), rows)


def _votes(snapshot: Mapping[str, Any]) -> bytes:
    rows = []
    for round_ in snapshot["rounds"]:
        if round_["status"] != "revealed":
            continue
        for item in round_["overall"]:
            head = (round_["number"], round_["ballot"], item["id"], item["label"])
            rows.append((*head, "all", item["dots"], item["rank"], item["tied"], ""))
            for group in round_["by_role"]:
                if group["role"] == TOO_FEW:
                    continue
                members = " ".join(group.get("members") or ())
                placing = next((p for p in group["placings"] if p["id"] == item["id"]), None)
                if placing is None:
                    rows.append((*head, group["role"], 0, None, False, members))
                else:
                    rows.append((*head, group["role"], placing["dots"], placing["rank"], placing["tied"], members))
    return csv_bytes(("round", "ballot", "item_id", "label", "role", "dots", "rank", "tied", "members"), rows)


def _participants(snapshot: Mapping[str, Any]) -> bytes:
    return csv_bytes(("role", "count", "members"),
                [(row["role"], row["count"], " ".join(row.get("members") or ())) for row in snapshot["participation"]])


def csv_files(snapshot: Mapping[str, Any]) -> dict[str, bytes]:
    """Each CSV file's name and bytes, in the zip's order."""
    check_snapshot(snapshot)
    snapshot = protected(snapshot)
    return {
        "ideas.csv": _ideas(snapshot),
        "clusters.csv": _clusters(snapshot),
        "votes.csv": _votes(snapshot),
        "participants_by_role.csv": _participants(snapshot),
    }


def to_csv_zip(snapshot: Mapping[str, Any]) -> bytes:
    """The four CSV files in a zip; the same snapshot gives the same bytes."""
    return deterministic_zip(csv_files(snapshot).items(), workshop_date(snapshot))
