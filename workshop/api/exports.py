"""``/api/workshops/{code}/export.{md,html,docx,csv,json}``: a workshop's results as files;
``/api/portfolios/{code}/export.{md,docx,csv,json}``: a SOILA portfolio, with the filter
its token was minted for.

Only with ``?token=``: a one-time download token (``workshop.store.downloads``)
that a handler minted for a browser holding the facilitator key or the results
key, a moment ago. No key is ever accepted here, so no key lands in an
address bar, a history or a server log. Each download reads a fresh snapshot
from the database and renders it in the workshop's language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from workshop.domain.codes import normalize_code
from workshop.i18n import translate
from workshop.store import downloads
from workshop.store.db import run_blocking, session_scope
from workshop.store.export_snapshot import snapshot

# The formats offered, in the order the pages list them.
NAMES = ("html", "md", "docx", "csv", "json")
# format -> (media type, renderer)
FORMATS: dict[str, tuple[str, Callable[[dict[str, Any]], str | bytes]]] = {}


def _formats() -> dict[str, tuple[str, Callable[[dict[str, Any]], str | bytes]]]:
    if not FORMATS:
        from workshop import export

        FORMATS.update({
            "md": ("text/markdown; charset=utf-8", export.to_markdown),
            "html": ("text/html; charset=utf-8", export.to_html),
            "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", export.to_docx),
            "csv": ("application/zip", export.to_csv_zip),
            "json": ("application/json; charset=utf-8", export.to_json),
        })
        assert tuple(sorted(FORMATS)) == tuple(sorted(NAMES))
    return FORMATS


# The portfolio's formats: format -> (media type, renderer).
PORTFOLIO_NAMES = ("docx", "md", "csv", "json")
PORTFOLIO_FORMATS: dict[str, tuple[str, Callable[[dict[str, Any]], str | bytes]]] = {}


def _portfolio_formats() -> dict[str, tuple[str, Callable[[dict[str, Any]], str | bytes]]]:
    if not PORTFOLIO_FORMATS:
        from workshop.export import portfolio

        renderers = {"md": portfolio.to_markdown, "docx": portfolio.to_docx, "csv": portfolio.to_csv_zip,
                     "json": portfolio.to_json}
        PORTFOLIO_FORMATS.update({fmt: (_formats()[fmt][0], renderers[fmt]) for fmt in PORTFOLIO_NAMES})
    return PORTFOLIO_FORMATS


def _read(code: str, token: str | None) -> dict[str, Any] | None:
    with session_scope() as session:
        workshop = downloads.take(session, code, token)
        return snapshot(session, workshop) if workshop is not None else None


def _read_portfolio(code: str, token: str | None) -> dict[str, Any] | None:
    from workshop.store import portfolio

    with session_scope() as session:
        taken = portfolio.take_download(session, code, token)
        if taken is None:
            return None
        owner, selected, language = taken
        return portfolio.export_snapshot(session, owner, selected, language)


async def export(request: Request) -> Response:
    return await _respond(request, _formats(), _read, "keys.download_refused", "entajos")


async def export_portfolio(request: Request) -> Response:
    return await _respond(request, _portfolio_formats(), _read_portfolio, "portfolio.download_refused",
                          "entajos-portfolio")


async def _respond(request: Request, formats: dict[str, tuple[str, Callable[[dict[str, Any]], str | bytes]]],
                   read: Callable[[str, str | None], dict[str, Any] | None], refusal: str, prefix: str) -> Response:
    code = normalize_code(request.path_params["code"])
    fmt = request.path_params["fmt"]
    if fmt not in formats:
        return PlainTextResponse("Not found", status_code=404)
    token = request.query_params.get("token")
    data = await run_blocking(lambda: read(code, token)) if code else None
    if data is None:
        # The same answer for an unknown code, a used, expired or wrong token: nothing to probe.
        return PlainTextResponse(translate(refusal, "fi") + "\n" + translate(refusal, "en"), status_code=403)
    media, render = formats[fmt]
    body = render(data)
    extension = "zip" if fmt == "csv" else fmt
    headers = {
        "Content-Disposition": f'attachment; filename="{prefix}-{code}.{extension}"',
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    if fmt == "html":
        # Print from the browser: shown inline, with nothing allowed to run.
        headers["Content-Disposition"] = f'inline; filename="{prefix}-{code}.html"'
        headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return Response(body, media_type=media, headers=headers)


api = Starlette(routes=[Route("/api/workshops/{code}/export.{fmt}", export),
                        Route("/api/portfolios/{code}/export.{fmt}", export_portfolio)])
