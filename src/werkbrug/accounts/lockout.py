"""Lockout after repeated failed log-ins.

A username is locked after ``LOCKOUT_USERNAME_FAILURES`` failures within
``LOCKOUT_WINDOW_SECONDS``, and a client address after ``LOCKOUT_ADDRESS_FAILURES``, for
``LOCKOUT_SECONDS`` after the failure that crossed the limit. While locked, log-ins are refused
before the password is checked, and those refusals are not counted, so a lock ends on time
even while someone keeps trying. A successful log-in clears the failures of its username;
failures on other usernames from the same address keep counting, so logging in with one valid
account does not reset the throttle on guessing others.

The lock applies to any username, existing or not, so it reveals nothing about accounts.
Usernames and addresses are stored as keyed hashes (HMAC with the secret key): the table
holds no personal data, and a changed secret key simply forgets every failure.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import unicodedata

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from werkbrug.accounts.models import LoginFailure


def _window() -> dt.timedelta:
    return dt.timedelta(seconds=settings.LOCKOUT_WINDOW_SECONDS)


def _lockout() -> dt.timedelta:
    return dt.timedelta(seconds=settings.LOCKOUT_SECONDS)


def _key(kind: str, value: str) -> str:
    # A separate salt per kind: a username that looks like an address is still another key.
    return salted_hmac(f"werkbrug.accounts.lockout.{kind}", value, algorithm="sha256").hexdigest()


def username_key(username: str) -> str:
    """The stored key of a username. Case and Unicode look-alikes count as one username, so
    ``Admin`` and ``admin`` share their failures."""
    return _key("username", unicodedata.normalize("NFKC", username).strip().casefold())


def address_key(address: str | None) -> str:
    """The stored key of a client address; empty when the address is unknown."""
    return _key("address", address) if address else ""


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def client_address(request: HttpRequest | None) -> str | None:
    """The client's address: that of the connection, or, when the connection comes from a
    trusted proxy (``TRUSTED_PROXIES``), the first address in X-Forwarded-For, read from the
    right, that is not a trusted proxy itself.

    Each proxy appends the address it was connected from, so reading from the right, every
    entry up to the first untrusted one was written by a proxy we trust; entries further left
    may have been written by the client and are never used. A connection from anywhere else
    is the client, whatever its header says. An entry that is no address where the client
    should be counts as the proxy that wrote it, so it is no way around the throttle. IPv6
    addresses are taken per /64 network, the block one subscriber usually gets. ``None`` when
    there is no usable address.
    """
    hop = client_ip(request)
    return None if hop is None else _normalised(hop)


def client_ip(request: HttpRequest | None) -> IPAddress | None:
    """The client's exact address, found as :func:`client_address` says (which then takes
    an IPv6 address per /64 network); ``None`` when there is no usable address."""
    if request is None:
        return None
    hop = _parse(request.META.get("REMOTE_ADDR", ""))
    if hop is None:
        return None
    proxies = _networks(tuple(settings.TRUSTED_PROXIES))
    raw = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [entry.strip() for entry in raw.split(",") if entry.strip()]
    while forwarded and _trusted(hop, proxies):
        entry = _parse(forwarded.pop())
        if entry is None:
            break
        hop = entry
    return hop


@functools.lru_cache(maxsize=8)
def _networks(
    trusted: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    # Checked by werkbrug.config at start-up; parsed once per value of the setting.
    return tuple(ipaddress.ip_network(network) for network in trusted)


def _trusted(
    address: IPAddress, proxies: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
) -> bool:
    return any(address in network for network in proxies)


def _parse(raw: str) -> IPAddress | None:
    """An address as proxies write it: plain, ``[v6]``, ``[v6]:port`` or ``v4:port``."""
    text = raw.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _normalised(address: IPAddress) -> str:
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def _normalised_address(raw: str) -> str | None:
    address = _parse(raw)
    return None if address is None else _normalised(address)


def _locked_until(
    failures: list[dt.datetime], *, limit: int, now: dt.datetime
) -> dt.datetime | None:
    """When the lock ends, given the latest failures (newest first), or ``None``."""
    if len(failures) < limit:
        return None
    newest, oldest = failures[0], failures[limit - 1]
    if newest - oldest >= _window():
        return None
    until = newest + _lockout()
    return until if until > now else None


def _latest_failures(*, field: str, key: str, limit: int, now: dt.datetime) -> list[dt.datetime]:
    relevant_since = now - _window() - _lockout()
    rows = LoginFailure.objects.filter(**{field: key, "failed_at__gt": relevant_since})
    return list(rows.order_by("-failed_at").values_list("failed_at", flat=True)[:limit])


def login_locked_until(
    *, username: str, address: str | None, now: dt.datetime | None = None
) -> dt.datetime | None:
    """When log-ins for this username, or from this address, are allowed again; ``None``
    when they are allowed now."""
    now = now or timezone.now()
    ends: list[dt.datetime] = []
    limit = settings.LOCKOUT_USERNAME_FAILURES
    failures = _latest_failures(
        field="username_key", key=username_key(username), limit=limit, now=now
    )
    if (until := _locked_until(failures, limit=limit, now=now)) is not None:
        ends.append(until)
    if address:
        limit = settings.LOCKOUT_ADDRESS_FAILURES
        failures = _latest_failures(
            field="address_key", key=address_key(address), limit=limit, now=now
        )
        if (until := _locked_until(failures, limit=limit, now=now)) is not None:
            ends.append(until)
    return max(ends, default=None)


def login_failure_record(*, username: str, address: str | None) -> None:
    """Count one failed log-in, and forget failures too old to count towards any lock."""
    now = timezone.now()
    LoginFailure.objects.create(
        username_key=username_key(username), address_key=address_key(address), failed_at=now
    )
    LoginFailure.objects.filter(failed_at__lte=now - _window() - _lockout()).delete()


def login_failures_clear(*, username: str) -> None:
    """After a successful log-in: the username starts again with a clean slate."""
    LoginFailure.objects.filter(username_key=username_key(username)).delete()


def login_unlock(*, username: str | None = None, address: str | None = None) -> int:
    """Lift the lock of a username and/or a client address (an administrator's action).
    Returns the number of failures forgotten."""
    if username is None and address is None:
        raise ValueError("give a username, an address or both")
    deleted = 0
    if username is not None:
        deleted += LoginFailure.objects.filter(username_key=username_key(username)).delete()[0]
    if address is not None:
        normalised = _normalised_address(address)
        if normalised is None:
            raise ValueError(f"{address!r} is not an IP address")
        deleted += LoginFailure.objects.filter(address_key=address_key(normalised)).delete()[0]
    return deleted
