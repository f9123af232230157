"""Settings read from the environment, refusing bad values loudly.

Kept apart from ``settings.py`` so the rules can be tested without configuring Django.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
import platformdirs

from werkbrug.exchange.limits import MIB, Limits


class ConfigError(Exception):
    """A setting in the environment has a value werkbrug cannot use."""


_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nee", ""}


def env_bool(env: Mapping[str, str], name: str, default: bool = False) -> bool:
    raw = env.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean; use true or false.")


def env_int(env: Mapping[str, str], name: str, *, default: int, low: int, high: int) -> int:
    """A whole number within [low, high]; unset or empty means the default."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number.") from None
    if not low <= value <= high:
        raise ConfigError(f"{name}={raw!r} is out of range; use {low} to {high}.")
    return value


def session_limits(env: Mapping[str, str]) -> tuple[int, int]:
    """Seconds a session may stay unused, and seconds it may last at all after the log-in.

    An idle limit longer than the absolute one would never apply, which is a sign of a typo
    (minutes meant as hours); refusing it beats a silently different policy.
    """
    idle_minutes = env_int(env, "WERKBRUG_SESSION_IDLE_MINUTES", default=30, low=1, high=24 * 60)
    max_hours = env_int(env, "WERKBRUG_SESSION_MAX_HOURS", default=8, low=1, high=7 * 24)
    if idle_minutes > max_hours * 60:
        raise ConfigError(
            f"WERKBRUG_SESSION_IDLE_MINUTES={idle_minutes} is longer than "
            f"WERKBRUG_SESSION_MAX_HOURS={max_hours}; the idle limit must fit within the maximum."
        )
    return idle_minutes * 60, max_hours * 60 * 60


# A reverse proxy on the same machine, as docs/deployment.md describes it.
LOCAL_PROXIES = ("127.0.0.1", "::1")


def trusted_proxies(env: Mapping[str, str], production: bool) -> tuple[str, ...]:
    """The reverse proxies whose X-Forwarded-For werkbrug believes, as networks ("127.0.0.1/32").

    The log-in throttle per client address needs the client's address, not the proxy's:
    behind a proxy every request comes from it, and one throttle would lock out everybody.
    But a header is only as good as whoever wrote it: a client that connects directly can
    write any X-Forwarded-For, so it counts only on a connection from one of these addresses.
    Production mode trusts a proxy on the same machine; otherwise none.
    """
    if env.get("WERKBRUG_PROXY_COUNT", "").strip():
        raise ConfigError(
            "WERKBRUG_PROXY_COUNT is no longer used; list the addresses of your reverse "
            "proxies in WERKBRUG_TRUSTED_PROXIES instead (docs/deployment.md)."
        )
    raw = env.get("WERKBRUG_TRUSTED_PROXIES", "").strip()
    items = [item.strip() for item in raw.split(",")] if raw else []
    if not items:
        items = list(LOCAL_PROXIES) if production else []
    return _networks("WERKBRUG_TRUSTED_PROXIES", items)


def _networks(name: str, items: list[str]) -> tuple[str, ...]:
    networks: list[str] = []
    for item in items:
        try:
            networks.append(str(ipaddress.ip_network(item, strict=True)))
        except ValueError:
            raise ConfigError(_bad_network(name, item)) from None
    return tuple(networks)


def _bad_network(name: str, item: str) -> str:
    """Why an entry of a list of addresses (``name``) is refused, with the fix."""
    if not item:
        return f"{name} has an empty entry; separate addresses by one comma."
    try:
        network = ipaddress.ip_network(item, strict=False)
    except ValueError:
        return (
            f"{name}: {item!r} is not an IP address or network; use "
            "addresses such as 127.0.0.1 or networks such as 10.0.0.0/8, separated by commas."
        )
    return f"{name}: {item!r} has bits set after the prefix; did you mean {network}?"


def metrics_networks(env: Mapping[str, str]) -> tuple[str, ...]:
    """The client addresses that may read ``/metrics`` without a token; by default only this
    machine (a Prometheus on the server itself). "none" allows no address: a token only."""
    raw = env.get("WERKBRUG_METRICS_ADDRESSES", "").strip()
    if raw.lower() == "none":
        return ()
    items = [item.strip() for item in raw.split(",")] if raw else list(LOCAL_PROXIES)
    return _networks("WERKBRUG_METRICS_ADDRESSES", items)


def metrics_token(env: Mapping[str, str]) -> str:
    """A bearer token that opens ``/metrics`` from any address; empty means none."""
    token = env.get("WERKBRUG_METRICS_TOKEN", "").strip()
    if token and len(token) < 32:
        raise ConfigError("WERKBRUG_METRICS_TOKEN is too short; use at least 32 characters.")
    return token


LOG_FORMATS = ("text", "json")


