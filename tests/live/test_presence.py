from workshop.live.presence import Presence, Seat


def test_counts_people_by_role_once_per_person():
    presence = Presence()
    presence.enter("s1", Seat("A", 1, "parent"))
    presence.enter("s2", Seat("A", 1, "parent"))  # same person, second tab
    presence.enter("s3", Seat("A", 2, "young_person"))
    presence.enter("s4", Seat("A"))  # facilitator screen: not a participant
    presence.enter("s5", Seat("B", 3, "parent"))
    assert presence.counts("A") == {"parent": 1, "young_person": 1}
    assert presence.counts("B") == {"parent": 1}


def test_leaving_and_moving_rooms():
    presence = Presence()
    presence.enter("s1", Seat("A", 1, "parent"))
    assert presence.enter("s1", Seat("B", 1, "parent")) == {"A", "B"}
    assert presence.counts("A") == {}
    assert presence.leave("s1") == "B"
    assert presence.leave("s1") is None
    assert presence.counts("B") == {}
