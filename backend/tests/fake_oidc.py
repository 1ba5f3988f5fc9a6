"""A fake OpenID Connect provider for tests: RSA keys of its own, a JWKS served on loopback,
and ID tokens signed with those keys (or forged)."""

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from uuid import uuid4

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from conftest import make_settings
from quiver.core.settings import Settings

CLIENT_ID = "quiver-test.apps.googleusercontent.com"
ISSUER = "https://accounts.google.com"


@dataclass(frozen=True)
class SigningKey:
    """An RSA key pair of the provider, known by its key id."""

    kid: str
    private: rsa.RSAPrivateKey

    def public_jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(self.private.public_key()))
        return {**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}

    def public_pem(self) -> bytes:
        return self.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


@cache
def signing_key(kid: str, bits: int = 2048) -> SigningKey:
    """One key per id for the whole run: generating RSA keys is slow."""
    return SigningKey(kid, rsa.generate_private_key(public_exponent=65537, key_size=bits))


def _segment(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forged_token(header: dict[str, Any], claims: dict[str, Any], secret: bytes | None) -> str:
    """A token PyJWT would refuse to make: HMAC-signed with ``secret``, or unsigned (None)."""
    signing_input = (
        f"{_segment(json.dumps(header).encode())}.{_segment(json.dumps(claims).encode())}"
    )
    if secret is None:
        return signing_input + "."
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_segment(mac)}"


class FakeProvider:
    """Serves the JWKS of ``published`` keys and signs ID tokens; counts the JWKS fetches."""

    def __init__(self) -> None:
        self.published: list[SigningKey] = [signing_key("key-1")]
        self.fetches = 0
        # When set, served instead of the JWKS (a broken provider).
        self.raw_answer: bytes | None = None
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.jwks_url = f"http://127.0.0.1:{self._server.server_address[1]}/certs"

    @classmethod
    @contextmanager
    def serving(cls) -> Iterator["FakeProvider"]:
        provider = cls()
        # A short poll interval: shutdown() waits for the next poll.
        thread = threading.Thread(
            target=provider._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        thread.start()
        try:
            yield provider
        finally:
            provider._server.shutdown()
            provider._server.server_close()
            thread.join()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            """Answers every GET with the provider's JWKS."""

            def answer(self) -> None:
                provider.fetches += 1
                body = (
                    provider.raw_answer
                    or json.dumps(
                        {"keys": [key.public_jwk() for key in provider.published]}
                    ).encode()
                )
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = answer  # the name http.server dispatches a GET to

        return Handler

    def claims(self, **overrides: Any) -> dict[str, Any]:
        """A valid ID token's claims for a new Google account, with ``overrides``."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "azp": CLIENT_ID,
            "sub": str(uuid4().int)[:21],
            "email": f"google-{uuid4().hex[:12]}@example.org",
            "email_verified": True,
            "given_name": "Maid",
            "family_name": "Marian",
            "name": "Maid Marian",
            "iat": now,
            "exp": now + 3600,
        }
        claims.update(overrides)
        return {key: value for key, value in claims.items() if value is not None}

    def token(self, key: SigningKey | None = None, **overrides: Any) -> str:
        """An ID token signed with ``key`` (the first published key by default)."""
        key = key or self.published[0]
        return jwt.encode(
            self.claims(**overrides), key.private, algorithm="RS256", headers={"kid": key.kid}
        )


def oidc_settings(database_url: str, provider: FakeProvider, **overrides: Any) -> Settings:
    """Test settings with Google sign-in on, served by ``provider``; every JWKS miss refetches."""
    values: dict[str, Any] = {
        "oidc_google_client_id": CLIENT_ID,
        "oidc_google_jwks_url": provider.jwks_url,
        "oidc_jwks_refetch_seconds": 0,
        "oidc_jwks_timeout_seconds": 2,
    }
    values.update(overrides)
    return make_settings(database_url, **values)
