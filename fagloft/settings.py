"""Fagløft settings: one file, read from the environment, with defaults that run on a fresh checkout."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from fagloft.lib.env import envbool, envint, envlist, envsecret, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = envsecret("SECRET_KEY", "not-for-production-only-for-the-demo-and-tests")
DEBUG = envbool("DEBUG", "false")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

# Demo mode relaxes two-factor login for the demo users and shows a banner on every page.
# It must never be switched on in production (EV's "not_for_prod" naming).
DEMO_MODE_NOT_FOR_PRODUCTION = envbool("FAGLOFT_DEMO", "false")

SITE_NAME = "Fagløft"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "mozilla_django_oidc",
    # Fagløft apps, bottom layer first (they depend downward only, see docs/architecture.md).
    "fagloft.audit",
    "fagloft.organizations",
    "fagloft.accounts",
    "fagloft.statistics",
    "fagloft.kostra",
    "fagloft.assessments",
    "fagloft.networks",
    "fagloft.competence",
    "fagloft.programmes",
    "fagloft.economy",
    "fagloft.grants",
    "fagloft.knowledge",
    "fagloft.organising",
    "fagloft.reports",
    # What spans every app (the change log page, `fagloft demo`): above all of them.
    "fagloft.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "fagloft.lib.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fagloft.lib.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fagloft.accounts.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "fagloft.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fagloft.urls"
WSGI_APPLICATION = "fagloft.wsgi.application"

# Django's form templates, with the per-option ones drawn in Python (fagloft/lib/form_renderer.py).
FORM_RENDERER = "fagloft.lib.form_renderer.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "fagloft" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fagloft.navigation.layout",
            ],
            # The form and format kit is used by every app's templates without `{% load %}` noise.
            "libraries": {
                "fagloft_forms": "fagloft.lib.templatetags.fagloft_forms",
                "fagloft_format": "fagloft.lib.templatetags.fagloft_format",
                "fagloft_links": "fagloft.lib.templatetags.fagloft_links",
            },
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'fagloft.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the benchmark's concurrent readers work while the demo writes.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Pages cache computed figures and drawn maps. In memory per process by default (the demo, tests);
# FAGLOFT_CACHE=file shares one cache between the web workers of a machine (files in
# FAGLOFT_CACHE_DIR), FAGLOFT_CACHE=database between several machines (after `fagloft
# createcachetable`). Every entry is keyed on a data version, so none of them can go stale.
_CACHE_KIND = envstr("FAGLOFT_CACHE", "locmem")
if _CACHE_KIND not in ("locmem", "file", "database"):
    raise ImproperlyConfigured(f"FAGLOFT_CACHE must be locmem, file or database, not {_CACHE_KIND!r}")
CACHES = {
    "default": {
        "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fagloft"},
        "file": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": envstr("FAGLOFT_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            # A page cache holds some thousands of entries on national data; Django's default is 300.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
        "database": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "fagloft_cache"},
    }[_CACHE_KIND]
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "front"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Throttling of failed logins (django-axes): five failures lock the username from that address for 15 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = envbool("AXES_ENABLED", "true")
# Spraying one password over many usernames from one address is not slowed by the lock above:
# after this many different usernames fail from one address within the window, that address may
# not try again until the window has passed (fagloft/accounts/login_limits.py).
FAGLOFT_LOGIN_SPRAY_USERNAMES = envint("FAGLOFT_LOGIN_SPRAY_USERNAMES", 10)
FAGLOFT_LOGIN_SPRAY_MINUTES = envint("FAGLOFT_LOGIN_SPRAY_MINUTES", 15)
# Wrong API keys from one address within that window before it is refused (429) for the rest of it.
FAGLOFT_API_TOKEN_FAILURES = envint("FAGLOFT_API_TOKEN_FAILURES", 20)
# How many proxies in front of the app add to X-Forwarded-For (0: use the connecting address).
# Both the login limit and the API throttles count per address, so the header must not be trusted
# beyond the proxies that really are there.
FAGLOFT_NUM_PROXIES = envint("FAGLOFT_NUM_PROXIES", 0)

# Sessions end after this long without a request: sooner for the roles with two factors, since they
# see many municipalities' data. And in any case this many hours after login.
FAGLOFT_SESSION_IDLE_MINUTES_PRIVILEGED = envint("FAGLOFT_SESSION_IDLE_MINUTES_PRIVILEGED", 30)
FAGLOFT_SESSION_IDLE_MINUTES = envint("FAGLOFT_SESSION_IDLE_MINUTES", 8 * 60)
FAGLOFT_SESSION_MAX_HOURS = envint("FAGLOFT_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = FAGLOFT_SESSION_MAX_HOURS * 3600
# A link in a password-reset e-mail works for this long (seconds).
PASSWORD_RESET_TIMEOUT = envint("PASSWORD_RESET_TIMEOUT", 60 * 60)

# Personal API tokens expire after this many days (accounts/api_tokens.py).
FAGLOFT_API_TOKEN_DAYS = envint("FAGLOFT_API_TOKEN_DAYS", 90)
# One-time codes an admin gives for setting up the second factor expire after this many hours.
FAGLOFT_ENROLMENT_CODE_HOURS = envint("FAGLOFT_ENROLMENT_CODE_HOURS", 72)

OTP_TOTP_ISSUER = "Fagløft"

# OpenID Connect (ID-porten or Entra ID). Switched on only when a client id is configured;
# see docs/login.md.
OIDC_RP_CLIENT_ID = envstr("OIDC_RP_CLIENT_ID")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = envsecret("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = envstr("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = envstr("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = envstr("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = envstr("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = envstr("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = envstr("OIDC_RP_SCOPES", "openid profile email")
OIDC_PROVIDER_NAME = envstr("OIDC_PROVIDER_NAME", "ID-porten")
# Which claim identifies a person: "pid" (national identity number) for ID-porten, "email" or "oid" for Entra ID.
OIDC_USERNAME_CLAIM = envstr("OIDC_USERNAME_CLAIM", "email")
OIDC_CREATE_USER = False
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("fagloft.accounts.oidc.FagloftOIDCBackend")

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål")), ("nn", _("Norsk nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "fagloft" / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "fagloft_language"

STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
NODE_MODULES = BASE_DIR / "node_modules"
# Front-end libraries are installed with npm and served from here: no CDN at run time.
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [
    BASE_DIR / "fagloft" / "static",
    ("vendor/designsystemet-css", NODE_MODULES / "@digdir" / "designsystemet-css" / "dist" / "src"),
    ("vendor/designsystemet-theme", NODE_MODULES / "@digdir" / "designsystemet-theme" / "brand"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
]
STATICFILES_DIRS = [e for e in STATICFILES_DIRS if (e[1] if isinstance(e, tuple) else e).is_dir()]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Uploads larger than this are refused before they are read (KOSTRA files, imports, attachments).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Uploaded import files wait here for the task worker; share it between machines in production.
FAGLOFT_IMPORT_DIR = Path(envstr("FAGLOFT_IMPORT_DIR", str(BASE_DIR / "var" / "imports")))
FAGLOFT_MAX_UPLOAD_BYTES = envint("FAGLOFT_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "fagloft@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", "false")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "fagloft.accounts.api_tokens.ApiTokenAuthentication",
    ],
    # Fails closed: an endpoint without a declared action answers 403 to everyone.
    "DEFAULT_PERMISSION_CLASSES": ["fagloft.accounts.api_permissions.DeclaredActionPermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": [
        "fagloft.lib.api_render.FastJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "fagloft.lib.api_limits.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    # drf-spectacular's, plus the problem-details errors of each operation.
    "DEFAULT_SCHEMA_CLASS": "fagloft.accounts.api_schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "fagloft.lib.api_limits.AnonRateThrottle",
        "fagloft.lib.api_limits.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": envstr("FAGLOFT_API_RATE_ANON", "60/min"),
        "user": envstr("FAGLOFT_API_RATE_USER", "600/min"),
    },
    "NUM_PROXIES": FAGLOFT_NUM_PROXIES,
    # Errors answer RFC 9457 problem details (JSON), also Django's ValidationError as 400.
    "EXCEPTION_HANDLER": "fagloft.lib.api_errors.exception_handler",
}
# `?limit=` above this is cut down to it; offsets are capped so they never overflow the database.
FAGLOFT_API_MAX_PAGE_SIZE = envint("FAGLOFT_API_MAX_PAGE_SIZE", 500)
FAGLOFT_API_MAX_OFFSET = 10**9
SPECTACULAR_SETTINGS = {
    "TITLE": "Fagløft API",
    "DESCRIPTION": "REST API for Fagløft. Same permissions as the pages.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a `status` field with their own choices; the education status (shared by
    # Education and FurtherEducation) gets a stable name instead of a hash-suffixed one.
    # Two apps' `delivery` choices (how a programme is taught; who delivers a municipality's
    # intervention) would otherwise share the name DeliveryEnum and one would describe the other.
    "ENUM_NAME_OVERRIDES": {
        "EducationStatusEnum": "fagloft.competence.models.Status",
        "ProgrammeDeliveryEnum": "fagloft.programmes.models.Delivery",
        "RiskLevelEnum": "fagloft.assessments.models.RiskLevel",
        "OfferDeliveryEnum": "fagloft.knowledge.models.Offer.Delivery",
    },
    # ReDoc's fonts would come from Google; the page uses the system's fonts instead.
    "REDOC_UI_SETTINGS": {
        "theme": {
            "typography": {
                "fontFamily": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
                "headings": {"fontFamily": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"},
                "code": {"fontFamily": "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace"},
            }
        }
    },
}

# Long work runs as tasks: immediately in the demo and tests, by a database-backed worker in production.
TASKS = {
    "default": {
        "BACKEND": envstr("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}

# Production: FAGLOFT_PRODUCTION=true behind a TLS-terminating reverse proxy (docs/deployment.md).
# `fagloft check --deploy` is clean with it, and the app refuses to start with a demo setting.
PRODUCTION = envbool("FAGLOFT_PRODUCTION", "false")
DEMO_SECRET_KEY = "not-for-production-only-for-the-demo-and-tests"
if PRODUCTION:
    if DEMO_MODE_NOT_FOR_PRODUCTION:
        raise ImproperlyConfigured("FAGLOFT_DEMO=true is not allowed with FAGLOFT_PRODUCTION=true.")
    if SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE) to a random value of at least 50 characters.")
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be false in production.")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    # The health check is asked by the proxy and the process manager over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^helse/$", r"^health/$"]
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
    # Preload is off unless the operator turns it on, deliberately: a preload-list entry covers the
    # whole registrable domain (often the municipality's or county's, with sites that are not ours),
    # and takes months to undo. So check --deploy's reminder about it (security.W021) is silenced,
    # and only while preload is off by that choice.
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
