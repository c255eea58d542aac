"""Reflex configuration. Environment variables (see README) override it."""

import os

import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

from workshop.live.respawn import respawn_failed_workers
from workshop.settings import listed, settings

# With several workers, one that dies is started again instead of stopping the app.
respawn_failed_workers()

config = rx.Config(
    app_name="workshop",
    # Participants may be minors: nothing leaves the machine. (This machine
    # also reaches no telemetry server.)
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # No sitemap: workshops are private rooms, not pages to index.
    disable_plugins=[SitemapPlugin],
    # Per-tab state holds nothing that cannot be rebuilt (identity is in the
    # browser, the workshop in the database), so one process keeps it in
    # memory; with REFLEX_REDIS_URL, Redis holds it for several workers.
    state_manager_mode="redis" if os.environ.get("REFLEX_REDIS_URL") else "memory",
    # The API answers other sites' pages only when listed (ENTAJOS_CORS_ORIGINS);
    # the app's own pages need no CORS. The socket checks the same (live/socket_server.py).
    cors_allowed_origins=list(listed(settings().cors_origins)),
)
