"""gunicorn's sync worker, answering its own errors with the site's pages instead of gunicorn's
bare English one: a request the app failed on gets the branded 500 page, a request killed by
the worker timeout (gunicorn aborts the worker with SystemExit) the 502 page. Malformed HTTP
(gunicorn's 4xx answers to clients that are not browsers) is left to gunicorn.

`luoshi prod` runs gunicorn with `--worker-class=luoshi.site.gunicorn_worker.BrandedSyncWorker`.
"""

from __future__ import annotations

import ssl
from functools import cache
from pathlib import Path
from typing import Any

from gunicorn.http.errors import InvalidResponseHeader, InvalidResponseHeaderName, ParseException
from gunicorn.util import write_nonblock
from gunicorn.workers.sync import SyncWorker

PAGES = Path(__file__).parent / "templates"
REASONS = {500: "Internal Server Error", 502: "Bad Gateway"}


@cache
def page(status: int) -> bytes:
    """The site's static error page for `status` (plain HTML, no template tags)."""
    return (PAGES / f"{status}.html").read_bytes()


def response(status: int) -> bytes:
    body = page(status)
    head = (
        f"HTTP/1.1 {status} {REASONS[status]}\r\nConnection: close\r\n"
        f"Content-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("ascii") + body


def status_for(exc: BaseException) -> int | None:
    """The page for a server-side failure; None for a client's malformed request."""
    if isinstance(exc, SystemExit):
        return 502  # the worker timeout: the request took longer than gunicorn allows
    if isinstance(exc, InvalidResponseHeader | InvalidResponseHeaderName):
        return 500  # a header the application sent: its fault, not the client's
    if isinstance(exc, ParseException | ssl.SSLError):
        return None
    return 500


class BrandedSyncWorker(SyncWorker):
    def handle_error(self, req: Any, client: Any, addr: Any, exc: BaseException) -> None:
        status = status_for(exc)
        if status is None:
            super().handle_error(req, client, addr, exc)
            return
        what = f"{req.method} {req.uri}" if hasattr(req, "method") else "(no request read)"
        if status == 502:
            self.log.error("Worker timeout while handling %s", what)
        else:
            self.log.exception("Error handling request %s", what)
        try:
            write_nonblock(client, response(status))
        except Exception:  # the client has gone: nothing left to tell it
            self.log.debug("Failed to send the error page.")
