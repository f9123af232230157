"""The OpenID Connect settings: off by default, and a half-done or unsafe set-up refused with
a message naming the setting and the fix."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from werkbrug.accounts.models import Role
from werkbrug.accounts.oidc_claims import OidcRefused, claim, person_read, role_map
from werkbrug.config import ConfigError, OidcSettings, oidc

ON = {
    "WERKBRUG_OIDC_ISSUER": "https://login.example.nl/realms/wb/",
    "WERKBRUG_OIDC_CLIENT_ID": "werkbrug",
    "WERKBRUG_OIDC_CLIENT_SECRET": "secret",
}


def test_off_unless_an_issuer_is_set() -> None:
    assert oidc({}, production=False) is None
    assert oidc({"WERKBRUG_OIDC_ISSUER": " "}, production=True) is None


def test_the_defaults() -> None:
    config = oidc(ON, production=True)
    assert config is not None
    assert config.issuer == "https://login.example.nl/realms/wb"  # no trailing slash
    assert (config.role_claim, config.username_claim) == ("werkbrug_role", "preferred_username")
    assert config.scopes == "openid email profile"
    assert config.label == "OpenID Connect"
    assert config.token_endpoint == ""  # from discovery


def test_endpoints_scopes_and_a_role_map_are_read() -> None:
    config = oidc(
        {
            **ON,
            "WERKBRUG_OIDC_TOKEN_ENDPOINT": "https://login.example.nl/token",
            "WERKBRUG_OIDC_SCOPES": "roles openid",
            "WERKBRUG_OIDC_ROLE_MAP": "wb-med=mediator, wb-coo=coordinator",
        },
        production=True,
    )
    assert config is not None
    assert config.token_endpoint == "https://login.example.nl/token"
    assert config.scopes == "openid email profile roles"
    assert config.role_map == (("wb-med", "mediator"), ("wb-coo", "coordinator"))


@pytest.mark.parametrize(
    ("values", "production", "message"),
    [
        ({"WERKBRUG_OIDC_CLIENT_ID": "x"}, False, "WERKBRUG_OIDC_CLIENT_ID is set but"),
        ({**ON, "WERKBRUG_OIDC_CLIENT_SECRET": ""}, False, "CLIENT_SECRET is required"),
        ({**ON, "WERKBRUG_OIDC_ISSUER": "http://login.example.nl"}, False, "not an https"),
        ({**ON, "WERKBRUG_OIDC_ISSUER": "http://127.0.0.1:9000"}, True, "not an https"),
        ({**ON, "WERKBRUG_OIDC_JWKS_URI": "login.example.nl/jwks"}, False, "JWKS_URI="),
        ({**ON, "WERKBRUG_OIDC_ROLE_MAP": "wb-med"}, False, "is not CLAIM_VALUE=ROLE"),
        ({**ON, "WERKBRUG_OIDC_ROLE_MAP": "a=mediator,a=funder"}, False, "mapped twice"),
    ],
)
def test_a_bad_setting_is_refused(values: dict[str, str], production: bool, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        oidc(values, production=production)


def test_http_on_this_machine_is_allowed_outside_production() -> None:
    config = oidc({**ON, "WERKBRUG_OIDC_ISSUER": "http://127.0.0.1:9000"}, production=False)
    assert config is not None


def _config(**changes: object) -> OidcSettings:
    config = oidc(ON, production=True)
    assert config is not None
    return OidcSettings(**{**config.__dict__, **changes})  # type: ignore[arg-type]


def test_a_role_map_to_no_werkbrug_role_is_refused() -> None:
    with pytest.raises(ConfigError, match="'wizard', which is no werkbrug role"):
        role_map(_config(role_map=(("wb", "wizard"),)))


def test_a_misspelt_role_stops_the_program_at_start(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WERKBRUG_")}
    env.update(ON, WERKBRUG_DATA_DIR=str(tmp_path), WERKBRUG_OIDC_ROLE_MAP="wb=mediater")
    result = subprocess.run(
        [sys.executable, "-m", "werkbrug", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "werkbrug: configuration: WERKBRUG_OIDC_ROLE_MAP maps 'wb' to 'mediater'" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_claims_are_read_by_the_rule() -> None:
    config = _config(role_claim="realm_access.roles", role_map=(("wb-med", "mediator"),))
    person = person_read(
        config,
        {
            "sub": "s1",
            "preferred_username": "anna",
            "realm_access": {"roles": ["uma", "wb-med"]},
            "email": "anna@example.org",
            "email_verified": False,
        },
    )
    assert (person.subject, person.username, person.role) == ("s1", "anna", Role.MEDIATOR)
    assert person.email == ""  # an address the provider has not verified is not taken
    assert claim({"a.b": 1, "a": {"b": 2}}, "a.b") == 1


@pytest.mark.parametrize(
    "claims",
    [
        {"preferred_username": "anna", "werkbrug_role": "mediator"},
        {"sub": "s1", "werkbrug_role": "mediator"},
        {"sub": "s1", "preferred_username": "anna bakker", "werkbrug_role": "mediator"},
        {"sub": "s1", "preferred_username": "anna", "werkbrug_role": ["admin", "funder"]},
        {"sub": "s1", "preferred_username": "anna", "werkbrug_role": {"mediator": True}},
    ],
    ids=["no-subject", "no-username", "bad-username", "two-roles", "not-a-role"],
)
def test_claims_that_do_not_fit_the_rule_are_refused(claims: dict[str, object]) -> None:
    with pytest.raises(OidcRefused):
        person_read(_config(), claims)
