"""A small OpenID Connect provider for the tests, on 127.0.0.1: discovery, authorize, token,
userinfo, end-session and the published keys, with ID tokens signed (RS256) by a key made for
the test.

It logs in whoever the test puts in ``person`` without asking, and can be told to misbehave
the ways an attacker's or a broken provider's answers would: another nonce, audience or
issuer in the ID token, a signature by another key, an expired token, userinfo about somebody
else. Only the authorization code flow with PKCE (S256) and client_secret_post, which is what
werkbrug uses.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

CLIENT_ID = "werkbrug-test"
CLIENT_SECRET = "a test client secret 42"
KID = "test-key-1"


@dataclass
class Grant:
    nonce: str | None
    redirect_uri: str
    challenge: str
    claims: dict[str, Any]


@dataclass
class Provider:
    """Start with :meth:`start`, stop with :meth:`stop` (the fixture does both)."""

    person: dict[str, Any] = field(default_factory=dict)
    # Changes to the ID token's claims (a value None removes the claim), to its userinfo,
    # and whether the ID token is signed by a key the provider does not publish.
    id_token_changes: dict[str, Any] = field(default_factory=dict)
    userinfo_changes: dict[str, Any] = field(default_factory=dict)
    sign_with_other_key: bool = False
    paths: list[str] = field(default_factory=list)  # every request's path, in order

    def __post_init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.grants: dict[str, Grant] = {}
        self.tokens: dict[str, dict[str, Any]] = {}
        self.ended_sessions = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> Provider:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "end_session_endpoint": f"{self.url}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict[str, Any]:
        public = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": KID, "alg": "RS256", "use": "sig"}]}

    def authorize(self, query: dict[str, str]) -> str:
        """The address the person's browser is sent back to."""
        if query.get("client_id") != CLIENT_ID or query.get("response_type") != "code":
            raise ValueError("unknown client or response type")
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            raise ValueError("PKCE is required")
        if "openid" not in query.get("scope", "").split():
            raise ValueError("not an OpenID Connect request")
        code = secrets.token_urlsafe(16)
        self.grants[code] = Grant(
            nonce=query.get("nonce"),
            redirect_uri=query["redirect_uri"],
            challenge=query["code_challenge"],
            claims=dict(self.person),
        )
        back = urlencode({"code": code, "state": query.get("state", "")})
        return f"{query['redirect_uri']}?{back}"

    def token(self, form: dict[str, str]) -> dict[str, Any]:
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            raise PermissionError("client authentication failed")
        grant = self.grants.pop(form.get("code", ""), None)  # a code is good once
        if grant is None or form.get("redirect_uri") != grant.redirect_uri:
            raise PermissionError("invalid grant")
        verifier = form.get("code_verifier", "").encode("ascii")
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
        if digest.decode("ascii") != grant.challenge:
            raise PermissionError("PKCE verification failed")
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
            **grant.claims,
        }
        for name, value in self.id_token_changes.items():
            if value is None:
                claims.pop(name, None)
            else:
                claims[name] = value
        key = self.other_key if self.sign_with_other_key else self.key
        id_token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": KID})
        access = secrets.token_urlsafe(16)
        self.tokens[access] = {**grant.claims, **self.userinfo_changes}
        return {"access_token": access, "token_type": "Bearer", "id_token": id_token}

    def end_session(self, query: dict[str, str]) -> str:
        """RP-Initiated Logout: where the browser goes after the provider's session ended."""
        if query.get("client_id") != CLIENT_ID or "post_logout_redirect_uri" not in query:
            raise ValueError("unknown client or no address to return to")
        self.ended_sessions += 1
        return query["post_logout_redirect_uri"]

    def userinfo(self, authorization: str) -> dict[str, Any]:
        scheme, _space, access = authorization.partition(" ")
        if scheme != "Bearer" or access not in self.tokens:
            raise PermissionError("invalid token")
        return self.tokens[access]


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: the tests' output is the tests'

        def _json(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            provider.paths.append(parts.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            try:
                if parts.path == "/.well-known/openid-configuration":
                    self._json(200, provider.discovery())
                elif parts.path == "/jwks":
                    self._json(200, provider.jwks())
                elif parts.path in ("/authorize", "/logout"):
                    answer = (
                        provider.authorize if parts.path == "/authorize" else provider.end_session
                    )
                    self.send_response(302)
                    self.send_header("Location", answer(query))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif parts.path == "/userinfo":
                    self._json(200, provider.userinfo(self.headers.get("Authorization", "")))
                else:
                    self._json(404, {"error": "not_found"})
            except ValueError as exc:
                self._json(400, {"error": "invalid_request", "error_description": str(exc)})
            except PermissionError as exc:
                self._json(401, {"error": "invalid_token", "error_description": str(exc)})

        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            provider.paths.append(parts.path)
            length = int(self.headers.get("Content-Length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if parts.path != "/token":
                self._json(404, {"error": "not_found"})
                return
            try:
                self._json(200, provider.token(form))
            except PermissionError as exc:
                self._json(400, {"error": "invalid_grant", "error_description": str(exc)})

    return Handler
