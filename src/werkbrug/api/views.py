"""The page where a user manages their own personal access tokens: make one (its text is
shown once, on the answer to the form), see them, revoke one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from werkbrug.api.forms import TokenForm
from werkbrug.api.models import ApiToken
from werkbrug.api.scopes import SCOPES
from werkbrug.api.tokens import token_create, token_revoke, token_state
from werkbrug.web.forms import apply_errors, request_user


def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:  # noqa: ARG001 (the URL's tail)
    """Any other address under /api/: a problem, like every answer of the API, not a page."""
    from werkbrug.api.problems import Problem, response

    return response(request, Problem(404, _("Not found."), _("There is no such operation.")))


def _page(
    request: HttpRequest, form: TokenForm, new_text: str = "", status: int = 200
) -> HttpResponse:
    user = request_user(request)
    tokens = [(t, token_state(t)) for t in ApiToken.objects.filter(user=user)]
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "new_text": new_text, "scopes": SCOPES},
        status=status,
    )


@never_cache  # the answer that shows a new token must not stay in any cache
@login_required
def token_page(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    if request.method != "POST":
        return _page(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    from django.core.exceptions import ValidationError

    try:
        made = token_create(
            actor=user,
            user=user,
            scopes=form.cleaned_data["scopes"],
            days=form.cleaned_data["days"],
            name=form.cleaned_data["name"],
        )
    except ValidationError as exc:
        apply_errors(exc, form)
        return _page(request, form, status=400)
    return _page(request, TokenForm(), new_text=made.text)


@require_POST
@login_required
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    # Only one's own tokens: another user's token answers 404, as if it did not exist.
    token = get_object_or_404(ApiToken, pk=pk, user=request_user(request))
    if token.revoked_at is None:
        token_revoke(actor=request_user(request), token=token)
        messages.success(request, _("The token has been revoked."))
    return HttpResponseRedirect(reverse("api_tokens:list"))
