"""What every operation answers with: JSON with an ETag, pages with links and a total,
If-Match on updates, and writes that are idempotent and in the audit log with their token."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import BaseModel

from werkbrug.api.models import ApiToken, IdempotentRequest
from werkbrug.api.problems import Problem
from werkbrug.audit.models import Action
from werkbrug.audit.services import audit_record

JSON = "application/json"
M = TypeVar("M", bound=Model)
# The headers of a first answer that a replay repeats.
_REPLAYED_HEADERS = ("Location", "ETag", "Content-Type")
MAX_KEY_LENGTH = 255
# How long a first answer is kept for retries (as long as a client may reasonably retry).
KEEP_ANSWERS = dt.timedelta(hours=24)


def plain(value: BaseModel | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    decoded: dict[str, Any] = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    return decoded


def etag_of(value: BaseModel | Mapping[str, Any]) -> str:
    """A strong ETag: the hash of the representation, so it changes exactly when the
    resource as a client sees it does (no version column to keep up to date)."""
    text = json.dumps(plain(value), sort_keys=True, ensure_ascii=False)
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + '"'


def respond(
    value: BaseModel | Mapping[str, Any],
    *,
    status: int = 200,
    location: str = "",
    etag: bool = True,
) -> HttpResponse:
    data = plain(value)
    answer = HttpResponse(json.dumps(data, ensure_ascii=False), status=status, content_type=JSON)
    if etag:
        answer["ETag"] = etag_of(data)
    if location:
        answer["Location"] = location
    return answer


def require_match(request: HttpRequest, current: BaseModel | Mapping[str, Any]) -> None:
    """An update needs the ETag the client last read: 428 without it, 412 when the record
    changed since (RFC 9110 section 13.1.1; weak tags never match)."""
    sent = request.headers.get("If-Match", "").strip()
    if not sent:
        raise Problem(
            428,
            _("If-Match is required."),
            _("Send the ETag of the record you read in an If-Match header."),
        )
    tags = {tag.strip() for tag in sent.split(",")}
    if "*" in tags or etag_of(current) in tags:
        return
    raise Problem(
        412,
        _("The record has changed."),
        _("Somebody changed this record after you read it: read it again and retry."),
    )


def links(request: HttpRequest, page: int, pages: int) -> dict[str, str | None]:
    def at(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return f"{request.path}?{query.urlencode()}"

    return {
        "self": at(page),
        "first": at(1),
        "prev": at(page - 1) if page > 1 else None,
        "next": at(page + 1) if page < pages else None,
        "last": at(pages),
    }


def paginate(
    request: HttpRequest,
    items: QuerySet[M],
    *,
    page: int,
    page_size: int,
    show: Callable[[M], BaseModel],
) -> HttpResponse:
    total = items.count()
    pages = max(1, -(-total // page_size))
    if page > pages:
        raise Problem(
            404,
            _("No such page."),
            _("There are %(pages)d pages.") % {"pages": pages},
        )
    start = (page - 1) * page_size
    results = [plain(show(item)) for item in items[start : start + page_size]]
    body = {
        "total": total,
        "page": page,
        "page_size": page_size,
        "links": links(request, page, pages),
        "results": results,
    }
    return respond(body)


def token_of(request: HttpRequest) -> ApiToken:
    token = getattr(request, "auth", None)
    assert isinstance(token, ApiToken)  # every operation requires the bearer token
    return token


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    for part in (request.method or "", request.path, request.body):
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _replay(stored: IdempotentRequest) -> HttpResponse:
    answer = HttpResponse(bytes(stored.body), status=stored.status)
    for name, value in stored.headers.items():
        answer[name] = value
    answer["Idempotent-Replayed"] = "true"
    return answer


def _stored(token: ApiToken, key: str, fingerprint: str) -> HttpResponse | None:
    stored = IdempotentRequest.objects.filter(token=token, key=key).first()
    if stored is None:
        return None
    if stored.fingerprint != fingerprint:
        raise Problem(
            422,
            _("This Idempotency-Key was used for another request."),
            _("Use a new Idempotency-Key for each new request."),
        )
    return _replay(stored)


def write(
    request: HttpRequest, action: Action, handler: Callable[[], HttpResponse]
) -> HttpResponse:
    """Run a write in one transaction with its audit event naming the token; a POST with
    an ``Idempotency-Key`` answers a retry with the first answer instead of writing again."""
    token = token_of(request)
    key = request.headers.get("Idempotency-Key", "") if request.method == "POST" else ""
    # A key sent empty is refused as the schema says (minLength 1), not taken for none.
    sent_empty = request.method == "POST" and "Idempotency-Key" in request.headers and not key
    if sent_empty or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise Problem(
            400,
            _("The Idempotency-Key is not valid."),
            _("Use at most %(max)d printable characters, such as a UUID.")
            % {"max": MAX_KEY_LENGTH},
        )
    fingerprint = _fingerprint(request) if key else ""
    if key:
        # The token's answers older than a day are forgotten: the table stays small.
        IdempotentRequest.objects.filter(
            token=token, created_at__lt=timezone.now() - KEEP_ANSWERS
        ).delete()
    if key and (earlier := _stored(token, key, fingerprint)) is not None:
        return earlier
    try:
        with transaction.atomic():
            answer = handler()
            if 200 <= answer.status_code < 300:
                audit_api(request, action, answer.status_code)
                if key:
                    IdempotentRequest.objects.create(
                        token=token,
                        key=key,
                        fingerprint=fingerprint,
                        status=answer.status_code,
                        body=answer.content,
                        headers={h: answer[h] for h in _REPLAYED_HEADERS if h in answer},
                    )
    except IntegrityError:
        # The same key came twice at once: the other request wrote, this one is undone.
        if key and (earlier := _stored(token, key, fingerprint)) is not None:
            return earlier
        raise
    return answer


def audit_api(request: HttpRequest, action: Action, status: int) -> None:
    """The API's own event beside the service's: which token did it, through which call.
    The path holds record numbers only, never a name (searches go in a body)."""
    token = token_of(request)
    audit_record(
        actor=token.user,
        action=action,
        obj=token,
        changes={"request": f"{request.method} {request.path}", "status": status},
    )


def each(values: Iterable[M], show: Callable[[M], BaseModel]) -> list[dict[str, Any]]:
    return [plain(show(value)) for value in values]
