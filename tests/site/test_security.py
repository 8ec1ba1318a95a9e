"""Security headers, inline-script-free templates, password rules, login throttling, 500 page."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import path, reverse

import luoshi

PASSWORD = "correct horse battery staple"
LOCKED = "登录失败次数过多"


@pytest.fixture(autouse=True)
def clean_cache(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def erin(db):
    return User.objects.create_user("erin", "erin@example.org", PASSWORD)


def test_pages_carry_the_security_headers(client, db):
    for url in (reverse("login"), "/no-such-page/"):
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        policy = response["Content-Security-Policy"]
        assert "script-src 'self';" in policy
        assert "frame-ancestors 'none'" in policy
        assert "http" not in policy and "*" not in policy  # no source outside the site


def test_the_cookies_are_http_only_and_same_site(client, db):
    response = client.get(reverse("login"))
    cookie = response.cookies["csrftoken"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def _templates() -> list[Path]:
    return sorted(Path(luoshi.__file__).parent.glob("*/templates/**/*.html"))


@pytest.mark.parametrize("template", _templates(), ids=lambda p: "/".join(p.parts[-3:]))
def test_no_template_has_inline_script_the_policy_would_block(template):
    html = template.read_text("utf-8")
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, f"inline <script> in {template}: move it to a static file"
    assert not re.search(r"\son[a-z]+\s*=", html), f"inline event handler in {template}"
    assert "javascript:" not in html


def test_passwords_need_ten_characters_and_not_a_common_one():
    with pytest.raises(ValidationError):
        validate_password("k9#mQ2$vL")  # nine characters
    with pytest.raises(ValidationError):
        validate_password("1234567890")
    validate_password("k9#mQ2$vLx")


def _fail(client, username="erin", address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": "wrong"}, REMOTE_ADDR=address
    )


def test_login_is_refused_after_five_failures_even_with_the_right_password(client, erin):
    for _ in range(5):
        response = _fail(client)
        assert response.status_code == 200 and LOCKED not in response.content.decode()
    response = client.post(
        reverse("login"), {"username": "erin", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_user_name_and_address(client, erin, db):
    User.objects.create_user("frank", "frank@example.org", PASSWORD)
    for _ in range(5):
        _fail(client)
    elsewhere = Client().post(
        reverse("login"), {"username": "erin", "password": PASSWORD}, REMOTE_ADDR="10.0.0.2"
    )
    assert elsewhere.status_code == 302
    other_user = Client().post(
        reverse("login"), {"username": "frank", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert other_user.status_code == 302


def test_a_successful_login_clears_the_count(client, erin):
    for _ in range(4):
        _fail(client)
    ok = client.post(
        reverse("login"), {"username": "erin", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert ok.status_code == 302
    client.logout()
    for _ in range(4):
        _fail(client)
    assert LOCKED not in _fail(client).content.decode()  # the fifth failure of a fresh count


def test_the_lock_holds_for_the_window_only(client, erin, settings):
    settings.LUOSHI_LOGIN_FAILURES = 2
    _fail(client), _fail(client)
    assert LOCKED in _fail(client).content.decode()
    cache.clear()  # what the window's expiry does
    assert LOCKED not in _fail(client).content.decode()


def test_the_admin_login_is_throttled_too(client, db):
    User.objects.create_superuser("root", "root@example.org", PASSWORD)
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "root", "password": "wrong"})
    response = client.post(url, {"username": "root", "password": PASSWORD})
    assert LOCKED in response.content.decode()


def _broken(request):
    raise RuntimeError("secret detail of the failure")


urlpatterns = [path("broken/", _broken)]


def test_a_server_error_shows_the_error_page_without_a_traceback(db, settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "服务器出错了" in body
    assert "Traceback" not in body and "secret detail" not in body and "RuntimeError" not in body
