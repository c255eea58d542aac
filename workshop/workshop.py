"""The Reflex app: pages, routes, and the socket server the room hub broadcasts on."""

from __future__ import annotations

import os

import reflex as rx

from workshop.api.exports import api
from workshop.api.headers import security_headers
from workshop.i18n import translate
from workshop.live.client_log import frontend_exception_handler, install_filters
from workshop.live.collector import tune_collector
from workshop.state import client_storage
from workshop.live.hub import hub
from workshop.live.redis_watch import redis_watch
from workshop.live.socket_server import make_socket_server
from workshop.state.facilitator import FacilitatorState
from workshop.state.home import HomeState
from workshop.state.language import PAGE_TITLES
from workshop.state.participant import JoinState, ParticipantState
from workshop.state.portfolio_page import PortfolioState
from workshop.state.privacy import PrivacyState
from workshop.state.room_view import RoomView
from workshop.state.results_page import ResultsState
from workshop.state.runsheet import RunSheetState
from workshop.state.screen import ScreenState
from workshop.store.purge import purge_periodically
from workshop.store.room_snapshot import read_parts
from workshop.live.retention import tell_purged
from workshop.ui.components.reconnecting import reconnecting
from workshop.ui.pages.facilitator import facilitator_page
from workshop.ui.pages.home import home_page
from workshop.ui.pages.join import join_page
from workshop.ui.pages.participant import participant_page
from workshop.ui.pages.portfolio import portfolio_page
from workshop.ui.pages.privacy import privacy_page
from workshop.ui.pages.results import results_page
from workshop.ui.pages.runsheet import runsheet_page
from workshop.ui.pages.screen import screen_page

# Browser-kept vars reset at each hydration by names found once per class (state/client_storage.py).
client_storage.install()
app = rx.App(
    sio=make_socket_server(),
    stylesheets=["/app.css", "/screen.css", "/cockpit.css", "/portfolio.css"],
    head_components=[
        rx.el.script(src="/countdown.js", defer=True),
        rx.el.script(src="/autoscroll.js", defer=True),
        rx.el.script(src="/confirm.js", defer=True),
    ],
    html_lang="fi",
    # The export API, then security headers around everything the backend serves.
    api_transformer=[api, security_headers],
    # Browsers' error reports reach the log as one capped, escaped line each.
    frontend_exception_handler=frontend_exception_handler,
)
install_filters()
# While the connection is lost, a translated "Reconnecting…" instead of Reflex's English toast.
app.app_wraps[(5, "Overlay")] = lambda stateful: rx.fragment(reconnecting()) if stateful else None
hub.bind(app, RoomView, read_parts)
if redis_url := os.environ.get("REFLEX_REDIS_URL"):
    # A worker restarts when Redis goes away or comes back (workshop/live/redis_watch.py).
    app.register_lifespan_task(redis_watch.run, url=redis_url)
# The retention periods, applied now and every settings().purge_every_minutes.
app.register_lifespan_task(purge_periodically, tell=tell_purged)

# (route, page, the page state's on_load); titles follow the language (PAGE_TITLES).
PAGES = (
    ("/", home_page, HomeState.load),
    ("/join/[code]", join_page, JoinState.load),
    ("/w/[code]", participant_page, ParticipantState.load),
    ("/facilitate/[code]", facilitator_page, FacilitatorState.load),
    ("/screen/[code]", screen_page, ScreenState.load),
    ("/results/[code]", results_page, ResultsState.load),
    ("/portfolio/[code]", portfolio_page, PortfolioState.load),
    ("/privacy", privacy_page, PrivacyState.load),
    ("/runsheet", runsheet_page, RunSheetState.load),
)

for route, page, load in PAGES:
    app.add_page(
        page,
        route=route,
        title=translate(PAGE_TITLES[route]),
        on_load=load,
    )

# Last: what the import made is never walked by the cycle collector again (workshop/live/collector.py).
tune_collector()
