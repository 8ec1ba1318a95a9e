"""WSGI apps for the gunicorn error-page test: one outlives any worker timeout, one fails."""

import time


def slow(environ, start_response):
    time.sleep(30)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"too late"]


def broken(environ, start_response):
    raise RuntimeError("secret detail of the failure")
