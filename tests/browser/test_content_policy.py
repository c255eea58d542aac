"""The app's pages work under their Content-Security-Policy (workshop/api/headers.py): home,
join, a phone's workshop page, the cockpit and the big screen run with nothing refused,
and the check sees refusals when the policy lacks what the pages need."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.browser.pages import create_workshop, join, open_page, open_screen

# Before any of the page's own scripts: every violation goes to the test, with the page it
# happened on (the binding and this script are the test's, outside the page's policy).
WATCH = ("document.addEventListener('securitypolicyviolation', e => window.__cspViolation("
         "`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} on ${location.pathname}`));")


def watch(context: BrowserContext) -> list[str]:
    """What the browser refuses in ``context`` from now on: ``securitypolicyviolation``
    events and Chromium's console lines about the policy ("Executing inline script violates
    the following Content Security Policy directive…", "Refused to connect…")."""
    found: list[str] = []
    context.expose_binding("__cspViolation", lambda _source, text: found.append(text))
    context.add_init_script(WATCH)
    context.on("console", lambda message: found.append(f"console: {message.text}")
               if "Content Security Policy" in message.text else None)
    return found


def _policy_of(page: Page, url: str) -> str:
    response = page.goto(url)
    return response.headers["content-security-policy"]


def test_the_pages_run_with_nothing_refused(app_server, new_context):
    base = app_server.url
    laptop = new_context("desktop")
    phones = new_context("phone")
    refused_laptop, refused_phone = watch(laptop), watch(phones)

    facilitator = laptop.new_page()
    # The page really carries the script-restricting policy, with its inline scripts' hashes.
    policy = _policy_of(facilitator, f"{base}/privacy")
    assert re.search(r"script-src 'self' 'unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+;", policy), policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    code, link = create_workshop(facilitator, base, "Turvallisuus")
    facilitator.goto(link)
    expect(facilitator.get_by_role("heading", level=1)).to_contain_text("Turvallisuus")
    # The one-time key left the address bar (rx.call_script: eval, allowed by 'unsafe-eval').
    expect(facilitator).to_have_url(re.compile(f"/facilitate/{code}$"))
    expect(facilitator.get_by_role("img", name="QR-koodi, joka avaa liittymislinkin")).to_be_visible()
    screen = open_screen(facilitator, laptop.new_page())
    expect(screen.locator(".join-code")).to_have_text(code)

    phone = join(phones, base, code, "Nuori")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Alku")
    # The phone's socket reaches the room: the cockpit and the big screen count it.
    expect(facilitator.locator("dd[data-role='total']")).to_have_text("1")
    expect(screen.locator("dd[data-role='total']")).to_have_text("1")
    open_page(phones.new_page(), f"{base}/runsheet?lang=fi")

    phone.wait_for_timeout(500)  # a late refusal (a socket reconnecting) would be in by now
    assert refused_laptop == [], refused_laptop
    assert refused_phone == [], refused_phone


def _serve_with(policy: Callable[[str], str]) -> Callable[[Route], None]:
    """A route handler that serves each page with ``policy(its policy)`` instead."""

    def handle(route: Route) -> None:
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        headers = {name: value for name, value in response.headers.items()
                   if name not in {"content-encoding", "content-length"}}
        headers["content-security-policy"] = policy(headers["content-security-policy"])
        route.fulfill(response=response, headers=headers)

    return handle


def _refusals(page: Page, found: list[str]) -> list[str]:
    for _ in range(40):
        if found:
            break
        page.wait_for_timeout(250)
    return found


def test_the_check_sees_a_policy_without_the_hashes(app_server, new_context):
    context = new_context("phone")
    found = watch(context)
    context.route("**/*", _serve_with(lambda policy: re.sub(r" 'sha256-[^']+'", "", policy)))
    page = context.new_page()
    page.goto(f"{app_server.url}/?lang=fi")
    refused = " ".join(_refusals(page, found))
    assert "script-src-elem blocked inline on /" in refused, refused
    assert "console: Executing inline script violates" in refused, refused
    expect(page.locator("[data-hydrated='true']")).to_have_count(0)


def test_the_check_sees_why_the_policy_allows_eval(app_server, browser):
    # Reflex runs rx.call_script with eval(): every page load sets the page's language so.
    # (A page served by the test, not by the network, may not open a socket to 127.0.0.1
    # under Chromium's local-network checks: a browser of its own without them.)
    other = browser.browser_type.launch(executable_path=str(CHROMIUM), headless=True,
                                        args=[*CHROMIUM_ARGS, "--disable-features=LocalNetworkAccessChecks"])
    try:
        context = other.new_context(**PHONE)
        found = watch(context)
        context.route("**/*", _serve_with(lambda policy: policy.replace(" 'unsafe-eval'", "")))
        page = context.new_page()
        page.goto(f"{app_server.url}/?lang=sv")
        expect(page.locator("[data-hydrated='true']")).to_have_count(1, timeout=30_000)
        refused = " ".join(_refusals(page, found))
        assert "_call_script EvalError" in refused and "'unsafe-eval' is not an allowed source" in refused, refused
        # What it breaks: the page stays marked Finnish (and titled so) while it shows Swedish.
        expect(page.get_by_role("button", name="Gå med")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", "fi")
    finally:
        other.close()
