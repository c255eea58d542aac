"""Reflex configuration. Environment variables (see README) override it."""

import reflex as rx
from reflex_base.plugins.sitemap import SitemapPlugin

config = rx.Config(
    app_name="workshop",
    # Participants may be minors: nothing leaves the machine. (This machine
    # also reaches no telemetry server.)
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # No sitemap: workshops are private rooms, not pages to index.
    disable_plugins=[SitemapPlugin],
)
