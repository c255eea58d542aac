"""The privacy notice's numbers are the deployment's settings, the same the purge and the
small-group rule use: change a setting and the page says so."""

from __future__ import annotations

import pytest

from workshop.settings import settings


@pytest.fixture
def deployment(monkeypatch):
    """Unusual retention and group-size settings for this test only."""
    monkeypatch.setenv("ENTAJOS_CLOSE_AFTER_DAYS", "17")
    monkeypatch.setenv("ENTAJOS_DELETE_AFTER_DAYS", "123")
    monkeypatch.setenv("ENTAJOS_MIN_GROUP_SIZE", "7")
    settings.cache_clear()
    yield settings()
    settings.cache_clear()


def test_the_privacy_page_and_the_join_note_show_the_settings(deployment):
    from workshop.ui.pages.privacy import privacy_page, retention_note

    page = str(privacy_page())
    assert (deployment.close_after_days, deployment.delete_after_days, deployment.min_group_size) == (17, 123, 7)
    assert "17 days after the workshop, no one can write" in page
    assert "123 days after the workshop, everything in it is deleted" in page
    assert "123 p\\u00e4iv\\u00e4\\u00e4 ty\\u00f6pajan j\\u00e4lkeen" in page  # Finnish, as compiled
    assert "fewer than 7 people" in page
    # A removal changes no result already shown (red-team finding 4), and the page says so.
    assert "Voting results that were already shown stay as they were shown" in page
    note = str(retention_note())
    assert "for 17 days after the workshop. Everything is deleted after 123 days." in note


def test_the_defaults_are_the_ones_the_issue_asks_for():
    settings.cache_clear()
    assert (settings().close_after_days, settings().delete_after_days) == (14, 90)
