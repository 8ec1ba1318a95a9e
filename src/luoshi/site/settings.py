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

# Production refuses this key (see the production block at the end).
DEVELOPMENT_KEY = "luoshi-development-key-not-for-production"
SECRET_KEY = env_str("SECRET_KEY", DEVELOPMENT_KEY)
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
    "luoshi.notices",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "luoshi.tracking.middleware.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "luoshi.site.urls"
WSGI_APPLICATION = "luoshi.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "site" / "templates"],  # the 500 page
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "luoshi.tracking.context_processors.tracking",
                "luoshi.notices.context_processors.notices",
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
            # Several writers at once: WAL lets readers go on during a write, IMMEDIATE takes
            # the write lock when a transaction starts (no failed lock upgrade half-way), and
            # a writer waits up to 20 s for another instead of failing.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

# Backups keep every timestamp to the microsecond (luoshi.backup writes data.jsonl, one row a line).
SERIALIZATION_MODULES = {
    "fulljson": "luoshi.site.fulljson",
    "fulljsonl": "luoshi.site.fulljsonl",  # what backups write since format version 2
}

AUTHENTICATION_BACKENDS = ["luoshi.tracking.auth.MemberBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
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
# Django's finders, and ECharts from its PyPI package (luoshi.tracking.vendor): never a CDN.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "luoshi.tracking.vendor.EChartsFinder",
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("LUOSHI_MEDIA_ROOT", str(DATA_DIR / "media")))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "tracking:home"  # a liaison lands on 我的任务
LOGOUT_REDIRECT_URL = "login"

# The tracker: statuses are computed for this date when set (YYYY-MM-DD), else for today.
LUOSHI_AS_OF = env_str("LUOSHI_AS_OF", "")
LUOSHI_EVIDENCE_MAX_MB = int(env_str("LUOSHI_EVIDENCE_MAX_MB", "10"))
LUOSHI_EVIDENCE_MAX_FILES = 5
LUOSHI_REPORT_MAX_MB = 20  # the uploaded file: a .docx or .pdf with pictures can be large
# The report's text: the largest real one is ~100,000 characters; 350,000 (7,000 tasks) saved in
# about 1.5 minutes, 1.75 million took 7 minutes and more (README, Reliability; issue 18, item 8).
LUOSHI_REPORT_MAX_CHARS = int(env_str("LUOSHI_REPORT_MAX_CHARS", "500000"))

# Reminders (`luoshi remind`, daily from cron): reports are due by this day of the month after
# the period; 临近提醒 goes out this many days before it (and before a checkpoint); 未签收 this many
# days after publication.
LUOSHI_REPORT_DAY = int(env_str("LUOSHI_REPORT_DAY", "5"))
LUOSHI_REMIND_DAYS = int(env_str("LUOSHI_REMIND_DAYS", "3"))
LUOSHI_SIGN_DAYS = int(env_str("LUOSHI_SIGN_DAYS", "3"))
# 延期 and target changes wait for a leader overseeing the department (分管) to approve them;
# off, the office applies its revisions at once and decides the departments' requests.
LUOSHI_LEADER_APPROVAL = env_bool("LUOSHI_LEADER_APPROVAL", False)
LUOSHI_WEBHOOK_TIMEOUT = 10
LUOSHI_WEBHOOK_BACKOFF = float(env_str("LUOSHI_WEBHOOK_BACKOFF", "2"))
# Background work through Django's Tasks framework (django-tasks): run at once in the process
# that asks (the default in development and tests), or LUOSHI_TASKS=database to queue in the
# database for `luoshi worker` (the production default, below).
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[env_str("LUOSHI_TASKS", "immediate")]
    }
}
# A started import that reports no progress for this many minutes is marked failed (its worker
# died); finished imports are deleted after this many days (`luoshi worker` start, `tidy_jobs`).
LUOSHI_JOB_STALE_MINUTES = int(env_str("LUOSHI_JOB_STALE_MINUTES", "30"))
LUOSHI_JOB_KEEP_DAYS = int(env_str("LUOSHI_JOB_KEEP_DAYS", "30"))
# Mail: the console in development and the demo; EMAIL_HOST and the rest in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "luoshi@localhost")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The JSON API (luoshi.api): session login for the web, tokens for integrations. A view that
# names no permission class is closed to anonymous clients (see luoshi/api/permissions.py).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes anonymous callers get 401, not 403.
        "rest_framework.authentication.TokenAuthentication",
        "luoshi.api.authentication.SessionAuthentication",  # CSRF refusals in the user's language
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
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "luoshi.api.schema.document_errors",  # the 400 answers and their error body
    ],
    "ENUM_NAME_OVERRIDES": {
        "PlanStateEnum": "luoshi.tracking.models.Plan.STATES",
        "ReportStateEnum": "luoshi.tracking.models.ProgressReport.STATES",
    },
}

# --- Security and production (issue 8) -------------------------------------------------------
# LUOSHI_ENV=production (or PRODUCTION=1) turns on the deployment settings; `luoshi prod` sets it.
PRODUCTION = env_str("LUOSHI_ENV", "").lower() == "production" or env_bool("PRODUCTION", False)

