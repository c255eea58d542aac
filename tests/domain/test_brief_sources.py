"""Which idea each drafted field of a brief came from, and the rule that takes an idea's text
out of a brief once the idea is hidden or deleted (red-team round 2, finding 1)."""

from __future__ import annotations

from workshop.domain import briefs

GONE = "Entä jos Matti Virtanen 9A:lta ei otettaisi huostaan"
NEW = "(write anew)"


def test_a_draft_records_the_idea_of_each_copied_field():
    from_idea = briefs.draft(GONE, [(7, "what_if", GONE)], label_idea=7)
    assert (from_idea["title"], from_idea["what_if"]) == (GONE, GONE)
    assert from_idea["drafted_from"] == {"title": 7, "what_if": 7}
    from_cluster = briefs.draft("Koti", [(3, "critique", "huono"), (4, "what_if", "Entä jos"), (5, "what_if", "x")])
    assert (from_cluster["title"], from_cluster["what_if"]) == ("Koti", "Entä jos")
    assert from_cluster["drafted_from"] == {"what_if": 4}  # the cluster's name is no idea's
    assert briefs.draft("Koti", [(3, "critique", "huono")])["drafted_from"] == {}


def test_a_field_holding_the_text_whole_or_within_is_replaced():
    fields = {"title": GONE, "what_if": f"Ja  lisäksi:\n{GONE.upper()}\n\nMuuta.", "need": GONE}
    drafted = {"title": 7, "what_if": 7}
    # The need was typed by a person (no record): the rule leaves what no draft wrote.
    assert briefs.without_ideas(fields, drafted, {7: GONE}, NEW) == {"title": NEW, "what_if": NEW}


def test_a_rewritten_field_and_other_ideas_are_left_alone():
    fields = {"title": "Oma aikuinen kouluun", "what_if": "Entä jos Matti saisi jäädä kotiin"}
    assert briefs.without_ideas(fields, {"title": 7, "what_if": 7}, {7: GONE}, NEW) == {}
    assert briefs.without_ideas({"what_if": GONE}, {"what_if": 7}, {8: GONE}, NEW) == {}
    assert briefs.without_ideas({"what_if": GONE}, {}, {7: GONE}, NEW) == {}


def test_a_title_cut_to_its_length_still_holds_a_long_idea():
    long_idea = "Entä jos " + "hyvin " * 60 + "pitkä idea"
    drafted = briefs.draft(long_idea, [(9, "what_if", long_idea)], label_idea=9)
    assert len(drafted["title"]) == briefs.TITLE_MAX
    assert briefs.holds(drafted["title"], long_idea) and briefs.holds(drafted["what_if"], long_idea)
    assert not briefs.holds("Entä jos hyvin pitkä", long_idea)  # a part of it, rewritten
