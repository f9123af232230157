"""Log-in through an OpenID Connect provider, with mozilla-django-oidc (docs/security.md).

Off unless ``settings.WERKBRUG_OIDC`` is set (werkbrug.config.oidc); then the log-in page
offers "Log in with …", which goes to the provider (authorization code flow with PKCE, a state
and a nonce), and the provider's callback logs the person in to the account that
``accounts.services.user_for_oidc`` finds or creates, with the role the provider gives.

What werkbrug adds to the library:

- the ID token is checked in full: signature (RS256, the provider's published keys), issuer,
  audience (the library leaves the audience unchecked), expiry and issue time;
- the userinfo must be about the same subject as the ID token;
- the lockout holds: a locked username or client address cannot log in this way either, and a
  refused callback counts as a failed log-in of the client address;
- every refusal is a message on the log-in page (never a 400 or 500 page) and a log line
  without personal data.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.views import LogoutView
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from werkbrug.accounts import lockout
from werkbrug.accounts.forms import locked_message_until
from werkbrug.accounts.models import User
from werkbrug.accounts.oidc_claims import OidcRefused, person_read
from werkbrug.config import OidcSettings

LOGGER = logging.getLogger(__name__)
# Set on the request by the callback view: the backend answers nothing else.
_CALLBACK = "werkbrug_oidc_callback"
_BACKEND = "werkbrug.accounts.oidc.OidcBackend"  # as in settings.AUTHENTICATION_BACKENDS


class OidcUnavailable(Exception):
    """The provider could not be reached, or answered what no provider should."""


def oidc_settings() -> OidcSettings | None:
    config: OidcSettings | None = settings.WERKBRUG_OIDC
    return config


def _enabled() -> OidcSettings:
    config = oidc_settings()
    if config is None:
        raise Http404("OpenID Connect is not configured")
    return config


@dataclass(frozen=True)
class Endpoints:
    authorization: str
    token: str
    userinfo: str
    jwks: str
    end_session: str = ""


def endpoints(config: OidcSettings) -> Endpoints:
    """The provider's addresses: those configured, the rest from its discovery document."""
    given = Endpoints(
        config.authorization_endpoint,
        config.token_endpoint,
        config.userinfo_endpoint,
        config.jwks_uri,
        config.end_session_endpoint,
    )
    if all((given.authorization, given.token, given.jwks)):
        return given
    found = _discovery(config.issuer)
    return Endpoints(
        given.authorization or found.authorization,
        given.token or found.token,
        given.userinfo or found.userinfo,
        given.jwks or found.jwks,
        given.end_session or found.end_session,
    )


@functools.lru_cache(maxsize=4)
def _discovery(issuer: str) -> Endpoints:
    """The discovery document, read once per process (a failure is not kept: next time the
    provider is asked again)."""
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise OidcUnavailable(f"discovery at {url} failed: {type(exc).__name__}") from None
    # OpenID Connect Discovery 1.0, 4.3: the document must be the issuer's own.
    if not isinstance(document, dict) or str(document.get("issuer", "")).rstrip("/") != issuer:
        raise OidcUnavailable(f"discovery at {url} names another issuer")
    try:
        return Endpoints(
            str(document["authorization_endpoint"]),
            str(document["token_endpoint"]),
            str(document.get("userinfo_endpoint", "")),
            str(document["jwks_uri"]),
            str(document.get("end_session_endpoint", "")),
        )
    except KeyError as missing:
        raise OidcUnavailable(f"discovery at {url} has no {missing}") from None


class OidcBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """mozilla-django-oidc's backend with werkbrug's rules (module docstring).

    Django builds a backend for every ``authenticate()`` call, a password log-in's too: the
    provider's settings are read only when the callback asks, so a password log-in costs
    nothing and never reaches the provider.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.UserModel = User
        self.config: OidcSettings | None = None

    def _configure(self, config: OidcSettings) -> None:
        found = endpoints(config)
        self.config = config
        self.OIDC_OP_TOKEN_ENDPOINT = found.token
        self.OIDC_OP_USER_ENDPOINT = found.userinfo
        self.OIDC_OP_JWKS_ENDPOINT = found.jwks
        self.OIDC_RP_CLIENT_ID = config.client_id
        self.OIDC_RP_CLIENT_SECRET = config.client_secret
        self.OIDC_RP_SIGN_ALGO = "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        config = oidc_settings()
        if request is None or config is None or not getattr(request, _CALLBACK, False):
            return None
        self._configure(config)
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except requests.HTTPError as exc:
            status = exc.response.status_code if exc.response is not None else 0
            if status >= 500:
                raise OidcUnavailable(f"the provider answered {status}") from None
            raise SuspiciousOperation(f"the provider refused the code ({status})") from None
        except requests.RequestException as exc:
            raise OidcUnavailable(type(exc).__name__) from None
        return user

    def _verify_jws(self, payload: str, key: Any) -> dict[str, Any]:
        """The ID token's claims, checked in full (the library checks the signature only)."""
        assert self.config is not None
        try:
            claims: dict[str, Any] = jwt.decode(
                payload,
                key,
                algorithms=["RS256"],
                audience=self.config.client_id,
                issuer=self.config.issuer,
                leeway=60,
                options={"require": ["iss", "aud", "sub", "exp", "iat"]},
            )
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token refused: {type(exc).__name__}") from None
        audience = claims["aud"]
        # OpenID Connect Core 3.1.3.7: with several audiences, we must be the party it was
        # issued to.
        several = isinstance(audience, list) and len(audience) > 1
        if several and claims.get("azp") != self.config.client_id:
            raise SuspiciousOperation("ID token refused: issued to another party")
        return claims

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        assert self.config is not None
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            info = self.get_userinfo(access_token, id_token, payload)
            # OpenID Connect Core 5.3.2: userinfo about somebody else is not to be used.
            if not isinstance(info, dict) or info.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("userinfo is about another subject")
            claims = {**info, **payload}
        person = person_read(self.config, claims)
        address = lockout.client_address(self.request)
        _refuse_while_locked(person.username, address)
        from werkbrug.accounts.services import user_for_oidc

        with transaction.atomic():
            user = user_for_oidc(person=person)
            # Linked by subject, the account may have another username than the claim now;
            # its own lock holds too (a refusal undoes what user_for_oidc wrote).
            if user.username != person.username:
                _refuse_while_locked(user.username, address)
        lockout.login_failures_clear(username=user.username)
        return user

    def get_user(self, user_id: int) -> User | None:
        """The session's user, while the provider is configured and the account active."""
        if oidc_settings() is None:
            return None
        user = User.objects.filter(pk=user_id).first()
        return user if user is not None and user.is_active else None


