"""The accessibility checker can fail: axe-core finds known violations on a broken page."""

from __future__ import annotations

from tests.browser.axe import violations


def test_axe_core_reports_violations(new_context, app_server):
    page = new_context("desktop").new_page()
    page.set_content('<html><body><img src="x.png"><button></button>'
                     '<p style="color:#ccc;background:#fff">faint</p></body></html>')
    found = " ".join(violations(page))
    for rule in ("image-alt", "button-name", "color-contrast", "html-has-lang"):
        assert rule in found, found
