"""Writes and reads of personal access tokens: make one (its text is returned once and never
stored), revoke it, and find the live token that a request presents."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from werkbrug.accounts.models import User
from werkbrug.api.models import ApiToken
from werkbrug.api.scopes import DEFAULT_SCOPES, SCOPES, unknown
from werkbrug.audit.models import Action
from werkbrug.audit.services import audit_record

# Recognisable in a leaked file or a secret scanner; the rest is 256 random bits.
TOKEN_START = "wbt_"
PREFIX_LENGTH = len(TOKEN_START) + 6
MAX_DAYS = 366
DEFAULT_DAYS = 90
# last_used_at is written at most this often: not a database write on every request.
TOUCH_EVERY = dt.timedelta(minutes=1)


class NewToken(NamedTuple):
    token: ApiToken
    text: str  # shown once


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_scopes(scopes: Sequence[str]) -> list[str]:
    """The scopes asked for, without repeats, or the defaults; a ValidationError naming an
    unknown scope and the allowed ones."""
    wrong = unknown(tuple(scopes))
    if wrong:
        raise ValidationError(
            {
                "scopes": _("Unknown scope “%(scope)s”; allowed: %(allowed)s.")
                % {"scope": wrong[0], "allowed": ", ".join(SCOPES)}
            }
        )
    return list(dict.fromkeys(scopes)) or list(DEFAULT_SCOPES)


def check_days(days: int) -> int:
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": _("A token lasts 1 to %(max)d days.") % {"max": MAX_DAYS}})
    return days


@transaction.atomic
def token_create(
    *,
    actor: User | None,
    user: User,
    scopes: Sequence[str] = (),
    days: int = DEFAULT_DAYS,
    name: str = "",
) -> NewToken:
    """A new token for ``user`` that expires after ``days`` days. ``actor``: who made it
    (None: the operator, with ``werkbrug token create``)."""
    granted = check_scopes(scopes)
    check_days(days)
    text = TOKEN_START + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=text[:PREFIX_LENGTH],
        digest=digest(text),
        scopes=granted,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=token,
        changes={"user": [None, user.get_username()], "scopes": [None, granted]},
    )
    return NewToken(token, text)


@transaction.atomic
def token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    if token.revoked_at is not None:
        raise ValidationError(_("This token has already been revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action=Action.CHANGE, obj=token, changes={"revoked": [None, True]})
    return token


def tokens_live() -> QuerySet[ApiToken]:
    now = timezone.now()
    return ApiToken.objects.filter(revoked_at__isnull=True).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )


def token_find(text: str) -> ApiToken | None:
    """The live token with this text whose user may still log in, or None."""
    if not text.startswith(TOKEN_START):
        return None
    token = (
        tokens_live()
        .select_related("user")
        .filter(digest=digest(text), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def token_state(token: ApiToken) -> str:
    """``active``, ``expired`` or ``revoked``, for lists."""
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= timezone.now():
        return "expired"
    return "active"
