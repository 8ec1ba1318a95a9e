"""A small HTTP browser for live-server tests: a cookie jar, CSRF tokens, form and file posts.

It does not follow redirects, so a test sees the 302 that a successful form post answers.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@dataclass
class Answer:
    status: int
    location: str
    body: str


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )

    def _open(self, request: urllib.request.Request) -> Answer:
        try:
            with self.opener.open(request, timeout=120) as response:
                return Answer(response.status, "", response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace")
            return Answer(error.code, error.headers.get("Location", ""), body)

    def get(self, path: str) -> Answer:
        return self._open(urllib.request.Request(self.base + path))

    def csrf(self) -> str:
        for cookie in self.jar:
            if cookie.name == "csrftoken":
                return cookie.value or ""
        self.get("/accounts/login/")
        return next(c.value or "" for c in self.jar if c.name == "csrftoken")

    def post(
        self, path: str, data: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None
    ) -> Answer:
        fields = {"csrfmiddlewaretoken": self.csrf(), **data}
        headers = {"Referer": self.base + path}
        if files:
            body, content_type = _multipart(fields, files)
        else:
            body = urllib.parse.urlencode(fields).encode()
            content_type = "application/x-www-form-urlencoded"
        headers["Content-Type"] = content_type
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        return self._open(request)

    def api(self, path: str, token: str, payload: dict[str, str] | None = None) -> Answer:
        """A GET, or a POST of a JSON body, with an API token (no session, no CSRF)."""
        headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
        body = None
        if payload is not None:
            body = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        return self._open(urllib.request.Request(self.base + path, data=body, headers=headers))

    def log_in(self, username: str, password: str) -> None:
        answer = self.post("/accounts/login/", {"username": username, "password": password})
        assert answer.status == 302, (username, answer.status, answer.body[:500])


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = secrets.token_hex(16)
    parts: list[bytes] = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{head}{value}\r\n".encode())
    for name, (filename, content) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def report_ids(review_page: str) -> list[int]:
    """The ids of the reports a review queue page offers to decide."""
    return sorted({int(n) for n in re.findall(r"/reports/(\d+)/review/", review_page)})
