"""Django settings for werkbrug. Every value that differs per installation comes from the
environment through :mod:`werkbrug.config` (documented in docs/deployment.md)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from werkbrug import clock, config

_CONFIG = config.from_environment()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR: Path = _CONFIG["data_dir"]
PRODUCTION: bool = _CONFIG["production"]
DEBUG: bool = _CONFIG["debug"]
SECRET_KEY: str = _CONFIG["secret_key"]
BSN_KEY: bytes = _CONFIG["bsn_key"]
ALLOWED_HOSTS: list[str] = _CONFIG["allowed_hosts"]
DATABASES = {"default": _CONFIG["database"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    # django-ninja: its templates and static files serve the API's docs (werkbrug.api).
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "werkbrug.accounts",
    "werkbrug.audit",
    "werkbrug.deliveries",
    "werkbrug.projects",
    "werkbrug.people",
    "werkbrug.trajectories",
    "werkbrug.vacancies",
    "werkbrug.matches",
    "werkbrug.reports",
    "werkbrug.schemes",
    "werkbrug.jobs",
    "werkbrug.web",
    "werkbrug.api",
]

# Background jobs (werkbrug.jobs, docs/jobs.md): django-tasks with its database backend, so
# SQLite and PostgreSQL alike; `werkbrug worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOB_LEASE_SECONDS: int = _CONFIG["job_lease_seconds"]

MIDDLEWARE = [
    # First: the request id, the metrics and the access log see every request, and the
    # health, readiness and metrics endpoints answer before the host check and the HTTPS
    # redirect (a probe on 127.0.0.1:8000 has neither the host name nor TLS).
    "werkbrug.ops.middleware.OpsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so static files carry the Content Security Policy too.
    "werkbrug.web.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: it ends sessions that outlived the maximum since the log-in.
    "werkbrug.accounts.session_expiry.SessionMaxAgeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "werkbrug.api.middleware.ApiVersionMiddleware",
]

ROOT_URLCONF = "werkbrug.urls"
WSGI_APPLICATION = "werkbrug.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "werkbrug.web.context.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/login/"

# Log-in through an OpenID Connect provider: off (None) unless WERKBRUG_OIDC_ISSUER is set
# (werkbrug.config.oidc, docs/security.md). The backend answers only the provider's callback
# (werkbrug.accounts.oidc); a password log-in never reaches it.
WERKBRUG_OIDC: config.OidcSettings | None = _CONFIG["oidc"]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "werkbrug.accounts.oidc.OidcBackend",
]
# mozilla-django-oidc's own settings, the same for every provider; the provider's addresses
# and the client's credentials come from WERKBRUG_OIDC.
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/login/"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = clock.AMSTERDAM.key  # the zone of werkbrug.clock.today()
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing folder on every start
# WhiteNoise serves static files from the app itself, so the demo and a small installation
# need no separate web server. Production runs `werkbrug collectstatic` and serves the
# compressed, cache-busted copies; elsewhere files are found in the installed apps directly.
WHITENOISE_USE_FINDERS = not PRODUCTION
if PRODUCTION:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

# What a delivery must stay within before it is read (docs/security.md, "Limits").
IMPORT_LIMITS = _CONFIG["import_limits"]
# Uploaded deliveries can be large workbooks; they are streamed to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Requests per personal access token and minute (docs/api.md, "Rate limits").
API_RATE_PER_MINUTE: int = _CONFIG["api_rate_per_minute"]

# Security (docs/deployment.md, "Security").
# Sessions end after SESSION_COOKIE_AGE seconds without a request (a logged-in session is saved,
# which moves its expiry forward, when its last renewal is SESSION_RENEW_SECONDS ago: not a
# database write on every page), and SESSION_MAX_AGE seconds after the log-in whatever
# happens (werkbrug.accounts.session_expiry), and when the browser closes.
SESSION_COOKIE_AGE: int = _CONFIG["session_idle_seconds"]
SESSION_RENEW_SECONDS = min(60, SESSION_COOKIE_AGE // 10)
SESSION_MAX_AGE: int = _CONFIG["session_max_seconds"]
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Lockout after failed log-ins (werkbrug.accounts.lockout): this many failures within the
# window lock a username, or throttle a client address, for LOCKOUT_SECONDS.
LOCKOUT_USERNAME_FAILURES = 5
LOCKOUT_ADDRESS_FAILURES = 20
LOCKOUT_WINDOW_SECONDS = 15 * 60
LOCKOUT_SECONDS = 15 * 60
# Reverse proxies (networks) whose X-Forwarded-For is believed: the log-in throttle finds the
# client's address behind them (werkbrug.accounts.lockout.client_address).
TRUSTED_PROXIES: tuple[str, ...] = _CONFIG["trusted_proxies"]
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS preloading is left out on purpose: once a domain is on the browsers' preload lists it
# takes months to come off, which is the installation's decision, not werkbrug's.
# models.W040: SQLite has no covering indexes (INCLUDE); Django builds the caseload's indexes
# there without the included columns, which is what werkbrug wants (PostgreSQL gets them whole).
SILENCED_SYSTEM_CHECKS = ["security.W021", "models.W040"]

# Who may read /metrics (werkbrug.access.may_read_metrics; docs/deployment.md, "Metrics").
METRICS_NETWORKS: tuple[str, ...] = _CONFIG["metrics_networks"]
METRICS_TOKEN: str = _CONFIG["metrics_token"]

# Query strings are stripped from logged request paths: a search term can be a name.
# WERKBRUG_LOG_FORMAT=json (werkbrug serve's default) writes one JSON object a line, with the
# request id, and an access log line per request (werkbrug.ops.logs).
LOG_FORMAT: str = _CONFIG["log_format"]
_JSON_LOGS = LOG_FORMAT == "json"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "no_query_strings": {"()": "werkbrug.web.logfilters.StripQueryStrings"},
        "no_not_found_paths": {"()": "werkbrug.ops.logs.NoNotFoundPaths"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
        "json": {"()": "werkbrug.ops.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_query_strings", "no_not_found_paths"],
            **({"formatter": "json"} if _JSON_LOGS else {}),
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "json" if _JSON_LOGS else "django.server",
            "filters": ["no_query_strings"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Django's defaults give these loggers handlers of their own, without the filter.
        "django": {"handlers": [], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # The access log: a line per request, in JSON logs only (the development server
        # writes its own request lines).
        "werkbrug.request": {"level": "INFO" if _JSON_LOGS else "WARNING"},
    },
}
