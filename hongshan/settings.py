"""Settings for the Hongshan plan indicator tracker, read from the environment.

Every variable is documented in `.env.example`. The development profile (the
default) runs on SQLite under ./var with no configuration at all; the
production profile refuses to start without a SECRET_KEY.
"""

import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # local data: the SQLite database, collected static files
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

HONGSHAN_ENV = env.str("HONGSHAN_ENV", default="development")
if HONGSHAN_ENV not in {"development", "production"}:
    raise environ.ImproperlyConfigured(
        f"HONGSHAN_ENV must be 'development' or 'production', not {HONGSHAN_ENV!r}"
    )
PRODUCTION = HONGSHAN_ENV == "production"

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")  # no default: fails loudly when missing
else:
    SECRET_KEY = env.str("SECRET_KEY", default="development-only-key-not-for-production")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise environ.ImproperlyConfigured("ALLOWED_HOSTS must be set in production")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# HTTPS: secure cookies, HSTS and the redirect. On by default in production; set
# HTTPS=false for a site served over plain http inside the intranet.
HTTPS = env.bool("HTTPS", default=PRODUCTION)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = HTTPS and env.bool("SECURE_HSTS_PRELOAD", default=True)
if env.bool("BEHIND_HTTPS_PROXY", default=False):
    # The reverse proxy terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "indicators.error_views.csrf_failure"  # in Chinese, in the layout

INSTALLED_APPS = [
    "indicators.admin_site.PlanningAdminConfig",  # django.contrib.admin, for planners only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "django_tables2",
    "simple_history",
    "axes",
    "indicators",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while locked out
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"  # each role's own start page (account_views.start)
LOGOUT_REDIRECT_URL = "home"

# Repeated failed logins lock the account for a while. Per account only: behind a
# proxy many people share an address, and a reset by address would let an attacker
# wipe another account's failures with good logins of their own.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True  # resets the failures of the account that signed in, only
# How many reverse proxies in front of the app append to X-Forwarded-For (nginx: 1).
# The login records show the client's address, read behind exactly that many hops.
TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
if TRUSTED_PROXIES < 0:
    raise environ.ImproperlyConfigured("TRUSTED_PROXIES must be 0 or more")
AXES_CLIENT_IP_CALLABLE = "indicators.client_address.client_address"
# axes.W006 asks for a lockout by address too; here that would lock out a whole office
# behind its proxy. Counting per account, no User-Agent or cookie can reset the count.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

ROOT_URLCONF = "hongshan.urls"

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
                "indicators.context_processors.synthetic_data",
            ],
        },
    },
]

WSGI_APPLICATION = "hongshan.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers on SQLite: WAL lets readers go on while one writes; every
    # transaction takes the write lock when it begins (IMMEDIATE), so a second writer
    # waits its turn (up to `timeout` seconds) instead of failing "database is locked"
    # halfway, and then sees the first one's save (the stale-value message).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_TIMEOUT", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    # Tests on a file too: an in-memory database cannot show concurrent writers. One file
    # per test run (process), so that two runs on one machine do not share it.
    DATABASES["default"].setdefault("TEST", {}).setdefault(
        "NAME", str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")
    )

# Rendered pages are cached; keys carry the plan's revision, so a change is visible on
# the very next request everywhere (see cache.py). One app server: per process
# (LocMem). Several app servers (regions: a city-wide deployment): set REDIS_URL, and
# every server shares one Redis cache, e.g. redis://127.0.0.1:6379/1.
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache"
        if REDIS_URL
        else "django.core.cache.backends.locmem.LocMemCache",
        "TIMEOUT": env.int("CACHE_TIMEOUT", default=3600),
        **({"LOCATION": REDIS_URL} if REDIS_URL else {}),
    }
}
# Sessions stay in the database (Django's default), which every app server shares:
# a signed-in user may land on any server, and a Redis restart signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The deployment's own district (行政区划代码): the region of plans, bureaus and
# accounts created without one, and the region public pages show by default.
HOME_REGION = env.str("HOME_REGION", default="420111")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # WeasyPrint reports each step of a PDF at INFO: not for the console.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Password rules (Django's messages are in Chinese): at least 10 characters, not like
# the username or name, not a common password, not all digits.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "indicators.password_rules.ChineseMinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# E-mail, for password reset links: EMAIL_URL such as smtp+tls://user:pass@host:587.
# Without it nothing is sent in production (the planner hands the link over); in
# development messages are printed to the console.
EMAIL_URL = env.str("EMAIL_URL", default="")
EMAIL_ENABLED = bool(EMAIL_URL) or not PRODUCTION
vars().update(environ.Env.email_url_config(EMAIL_URL or "consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT_HOURS", default=72) * 3600

# The interface is Simplified Chinese whatever the browser asks for.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
# In development whitenoise serves straight from the finders: no collectstatic needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # plotly.min.js, served from the installed plotly package: no CDN.
    "indicators.staticfinders.PlotlyFinder",
]
# Uploaded files: on a volume every app server mounts (MEDIA_ROOT) when there are several.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Evidence attached to values (scans, PDFs): never served by whitenoise or a MEDIA_URL,
# only through the permission-checked view. With several app servers, MEDIA_ROOT must
# be one shared volume (NFS, or an object store mounted there): see README.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=5 * 1024 * 1024)

# Notices are emailed when EMAIL_URL is set (smtp+tls://user:password@host:587);
# in development they are printed to the console. Tests capture them in mail.outbox.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="hongshan-indicators@localhost")
# The address in links of emails (the site's own address as users reach it).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

# Reverting from the admin's history would bypass the services that record why.
SIMPLE_HISTORY_REVERT_DISABLED = True
# Reasons (why a target or a value changed) can be long: keep them whole.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
