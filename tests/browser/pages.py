"""Small helpers the browser tests share."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def open_page(page: Page, url: str) -> Page:
    """Go to ``url`` and wait until the app has hydrated (events now reach the server)."""
    page.goto(url)
    expect(page.locator("[data-hydrated='true']")).to_have_count(1, timeout=30_000)
    return page