def log_format(env: Mapping[str, str]) -> str:
    """How log records are written: text (a terminal) or json (one object a line, for a log
    collector; ``werkbrug serve`` uses it unless told otherwise)."""
    value = env.get("WERKBRUG_LOG_FORMAT", "").strip().lower() or "text"
    if value not in LOG_FORMATS:
        raise ConfigError(f"WERKBRUG_LOG_FORMAT={value!r} is not supported; use text or json.")
    return value


# Modes of what werkbrug keeps in its data folder: for the user who runs it only. They are
# given when a file is created (os.open applies them at once, less the umask), never by a
# chmod afterwards, so there is no moment at which another user of the machine can read it.
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


def data_dir(env: Mapping[str, str]) -> Path:
    """The per-user folder for the embedded database and the generated secret key.

    A folder werkbrug creates is its user's only. One that exists keeps its mode: an operator
    may have given a group access on purpose (docs/deployment.md, "File modes").
    """
    raw = env.get("WERKBRUG_DATA_DIR")
    folder = Path(raw) if raw else Path(platformdirs.user_data_dir("werkbrug", appauthor=False))
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    return folder


def create_private(path: Path) -> int | None:
    """Create ``path`` as an empty file with mode 600 and return its descriptor, open for
    writing; ``None`` when it exists already (perhaps made by another process a moment ago)."""
    try:
        return os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        return None


def _sqlite_file(name: object) -> Path | None:
    """The database file of a SQLite NAME; None for an in-memory database or a URI."""
    text = str(name or "")
    if not text or text == ":memory:" or text.startswith("file:"):
        return None
    return Path(text)


def database(env: Mapping[str, str], folder: Path) -> dict[str, Any]:
    url = env.get("DATABASE_URL", "").strip()
    if not url:
        url = f"sqlite:///{folder / 'werkbrug.sqlite3'}"
    if not url.startswith(("sqlite:", "postgres:", "postgresql:", "pgsql:")):
        raise ConfigError(
            f"DATABASE_URL={url!r} is not supported; use sqlite:///PATH or postgres://USER@HOST/DB."
        )
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as exc:
        raise ConfigError(f"DATABASE_URL could not be read: {exc}") from exc
    if config["ENGINE"].endswith("sqlite3"):
        # SQLite: wait for a busy writer instead of failing at once; no persistent connections.
        # IMMEDIATE: a transaction takes the write lock at BEGIN, so two saves that both read
        # first queue behind each other; deferred, the second fails at once ("database is
        # locked") whatever the timeout.
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {"timeout": 30, "transaction_mode": "IMMEDIATE"}
        _create_sqlite_file(_sqlite_file(config.get("NAME")))
    return config


def _create_sqlite_file(path: Path | None) -> None:
    """Create a missing SQLite database as an empty, private file before Django connects.

    SQLite would create it with 644 (less the umask), readable by every user of the machine.
    An empty file is a valid empty database, and SQLite gives its journal, write-ahead log and
    shared-memory files the mode of the database file, so they are private too. A missing
    folder is left for SQLite to report, as before.
    """
    if path is None or not path.parent.is_dir():
        return
    descriptor = create_private(path)
    if descriptor is not None:
        os.close(descriptor)


def secret_key(env: Mapping[str, str], folder: Path, production: bool) -> str:
    """The configured key; without one, a generated key kept in the data folder.

    Production mode refuses to run on a generated key: a key that lives next to the database
    would survive a redeploy by accident only, and sessions signed with it would break.
    """
    key = env.get("WERKBRUG_SECRET_KEY", "").strip()
    if key:
        if len(key) < 32:
            raise ConfigError("WERKBRUG_SECRET_KEY is too short; use at least 32 characters.")
        return key
    if production:
        raise ConfigError("WERKBRUG_SECRET_KEY is required when WERKBRUG_PRODUCTION is on.")
    return _generated_key(folder / "secret_key")


def _generated_key(path: Path) -> str:
    """The key in ``path``, created (mode 600 from the start) when there is none.

    Workers of a WSGI server start together: exactly one creates the file (O_EXCL), and the
    others read what it wrote, so all sign with the same key.
    """
    descriptor = create_private(path)
    if descriptor is not None:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(50))
    # Another process may have created the file and not yet written to it: wait a moment.
    deadline = time.monotonic() + 1.0
    while not (key := path.read_text(encoding="utf-8").strip()) and time.monotonic() < deadline:
        time.sleep(0.02)
    if not key:
        raise ConfigError(
            f"{path} is empty; delete it to generate a new key, or set WERKBRUG_SECRET_KEY."
        )
    return key


