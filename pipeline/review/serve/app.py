"""The review server: two pages (the statements, one statement) and the JSON API they are built on.

Routes (README, "Review in the browser"):
    GET  /                                         the statements
    GET  /s/SLUG/LANG                              one translation, block by block
    GET  /api/statements[?show=unreviewed|findings|stale]
    GET  /api/statements/SLUG/LANG
    PUT  /api/statements/SLUG/LANG/blocks/N        {"text", "status": "edited"|"reviewed", "version"}
    POST /api/statements/SLUG/LANG/findings/ID/dismiss
The pages are small HTML shells; `static/app.js` draws them from the API with DOM text
nodes, so statement text is never parsed as HTML. Writes go through `review.edit` and
`review.findings`, the same functions and lock as the CLI.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from string import Template
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from pipeline import errors
from pipeline.model import LANGUAGES
from pipeline.originals import load_statement
from pipeline.review.edit import edit_block
from pipeline.review.findings import dismiss
from pipeline.review.serve.guard import Guard, error_page
from pipeline.review.serve.views import block_view, statement_list, statement_view
from pipeline.workspace import Workspace

HERE = Path(__file__).resolve().parent
MAX_BODY = 1_000_000  # bytes: a block of text is far smaller

# What each error means in HTTP; anything else a PipelineError says is a 400.
STATUS = {
    errors.UnknownStatementError: 404,
    errors.NotTranslatedError: 404,
    errors.UnknownBlockError: 404,
    errors.UnknownFindingError: 404,
    errors.LanguageError: 404,
    errors.BlockChangedError: 409,
    errors.AlignmentError: 409,
    errors.InvalidEditError: 422,
    errors.LockedError: 503,
}


def create_app(ws: Workspace, token: str, host: str, port: int) -> Guard:
    """The whole site for one workspace, behind the guard (token, Host and Origin checks)."""
    shell = Template((HERE / "templates" / "page.html").read_text(encoding="utf-8"))

    def page(view: str, title: str, **data: str) -> HTMLResponse:
        attrs = " ".join(f'data-{k}="{html.escape(v)}"' for k, v in data.items())
        body = shell.substitute(
            title=html.escape(title),
            token=html.escape(token),
            view=view,
            workspace=html.escape(str(ws.root)),
            data=attrs,
        )
        return HTMLResponse(body)

    def home(request: Request) -> Response:
        return page("home", "statements: review")

    def statement(request: Request) -> Response:
        slug, lang = _target(request)
        load_statement(ws, slug)  # an unknown slug is a 404 page, not an empty one
        return page("statement", f"{slug} → {lang}", slug=slug, lang=lang)

    def api_list(request: Request) -> Response:
        return JSONResponse(statement_list(ws, request.query_params.get("show") or None))

    def api_statement(request: Request) -> Response:
        slug, lang = _target(request)
        return JSONResponse(statement_view(ws, slug, lang))

    async def api_block(request: Request) -> Response:
        slug, lang = _target(request)
        try:
            index = int(request.path_params["index"])
        except ValueError:
            raise errors.UnknownBlockError(
                f"{request.path_params['index']!r} is not a block number."
            ) from None
        body = await _json_body(request)
        text, status, version = body.get("text"), body.get("status"), body.get("version")
        if text is not None and not isinstance(text, str):
            raise errors.InvalidEditError('"text" must be a string.')
        if not isinstance(status, str):
            raise errors.InvalidEditError('give "status": "edited" (a new text) or "reviewed" (signed off).')
        if version is not None and not isinstance(version, str):
            raise errors.InvalidEditError('"version" must be the string the block had when it was read.')
        try:
            alignment = await run_in_threadpool(edit_block, ws, slug, lang, index, text, status, version)
        except errors.BlockChangedError as exc:
            now = await run_in_threadpool(statement_view, ws, slug, lang)
            block = next((b for b in now["blocks"] if b["index"] == index), None)
            return JSONResponse({"error": str(exc), "block": block}, status_code=409)
        return JSONResponse(block_view(ws, alignment, index))

    def api_dismiss(request: Request) -> Response:
        slug, lang = _target(request)
        finding = request.path_params["finding"]
        done = dismiss(ws, [finding], slugs=[slug], langs=(lang,))
        return JSONResponse({"dismissed": done} | statement_view(ws, slug, lang))

    routes = [
        Route("/", home),
        Route("/s/{slug}/{lang}", statement),
        Route("/api/statements", api_list, methods=["GET"]),
        Route("/api/statements/{slug}/{lang}", api_statement, methods=["GET"]),
        Route("/api/statements/{slug}/{lang}/blocks/{index}", api_block, methods=["PUT"]),
        Route("/api/statements/{slug}/{lang}/findings/{finding}/dismiss", api_dismiss, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={errors.PipelineError: _pipeline_error, HTTPException: _http_error},
    )
    return Guard(app, token, host, port)


def _target(request: Request) -> tuple[str, str]:
    slug, lang = request.path_params["slug"], request.path_params["lang"]
    if lang not in LANGUAGES:
        raise errors.LanguageError(f"no language {lang!r}: use es or en.")
    return slug, lang


async def _json_body(request: Request) -> dict[str, Any]:
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        raise HTTPException(413, f"the body is larger than {MAX_BODY} bytes.")
    chunks = bytearray()
    async for chunk in request.stream():
        chunks += chunk
        if len(chunks) > MAX_BODY:
            raise HTTPException(413, f"the body is larger than {MAX_BODY} bytes.")
    try:
        body = json.loads(chunks or b"null")
    except ValueError:
        raise HTTPException(400, 'the body must be JSON, e.g. {"text": "…", "status": "edited"}.') from None
    if not isinstance(body, dict):
        raise HTTPException(400, 'the body must be a JSON object, e.g. {"text": "…", "status": "edited"}.')
    return body


async def _pipeline_error(request: Request, exc: Exception) -> Response:
    status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)
    headers = {"retry-after": "5"} if status == 503 else None
    if not request.url.path.startswith("/api/"):
        return _error_page(status, str(exc))
    return JSONResponse({"error": str(exc)}, status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if not request.url.path.startswith("/api/"):
        return _error_page(exc.status_code, exc.detail)
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


def _error_page(status: int, message: str) -> Response:
    return HTMLResponse(error_page(status, message), status_code=status)
