"""What an OpenID Connect provider says about a person, read into werkbrug's terms.

The rule (docs/security.md, "OpenID Connect"): the provider names the person (issuer and
subject), their username (``username_claim``) and their role (``role_claim``, through
``role_map``). Whatever cannot be read is a refusal with a message for the person at the
log-in page, in their language, naming what is wrong and whom to ask; it never holds the
claims' values, which may be personal data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from werkbrug.accounts.models import Role
from werkbrug.config import ConfigError, OidcSettings


class OidcRefused(Exception):
    """A log-in through the provider is refused; ``message`` says why, for the person."""

    def __init__(
        self, reason: str, message: str, *, username: str = "", counts: bool = True
    ) -> None:
        super().__init__(reason)
        self.reason = reason  # a short code for the log ("no-role"), never personal data
        self.message = message
        self.username = username  # when known: the refusal counts towards its lockout
        self.counts = counts  # False for a refusal that is no attempt (a lock in force)


@dataclass(frozen=True)
class OidcPerson:
    issuer: str
    subject: str
    username: str
    role: Role
    email: str


def role_map(config: OidcSettings) -> dict[str, Role]:
    """Claim value → role. Without a map, the claim holds werkbrug's role values."""
    if not config.role_map:
        return {role.value: role for role in Role}
    known = {role.value: role for role in Role}
    mapped = {}
    for value, role in config.role_map:
        if role not in known:
            # A configuration error, as werkbrug.config's: a message, never a traceback.
            raise ConfigError(
                f"WERKBRUG_OIDC_ROLE_MAP maps {value!r} to {role!r}, which is no werkbrug role; "
                f"use one of {', '.join(known)}."
            )
        mapped[value] = known[role]
    return mapped


def claim(claims: Mapping[str, Any], path: str) -> Any:
    """A claim by name; dots reach into nested objects (Keycloak's ``realm_access.roles``).
    A claim whose name itself holds a dot is found first."""
    if path in claims:
        return claims[path]
    value: Any = claims
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _role(config: OidcSettings, raw: Any, username: str) -> Role:
    values = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    mapping = role_map(config)
    roles = {mapping[v] for v in values if isinstance(v, str) and v in mapping}
    if len(roles) == 1:
        return roles.pop()
    if not roles:
        reason = "no-role"
        message = _(
            "Your account at {provider} has no role in werkbrug (claim “{claim}”: none of its "
            "values is a known role). Ask the administrator of {provider} to give you one of "
            "werkbrug's roles."
        )
    else:
        reason = "several-roles"
        message = _(
            "Your account at {provider} has more than one role in werkbrug (claim “{claim}”). "
            "Ask the administrator of {provider} to give you only one."
        )
    raise OidcRefused(
        reason, message.format(provider=config.label, claim=config.role_claim), username=username
    )


def person_read(config: OidcSettings, claims: Mapping[str, Any]) -> OidcPerson:
    """The person in the verified claims (the ID token's, with the userinfo's added)."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise OidcRefused(
            "no-subject",
            _("{provider} did not say who you are (no subject); try again.").format(
                provider=config.label
            ),
        )
    username = claim(claims, config.username_claim)
    try:
        if not isinstance(username, str) or not username:
            raise ValidationError("missing")
        UnicodeUsernameValidator()(username)
        if len(username) > 150:
            raise ValidationError("too long")
    except ValidationError:
        raise OidcRefused(
            "bad-username",
            _(
                "{provider} gave no usable username (claim “{claim}”: letters, digits and "
                "@ . + - _ only, at most 150). Ask the administrator of {provider}."
            ).format(provider=config.label, claim=config.username_claim),
        ) from None
    role = _role(config, claim(claims, config.role_claim), username)
    email = claims.get("email") if claims.get("email_verified", True) is True else None
    return OidcPerson(
        issuer=config.issuer,
        subject=subject,
        username=username,
        role=role,
        email=email if isinstance(email, str) and len(email) <= 254 else "",
    )
