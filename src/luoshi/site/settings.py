"""Django settings, read from environment variables; SQLite is the zero-config default."""

import os
from pathlib import Path

import dj_database_url


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("LUOSHI_DATA_DIR", str(Path.cwd() / "var")))

SECRET_KEY = env_str("SECRET_KEY", "luoshi-development-key-not-for-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "luoshi.tracking",
    "luoshi.exchange",
    "rest_framework",
    "rest_framework.authtoken",  # tokens for integrations; `manage.py drf_create_token USER`
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc files served locally, no CDN
    "luoshi.public",
    "luoshi.api",
    "luoshi.ledger",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "luoshi.site.urls"
WSGI_APPLICATION = "luoshi.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "luoshi.tracking.context_processors.tracking",
            ],
        },
    },
]

# SQLite by default; PostgreSQL (or another database) when DATABASE_URL points at one,
# e.g. postgres://luoshi:secret@127.0.0.1:5432/luoshi.
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("LUOSHI_SQLITE", str(DATA_DIR / "luoshi.sqlite3")),
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
# The app's own catalog first, so its words win over Django's (Filter → 筛选, not 过滤器).
LOCALE_PATHS = [BASE_DIR / "tracking" / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# Third-party front-end files installed at set-up (ECharts from the npm registry), never a CDN.
VENDOR_DIR = DATA_DIR / "vendor"
STATICFILES_DIRS = [VENDOR_DIR] if VENDOR_DIR.is_dir() else []
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("LUOSHI_MEDIA_ROOT", str(DATA_DIR / "media")))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "tracking:dashboard"
LOGOUT_REDIRECT_URL = "login"

# The tracker: statuses are computed for this date when set (YYYY-MM-DD), else for today.
LUOSHI_AS_OF = env_str("LUOSHI_AS_OF", "")
LUOSHI_EVIDENCE_MAX_MB = int(env_str("LUOSHI_EVIDENCE_MAX_MB", "10"))
LUOSHI_EVIDENCE_MAX_FILES = 5
LUOSHI_REPORT_MAX_MB = 20
LUOSHI_SERVE_MEDIA = env_bool("LUOSHI_SERVE_MEDIA", DEBUG)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The JSON API (luoshi.api): session login for the web, tokens for integrations. A view that
# names no permission class is closed to anonymous clients (see luoshi/api/permissions.py).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes anonymous callers get 401, not 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["luoshi.api.permissions.MemberRead"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "luoshi.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "luoshi.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "luoshi API",
    "DESCRIPTION": "Plans, tasks and their status, targets, departments and progress reports.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # No badge from the online validator: the page loads nothing from elsewhere.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "PlanStateEnum": "luoshi.tracking.models.Plan.STATES",
        "ReportStateEnum": "luoshi.tracking.models.ProgressReport.STATES",
    },
}