def allowed_hosts(env: Mapping[str, str], production: bool) -> list[str]:
    raw = env.get("WERKBRUG_ALLOWED_HOSTS", "")
    hosts = [h.strip() for h in raw.split(",") if h.strip()]
    if hosts:
        return hosts
    if production:
        raise ConfigError("WERKBRUG_ALLOWED_HOSTS is required when WERKBRUG_PRODUCTION is on.")
    return ["127.0.0.1", "localhost", "testserver"]


def bsn_key(env: Mapping[str, str], secret: str) -> bytes:
    """The key of the BSN hash. Its own setting, so that rotating the secret key does not
    unlink every stored BSN; without it, a key derived from the secret key."""
    key = env.get("WERKBRUG_BSN_KEY", "").strip()
    if key:
        if len(key) < 32:
            raise ConfigError("WERKBRUG_BSN_KEY is too short; use at least 32 characters.")
        return key.encode("utf-8")
    return hashlib.sha256(b"werkbrug bsn key:" + secret.encode("utf-8")).digest()


def import_limits(env: Mapping[str, str]) -> Limits:
    """The limits a delivery must stay within (docs/security.md, "Limits")."""
    default = Limits()

    def mib(name: str, value: int, high: int) -> int:
        return env_int(env, name, default=value // MIB, low=1, high=high) * MIB

    return Limits(
        max_member_bytes=mib("WERKBRUG_LIMIT_MEMBER_MB", default.max_member_bytes, 64 * 1024),
        max_total_bytes=mib("WERKBRUG_LIMIT_TOTAL_MB", default.max_total_bytes, 256 * 1024),
        max_ratio=env_int(
            env, "WERKBRUG_LIMIT_RATIO", default=default.max_ratio, low=2, high=10**6
        ),
        max_entries=env_int(
            env, "WERKBRUG_LIMIT_ENTRIES", default=default.max_entries, low=10, high=10**6
        ),
        max_line_bytes=env_int(
            env,
            "WERKBRUG_LIMIT_LINE_KB",
            default=default.max_line_bytes // 1024,
            low=1,
            high=1024**2,
        )
        * 1024,
        max_cell_chars=env_int(
            env, "WERKBRUG_LIMIT_CELL_CHARS", default=default.max_cell_chars, low=100, high=10**7
        ),
        max_shared_strings_bytes=mib(
            "WERKBRUG_LIMIT_SHARED_STRINGS_MB", default.max_shared_strings_bytes, 64 * 1024
        ),
        max_sheet_rows=env_int(
            env, "WERKBRUG_LIMIT_SHEET_ROWS", default=default.max_sheet_rows, low=10, high=10**8
        ),
    )


@dataclass(frozen=True)
class OidcSettings:
    """Log-in through an OpenID Connect provider (docs/security.md, "OpenID Connect").

    The provider's endpoints are those given here; any that is empty is read from the
    issuer's discovery document (``/.well-known/openid-configuration``) when first needed, not
    at start-up, so that a provider that is down does not stop werkbrug from starting.
    """

    issuer: str
    client_id: str
    client_secret: str
    label: str  # the provider's name on the log-in page: "Log in with …"
    role_claim: str  # a claim name; dots reach into nested claims (realm_access.roles)
    username_claim: str
    # Claim value → werkbrug role value; empty: the claim holds the role values themselves.
    # The roles are checked against werkbrug's when the accounts app starts.
    role_map: tuple[tuple[str, str], ...]
    scopes: str
    authorization_endpoint: str = ""
    token_endpoint: str = ""
    userinfo_endpoint: str = ""
    jwks_uri: str = ""
    end_session_endpoint: str = ""  # where log-out also ends the provider's session

    @property
    def logout_origin(self) -> str:
        """The origin the log-out form may end up at (the Content Security Policy's
        form-action): that of the end-session address if one is given, else the issuer's,
        where providers publish it."""
        parts = urlsplit(self.end_session_endpoint or self.issuer)
        return f"{parts.scheme}://{parts.netloc}"


_OIDC_ENDPOINTS = {
    "authorization_endpoint": "WERKBRUG_OIDC_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "WERKBRUG_OIDC_TOKEN_ENDPOINT",
    "userinfo_endpoint": "WERKBRUG_OIDC_USERINFO_ENDPOINT",
    "jwks_uri": "WERKBRUG_OIDC_JWKS_URI",
    "end_session_endpoint": "WERKBRUG_OIDC_END_SESSION_ENDPOINT",
}


def _oidc_url(name: str, raw: str, production: bool) -> str:
    """An address of the provider: https, or http on this machine outside production mode
    (a provider for development or tests); a secret sent in the clear is no secret."""
    url = raw.strip().rstrip("/")
    parts = urlsplit(url)
    local = parts.hostname in {"127.0.0.1", "localhost", "::1"}
    if parts.scheme == "https" and parts.hostname:
        return url
    if parts.scheme == "http" and local and not production:
        return url
    raise ConfigError(
        f"{name}={raw!r} is not an https address; use https://… (http only for a provider on "
        "127.0.0.1 outside production mode)."
    )


def _oidc_role_map(raw: str) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for item in raw.split(","):
        if not item.strip():
            continue
        value, sep, role = item.partition("=")
        if not sep or not value.strip() or not role.strip():
            raise ConfigError(
                f"WERKBRUG_OIDC_ROLE_MAP: {item.strip()!r} is not CLAIM_VALUE=ROLE; separate "
                "pairs by commas, e.g. werkbrug-bemiddelaar=mediator,werkbrug-coordinator="
                "coordinator."
            )
        if any(value.strip() == seen for seen, _role in pairs):
            raise ConfigError(f"WERKBRUG_OIDC_ROLE_MAP: {value.strip()!r} is mapped twice.")
        pairs.append((value.strip(), role.strip()))
    return tuple(pairs)


def oidc(env: Mapping[str, str], production: bool) -> OidcSettings | None:
    """The OpenID Connect provider, or ``None`` (the default) when log-in is by password only.

    It is on when WERKBRUG_OIDC_ISSUER is set; then the client's id and secret are required.
    A setting of it without the issuer is refused rather than ignored: it is a half-done set-up.
    """
    issuer = env.get("WERKBRUG_OIDC_ISSUER", "").strip()
    if not issuer:
        stray = sorted(k for k, v in env.items() if k.startswith("WERKBRUG_OIDC_") and v.strip())
        if stray:
            raise ConfigError(
                f"{stray[0]} is set but WERKBRUG_OIDC_ISSUER is not; set the issuer to log in "
                "through OpenID Connect, or remove the WERKBRUG_OIDC_ settings."
            )
        return None
    required = {}
    for name in ("WERKBRUG_OIDC_CLIENT_ID", "WERKBRUG_OIDC_CLIENT_SECRET"):
        required[name] = env.get(name, "").strip()
        if not required[name]:
            raise ConfigError(f"{name} is required when WERKBRUG_OIDC_ISSUER is set.")
    endpoints = {
        field: _oidc_url(name, env[name], production)
        for field, name in _OIDC_ENDPOINTS.items()
        if env.get(name, "").strip()
    }
    return OidcSettings(
        issuer=_oidc_url("WERKBRUG_OIDC_ISSUER", issuer, production),
        client_id=required["WERKBRUG_OIDC_CLIENT_ID"],
        client_secret=required["WERKBRUG_OIDC_CLIENT_SECRET"],
        label=env.get("WERKBRUG_OIDC_LABEL", "").strip() or "OpenID Connect",
        role_claim=env.get("WERKBRUG_OIDC_ROLE_CLAIM", "").strip() or "werkbrug_role",
        username_claim=env.get("WERKBRUG_OIDC_USERNAME_CLAIM", "").strip() or "preferred_username",
        role_map=_oidc_role_map(env.get("WERKBRUG_OIDC_ROLE_MAP", "")),
        scopes=" ".join(
            dict.fromkeys(
                ["openid", "email", "profile", *env.get("WERKBRUG_OIDC_SCOPES", "").split()]
            )
        ),
        **endpoints,
    )


def from_environment(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    env = os.environ if env is None else env
    production = env_bool(env, "WERKBRUG_PRODUCTION")
    debug = env_bool(env, "WERKBRUG_DEBUG")
    if production and debug:
        # Debug pages show settings and code to anyone who triggers an error.
        raise ConfigError("WERKBRUG_DEBUG cannot be on when WERKBRUG_PRODUCTION is on.")
    folder = data_dir(env)
    secret = secret_key(env, folder, production)
    session_idle, session_max = session_limits(env)
    return {
        "production": production,
        "debug": debug,
        "data_dir": folder,
        "database": database(env, folder),
        "secret_key": secret,
        "bsn_key": bsn_key(env, secret),
        "allowed_hosts": allowed_hosts(env, production),
        "session_idle_seconds": session_idle,
        "session_max_seconds": session_max,
        "trusted_proxies": trusted_proxies(env, production),
        "import_limits": import_limits(env),
        "oidc": oidc(env, production),
        "metrics_networks": metrics_networks(env),
        "metrics_token": metrics_token(env),
        "log_format": log_format(env),
        # Requests per personal access token and minute (docs/api.md, "Rate limits").
        "api_rate_per_minute": env_int(
            env, "WERKBRUG_API_RATE_PER_MINUTE", default=600, low=1, high=10**6
        ),
        # Seconds a running background job may go without a heartbeat before another worker
        # takes it over (docs/jobs.md); a worker beats every quarter of it.
        "job_lease_seconds": env_int(
            env, "WERKBRUG_JOB_LEASE_SECONDS", default=60, low=2, high=3600
        ),
    }
