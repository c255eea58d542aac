"""Who is connected now, per room: socket ids mapped to participants (pure Python).

Each browser tab has its own socket, so a participant with two tabs open is
one person: counts are taken over distinct participant ids. Facilitator and
big-screen sockets sit in the room without a participant and are not counted.
This registry lives in one process; with several workers each writes its
people to Redis and the head-count is taken over all (``live/shared.py``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Seat:
    """One socket's place: its workshop (room) and, for a participant, who and in which role."""

    room: str
    participant_id: int | None = None
    role: str | None = None


class Presence:
    """Socket id -> seat, with per-room counts by role."""

    def __init__(self) -> None:
        self._seats: dict[str, Seat] = {}
        self._rooms: dict[str, dict[str, Seat]] = {}

    def enter(self, sid: str, seat: Seat) -> set[str]:
        """Seat a socket; returns the rooms whose head-count may have changed."""
        changed = {seat.room}
        if (previous := self.leave(sid)) is not None:
            changed.add(previous)
        self._seats[sid] = seat
        self._rooms.setdefault(seat.room, {})[sid] = seat
        return changed

    def leave(self, sid: str) -> str | None:
        """Forget a socket; returns its room, or None when it had no seat."""
        seat = self._seats.pop(sid, None)
        if seat is None:
            return None
        room = self._rooms.get(seat.room, {})
        room.pop(sid, None)
        if not room:
            self._rooms.pop(seat.room, None)
        return seat.room

    def sids(self, room: str, participant_id: int | None = None) -> list[str]:
        """Sockets seated in ``room`` (only those of ``participant_id`` when given)."""
        return [sid for sid, seat in self._rooms.get(room, {}).items()
                if participant_id is None or seat.participant_id == participant_id]

    def seats(self, room: str) -> int:
        """Sockets seated in ``room`` (every screen, not only participants)."""
        return len(self._rooms.get(room, {}))

    def rooms(self) -> list[str]:
        """Rooms where this process seats any socket."""
        return list(self._rooms)

    def people(self, room: str) -> dict[int, str]:
        """Connected participants of ``room``: participant id -> role (each person once)."""
        return {
            seat.participant_id: seat.role or ""
            for seat in self._rooms.get(room, {}).values()
            if seat.participant_id is not None
        }

    def counts(self, room: str) -> dict[str, int]:
        """Connected participants of ``room`` by role (each person once)."""
        return dict(Counter(role for role in self.people(room).values() if role))