def _refuse_while_locked(username: str, address: str | None) -> None:
    """The lockout of password log-ins holds here too; a refusal while locked is not counted."""
    until = lockout.login_locked_until(username=username, address=address)
    if until is not None:
        raise OidcRefused("locked", locked_message_until(until), username=username, counts=False)


def _failed(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return HttpResponseRedirect(reverse("login"))


class OidcStart(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """/oidc/login/: off to the provider, with a state, a nonce and a PKCE challenge."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The library reads the provider's address here; werkbrug reads it in get(), where
        # a provider that is down can be answered with a message.
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        config = _enabled()
        try:
            self.OIDC_OP_AUTH_ENDPOINT = endpoints(config).authorization
        except OidcUnavailable as exc:
            LOGGER.warning("OpenID Connect provider unavailable: %s", exc)
            return _failed(request, unavailable_message(config))
        self.OIDC_RP_CLIENT_ID = config.client_id
        response: HttpResponse = super().get(request)
        return response

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:  # noqa: ARG002
        return {"scope": _enabled().scopes}


def unavailable_message(config: OidcSettings) -> str:
    return _(
        "{provider} cannot be reached at the moment. Try again in a few minutes, or log in "
        "with your werkbrug username and password."
    ).format(provider=config.label)


class OidcCallback(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """/oidc/callback/: the provider sends the person back here with a code."""

    def get(self, request: HttpRequest) -> HttpResponse:
        config = _enabled()
        setattr(request, _CALLBACK, True)
        try:
            response: HttpResponse = super().get(request)
            return response
        except OidcUnavailable as exc:
            LOGGER.warning("OpenID Connect provider unavailable: %s", exc)
            return _failed(request, unavailable_message(config))
        except OidcRefused as refused:
            LOGGER.warning("OpenID Connect log-in refused: %s", refused.reason)
            if refused.counts:
                self._count(refused.username)
            return _failed(request, refused.message)
        except SuspiciousOperation as exc:
            # A state, nonce, signature or audience that is not right: a forged or replayed
            # callback, or one that came too late. The reason goes to the log, not the page.
            LOGGER.warning("OpenID Connect callback refused: %s", exc)
            self._count("")
            return _failed(request, refused_message(config))

    def _count(self, username: str) -> None:
        lockout.login_failure_record(
            username=username, address=lockout.client_address(self.request)
        )

    def login_failure(self) -> HttpResponse:
        config = _enabled()
        if self.request.GET.get("error"):
            return _failed(self.request, cancelled_message(config))
        self._count("")
        return _failed(self.request, refused_message(config))


def refused_message(config: OidcSettings) -> str:
    return _(
        "The log-in through {provider} could not be completed safely. Start again from this "
        "page; if it keeps failing, ask an administrator."
    ).format(provider=config.label)


def cancelled_message(config: OidcSettings) -> str:
    return _("The log-in through {provider} was cancelled or refused there.").format(
        provider=config.label
    )


class Logout(LogoutView):
    """/logout/: Django's log-out; a session that began at the provider also goes to the
    provider's end-session address (OpenID Connect RP-Initiated Logout 1.0), which ends the
    person's session there and sends them back to the log-in page.

    Only the client id and the address to come back to go along, no ID token: the address
    holds nothing about the person, and no token is kept in the session for it.
    """

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        through_provider = request.session.get(BACKEND_SESSION_KEY) == _BACKEND
        response: HttpResponse = super().post(request, *args, **kwargs)
        config = oidc_settings()
        if not through_provider or config is None:
            return response
        try:
            end_session = endpoints(config).end_session
        except OidcUnavailable:
            end_session = ""  # logged out of werkbrug all the same
        if not end_session or not end_session.startswith(f"{config.logout_origin}/"):
            # The browser would stop a redirect the Content Security Policy does not allow
            # (werkbrug.web.csp); set WERKBRUG_OIDC_END_SESSION_ENDPOINT for another origin.
            return response
        query = urlencode(
            {
                "client_id": config.client_id,
                "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
            }
        )
        return HttpResponseRedirect(f"{end_session}?{query}")
