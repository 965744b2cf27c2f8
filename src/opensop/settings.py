"""One settings module, read from the environment (see .env.example).

SQLite is the embedded default; DATABASE_URL selects PostgreSQL. Secrets may also
come from a file named in <NAME>_FILE, as container platforms provide them.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext

# Lets admin.ModelAdmin[Model] and friends be subscripted at run time, as the type checker wants.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env(name: str, default: str = "") -> str:
    file = os.environ.get(f"{name}_FILE")
    if file:
        return Path(file).read_text("utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, str(default)).lower() in {"1", "true", "yes", "ja"}


DEBUG = env_bool("DJANGO_DEBUG")
SECRET_KEY = env("DJANGO_SECRET_KEY") or ("dev-only-not-secret" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("Zet DJANGO_SECRET_KEY (of DJANGO_DEBUG=1 voor ontwikkeling).")
ALLOWED_HOSTS = [h for h in env("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in env("DJANGO_CSRF_TRUSTED_ORIGINS").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_htmx",
    "csp",  # its checks refuse the settings of django-csp 3
    "django_tasks",
    "django_tasks_db",
    "opensop.organisations",
    "opensop.accounts",
    "opensop.profiles",
    "opensop.workflow",
    "opensop.documents",
    "opensop.imports",
    "opensop.overview",
    "opensop.cycle",
    "opensop.basisondersteuning",
    "opensop.portal",
    "opensop.demo",
    # The REST API and open data (api/): DRF, its OpenAPI schema and docs (assets served
    # from here, not a CDN), filters, and CORS for the public read endpoints. opensop.api
    # first: its locale keeps Django's "Dit veld is verplicht." over DRF's wording.
    "opensop.api",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "corsheaders",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # before CommonMiddleware, as it asks
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "opensop.accounts.two_factor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it turns a lockout into the Dutch lockout page
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out logins before checking
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one account from one address: locked for a quarter of an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_RESET_ON_SUCCESS = True

ROOT_URLCONF = "opensop.urls"
WSGI_APPLICATION = "opensop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'opensop.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Readers do not wait for a writer, and a commit (e.g. the API's request limit, one
        # per request) appends to the log without an fsync of the database each time.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        # A writing transaction takes the write lock when it begins, so two of them wait
        # their turn (busy timeout) instead of one failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        **DATABASES["default"].get("OPTIONS", {}),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The public queries are short; PostgreSQL's JIT spent 220 ms compiling one of them.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sessions in the database: any number of app servers can share one PostgreSQL.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS. In production (debug off) plain HTTP is redirected to HTTPS and browsers are told
# to use only HTTPS for a year (HSTS). Behind a proxy that ends TLS, name the header it sets,
# e.g. DJANGO_SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https, or every request seems
# plain HTTP and is redirected again and again. Preload stays off unless chosen: it puts the
# whole domain on the browsers' built-in list, which takes months to undo.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", "0" if DEBUG else str(365 * 86400)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD")
_proxy_ssl_header = [part.strip() for part in env("DJANGO_SECURE_PROXY_SSL_HEADER").split(",")]
if len(_proxy_ssl_header) == 2 and all(_proxy_ssl_header):  # a header name and its value
    SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header[0], _proxy_ssl_header[1])
elif any(_proxy_ssl_header):
    raise RuntimeError(
        "DJANGO_SECURE_PROXY_SSL_HEADER moet een naam en een waarde zijn, gescheiden door een "
        "komma, bijvoorbeeld HTTP_X_FORWARDED_PROTO,https."
    )
# Without preload Django's deploy check warns (security.W021); leaving it off is deliberate.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Content-Security-Policy (django-csp 4): scripts, styles, fonts and everything else only from
# this site, so an injected <script> or style="" does nothing. No template has inline script
# or style (docs/decisions.md); htmx is told not to add its own <style> (the htmx-config meta
# tag in base.html), and the API docs page loads its start script from a URL of its own.
# Images may also be data: URLs (the SWV's logo in the documents, Swagger UI's icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # No page is shown inside a frame, ours or another site's (as X-Frame-Options: DENY).
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy (django-permissions-policy): the browser features no page of ours uses
# are switched off, for us and for anything injected.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "opensop.accounts.passwords.MinimumLengthValidator",  # Dutch message
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
OTP_TOTP_ISSUER = "Open SOP"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for one day

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = PROJECT_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    # Documents and uploads; e.g. storages.backends.s3.S3Storage (django-storages) for
    # S3-compatible object storage when several app servers share one region.
    "default": {
        "BACKEND": env("DJANGO_DEFAULT_STORAGE", "django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": env(
            "DJANGO_STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = PROJECT_DIR / "var" / "media"
# In development WhiteNoise serves straight from the apps' static folders (no collectstatic).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "Open SOP <noreply@opensop.invalid>")

# Background tasks (django-tasks, the backport of Django 6's django.tasks): document batches.
# The default runs a task in the request that starts it, so `make run` needs no worker;
# production sets django_tasks_db.DatabaseBackend and runs `python manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env("OPENSOP_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

# Extra folders with SWV format definitions, next to the built-in ones.
OPENSOP_FORMAT_DIRS = [Path(p) for p in env("OPENSOP_FORMAT_DIRS").split(os.pathsep) if p]

# Invitations by e-mail link (accounts/invitations.py): how many days a link works.
OPENSOP_INVITATION_DAYS = int(env("OPENSOP_INVITATION_DAYS", "14"))
# The address the site is reached at, for absolute links in e-mails sent outside a request
# (invitations, state changes mailed to SWV staff).
OPENSOP_BASE_URL = env("OPENSOP_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Imports (imports/): the largest file, in bytes, a register or filled form may be.
OPENSOP_IMPORT_MAX_BYTES = int(env("OPENSOP_IMPORT_MAX_BYTES", str(20 * 1000 * 1000)))

# ------------------------------------------------------------------ REST API (api/, docs/api.md)
# Request limits are counted in a cache every app server shares: a table in the database
# (created by the api app's migration), or e.g. Redis through OPENSOP_API_CACHE_BACKEND.
# With REDIS_URL set that is Django's RedisCache (it needs the `redis` package installed):
# no database queries per request for the limit.
REDIS_URL = env("REDIS_URL")
CACHES = {
    # Rendered documents of published profiles and the national overview's counts: shared
    # by every worker in Redis when there is one, else kept per process.
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    "api": {
        "BACKEND": env(
            "OPENSOP_API_CACHE_BACKEND",
            "django.core.cache.backends.redis.RedisCache"
            if REDIS_URL
            else "django.core.cache.backends.db.DatabaseCache",
        ),
        "LOCATION": env("OPENSOP_API_CACHE_LOCATION", REDIS_URL or "opensop_api_cache"),
    },
}
# Requests per client: per address without a key, per key with one (docs/api.md).
OPENSOP_API_RATE_PUBLIC = env("OPENSOP_API_RATE_PUBLIC", "120/minute")
OPENSOP_API_RATE_TOKEN = env("OPENSOP_API_RATE_TOKEN", "600/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["opensop.api.authentication.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["opensop.api.throttling.PerClientThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["opensop.api.filters.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "opensop.api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "opensop.api.errors.dutch_errors",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Open SOP API",
    "DESCRIPTION": (
        "Gepubliceerde schoolondersteuningsprofielen: samenwerkingsverbanden, scholen, "
        "profielen, formaten en ondersteuningsbehoeften. Zie docs/api.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # the docs' scripts from our own static files, no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "opensop.api.schema.add_error_responses",
        "opensop.api.schema.forbid_null_characters",
    ],
}
# Other websites may read the public API from the browser; never with a key (no
# Authorization header allowed), never with cookies, only GET.
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "content-type"]
# Open data (api/open_data.py): where `export_open_data` puts the files in the default storage.
OPENSOP_OPEN_DATA_PREFIX = "open-data"

# ------------------------------------------------------------------ logs (opensop/logs.py)
# Every error with its traceback and every security event as one JSON line on stderr
# (docs/operations.md). ADMINS, when set ("Naam <adres>,..."), also get each 500 by e-mail.
ADMINS = [
    (admin.split("<")[0].strip(), admin.split("<")[-1].rstrip(">").strip())
    for admin in env("DJANGO_ADMINS").split(",")
    if admin.strip()
]
OPENSOP_LOG_LEVEL = env("OPENSOP_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "opensop.logs.JsonFormatter"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "json"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        # A 500 is logged here with its traceback (and mailed when ADMINS is set).
        "django.request": {
            "handlers": ["stderr", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
        "django.security": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "opensop": {"handlers": ["stderr"], "level": OPENSOP_LOG_LEVEL, "propagate": False},
        "axes": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}
