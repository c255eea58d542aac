"""Finding 3: "close to newcomers" closes the door to new people only. Those already
in the room keep writing, grouping (when allowed) and voting."""

from workshop.domain.clusters import participant_may_group
from workshop.domain.ideas import Room, check_own_change, writable_kind
from workshop.domain.vocabulary import IdeaKind
from workshop.domain import voting


def test_a_closed_workshop_still_takes_its_participants_ideas():
    assert writable_kind(Room("what_if", False, "closed")) == IdeaKind.WHAT_IF
    assert writable_kind(Room("critique", False, "closed")) == IdeaKind.CRITIQUE
    check_own_change(Room("what_if", False, "closed"), "what_if")


def test_a_closed_workshop_still_lets_its_participants_group_and_vote():
    participant_may_group(Room("group", False, "closed"), True)
    voting.check_may_vote(phase="vote", input_locked=False, round_status="open")
