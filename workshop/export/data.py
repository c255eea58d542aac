"""The workshop's results as JSON: the snapshot itself, for archiving and reuse.

Byte-for-byte deterministic: ``schema_version`` comes first, then the
snapshot's sections in their documented order (``workshop``,
``participation``, ``prompts``, ``clusters``, ``ungrouped``, ``rounds``,
``briefs``; any other key after them, sorted); keys inside them are sorted.
Lists keep their order. UTF-8 text, two-space indent, non-ASCII characters as
themselves, a final newline.

As in every export, nicknames appear only when the workshop shows names:
with ``show_names`` false every idea's ``author`` is null, whatever the
snapshot held.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from workshop.export.document import SCHEMA_VERSION, check_snapshot, protected, shows_names

SECTIONS: tuple[str, ...] = ("workshop", "participation", "prompts", "clusters", "ungrouped", "rounds", "briefs")


def sorted_keys(value: Any) -> Any:
    """``value`` with every mapping's keys sorted (lists keep their order)."""
    if isinstance(value, Mapping):
        return {str(key): sorted_keys(value[key]) for key in sorted(value, key=str)}
    if isinstance(value, (list, tuple)):
        return [sorted_keys(item) for item in value]
    return value


def _anonymous(idea: Mapping[str, Any]) -> dict[str, Any]:
    return {**idea, "author": None}


def to_json(snapshot: Mapping[str, Any]) -> str:
    """The snapshot as pretty-printed JSON text."""
    check_snapshot(snapshot)
    data = protected(snapshot)
    if not shows_names(snapshot):
        data["clusters"] = [
            {**cluster, "ideas": [_anonymous(idea) for idea in cluster["ideas"]]} for cluster in snapshot["clusters"]
        ]
        data["ungrouped"] = [_anonymous(idea) for idea in snapshot["ungrouped"]]
    ordered: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for key in SECTIONS:
        ordered[key] = sorted_keys(data[key])
    for key in sorted(set(data) - set(SECTIONS) - {"schema_version"}, key=str):
        ordered[str(key)] = sorted_keys(data[key])
    return json.dumps(ordered, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