# Every response: no script, style, font or image from elsewhere, no framing (pages keep their
# scripts in static files; json_script data blocks are not executed). Inline styles stay
# allowed because ECharts positions its tooltips with them.
LUOSHI_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
MIDDLEWARE.insert(1, "luoshi.site.security.ContentSecurityPolicyMiddleware")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"

# App servers keep no state: sessions in the database (LUOSHI_SESSIONS=cached_db or cache to use
# the cache), uploads in LUOSHI_MEDIA_ROOT, which several servers may share.
SESSION_ENGINE = "django.contrib.sessions.backends." + env_str("LUOSHI_SESSIONS", "db")
# The cache counts failed logins and shares computed statuses and parts of pages between app
# servers. "local" is per process; "database" is one table that every app server shares (made by
# `luoshi prod`), the production default.
_CACHE = env_str("LUOSHI_CACHE", "database" if PRODUCTION else "local")
_CACHE_BACKEND = "db.DatabaseCache" if _CACHE == "database" else "locmem.LocMemCache"
# The cache all app servers share (login-failure counts, the data versions of the page cache):
# a database table in production.
CACHES = {
    "default": {
        "BACKEND": f"django.core.cache.backends.{_CACHE_BACKEND}",
        "LOCATION": "luoshi_cache",  # the table's name (a name for the per-process cache)
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": int(env_str("LUOSHI_SHARED_CACHE_ENTRIES", "20000"))},
    },
    # Whole pages, in each process's memory under the data versions (tracking/pagecache.py).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "luoshi_pages",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": int(env_str("LUOSHI_PAGE_CACHE_ENTRIES", "2000"))},
    },
}
# The versions must be shared by every process that serves pages: several production workers
# with a per-process shared cache (LUOSHI_CACHE=local) would not see each other's writes.
LUOSHI_PAGE_CACHE = env_bool("LUOSHI_PAGE_CACHE", not (PRODUCTION and _CACHE == "local"))

# Login throttling: this many failures for one user name from one address lock that pair out for
# the window. Behind a proxy, LUOSHI_CLIENT_IP_HEADER names the header the proxy sets with the
# client's address (e.g. HTTP_X_REAL_IP); otherwise REMOTE_ADDR is used.
LUOSHI_LOGIN_FAILURES = int(env_str("LUOSHI_LOGIN_FAILURES", "5"))
LUOSHI_LOGIN_WINDOW_MINUTES = int(env_str("LUOSHI_LOGIN_WINDOW_MINUTES", "15"))
LUOSHI_CLIENT_IP_HEADER = env_str("LUOSHI_CLIENT_IP_HEADER", "")
# 留言 on the public page: messages accepted from one address per hour.
LUOSHI_FEEDBACK_PER_HOUR = int(env_str("LUOSHI_FEEDBACK_PER_HOUR", "5"))

if PRODUCTION:
    from django.core.exceptions import ImproperlyConfigured

    DEBUG = False
    # Imports and reminders go to the database queue for `luoshi worker`: no web request waits
    # on a long report (gunicorn's timeout would end it). LUOSHI_TASKS=immediate overrides.
    if "LUOSHI_TASKS" not in os.environ:
        TASKS["default"]["BACKEND"] = "django_tasks_db.DatabaseBackend"
    # A random key of 50 characters has dozens of distinct ones and never repeats a pattern
    # ("abcde" × 10 has five, and is its own prefix repeated).
    _PERIODIC = (SECRET_KEY * 2).find(SECRET_KEY, 1) < len(SECRET_KEY)
    if (
        SECRET_KEY == DEVELOPMENT_KEY
        or len(SECRET_KEY) < 50
        or len(set(SECRET_KEY)) < 20
        or _PERIODIC
    ):
        raise ImproperlyConfigured(
            "生产环境必须设置 SECRET_KEY 环境变量（至少50个字符的随机字符串），不能使用开发密钥。"
            "可用以下命令生成：python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # LUOSHI_HTTPS=0 only where users reach the site over plain HTTP (`check --deploy` then
    # warns, rightly). Behind a TLS proxy, keep it on and name the proxy's header, e.g.
    # LUOSHI_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO, so Django knows the request was HTTPS.
    _HTTPS = env_bool("LUOSHI_HTTPS", True)
    SECURE_SSL_REDIRECT = _HTTPS
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _HTTPS
    SECURE_HSTS_SECONDS = int(env_str("LUOSHI_HSTS_SECONDS", "31536000" if _HTTPS else "0"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("LUOSHI_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("LUOSHI_HSTS_PRELOAD", True)
    if env_str("LUOSHI_PROXY_SSL_HEADER", ""):
        SECURE_PROXY_SSL_HEADER = (env_str("LUOSHI_PROXY_SSL_HEADER", ""), "https")
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
    # WhiteNoise serves the collected static files with hashed names, gzip and far-future caching.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # Errors go to stderr, which the WSGI server logs; users see the 500 page only.
    LOGGING = {
        "version": 1,
        "disable_existing_loggers": False,
        "handlers": {"stderr": {"class": "logging.StreamHandler"}},
        "root": {"handlers": ["stderr"], "level": "WARNING"},
    }
