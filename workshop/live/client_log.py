"""Text that browsers send into the server log: one line each, capped, never a forged line.

Any socket can send Reflex's ``handle_frontend_exception(info=…)`` or a
``client_error`` report, and Reflex writes what it is given into the log; an
argument it cannot convert is logged with its whole value. So every such line
goes through :func:`one_line`: at most ``client_log_chars`` characters (setting),
line breaks and other control characters written as escapes (``\\n``), so a
client can neither plant a fake "[Reflex Backend Exception]" line nor grow the
log by megabytes. How many reports a socket may send is limited in the socket
server (``client_log_lines``, see ``workshop/live/socket_server.py``).
"""

from __future__ import annotations

import logging

from workshop.settings import settings

logger = logging.getLogger("workshop.client")

# Reflex loggers whose warnings carry what a client sent (event data, argument values).
CLIENT_TEXT_LOGGERS = ("reflex.app", "reflex.state", "reflex_base.event.processor.base_state_processor")


def one_line(text: object, limit: int | None = None) -> str:
    """``text`` as one printable line of at most ``limit`` characters (default: the setting)."""
    limit = settings().client_log_chars if limit is None else limit
    raw = text if isinstance(text, str) else str(text)
    cut = raw[:limit]
    line = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in cut)
    if len(line) > limit:
        line = line[:limit]
    if len(raw) > limit:
        line += f"… (+{len(raw) - limit} chars)"
    return line


def frontend_exception_handler(exception: Exception) -> None:
    """The app's handler for errors browsers report: one capped, escaped line."""
    logger.error("[browser report] %s", one_line(exception))


class OneLineFilter(logging.Filter):
    """Records below ERROR from Reflex's event loggers, rendered as one capped line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.ERROR:
            record.msg = one_line(record.getMessage(), 4 * settings().client_log_chars)
            record.args = None
        return True


def install_filters() -> None:
    """Put :class:`OneLineFilter` on the Reflex loggers that echo client input (once)."""
    for name in CLIENT_TEXT_LOGGERS:
        log = logging.getLogger(name)
        if not any(isinstance(f, OneLineFilter) for f in log.filters):
            log.addFilter(OneLineFilter())
