"""Conditional requests (RFC 9110, sections 8.8.3 and 13): entity tags and their preconditions.

An entity tag is a digest of the exact bytes of a representation, so whichever operation
returns a state (GET, or the PATCH that produced it) tags it the same. Routers answer reads
with ``tagged_response`` (304 when ``If-None-Match`` matches); services that change or delete
a resource lock its row, rebuild its current representation the way GET does and call
``EntityTags.require`` before they write, in the same transaction, so a concurrent change
can never slip between the check and the write. They check it after the rules that would
refuse the request anyway (not found, forbidden, conflict): RFC 9110 (section 13.2.1)
evaluates preconditions only where the unconditional request would succeed, and before the
request content is looked at.
"""

import re
from dataclasses import dataclass
from hashlib import sha256
from http import HTTPStatus
from typing import Annotated

from fastapi import Depends, Request
from pydantic import BaseModel
from starlette.responses import Response

from quiver.core.errors import ApiError
from quiver.core.responses import json_bytes

# SHA-256 (hardware-accelerated on current CPUs: 2.5 times blake2b's speed here) cut to 128
# bits: collisions between two states of one resource stay out of reach, and the tag stays
# short (34 characters with its quotes).
_DIGEST_BYTES = 16
# One list element of If-Match / If-None-Match: `*` or an entity tag, then a comma or the end
# (RFC 9110: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc = %x21 / %x23-7E / obs-text).
_ELEMENT = re.compile(r'[ \t,]*(?:(\*)|(W/)?("[\x21\x23-\x7e\x80-\xff]*"))[ \t]*(?:,|$)')


def strong_etag(body: bytes) -> str:
    """The strong entity tag of these exact bytes."""
    return f'"{sha256(body).digest()[:_DIGEST_BYTES].hex()}"'


def weak_etag(body: bytes) -> str:
    """A weak entity tag, for lists: the same bytes tag the same, nothing more is promised."""
    return "W/" + strong_etag(body)


class PreconditionFailedError(ApiError):
    """The client's ``If-Match`` does not match the resource's current representation."""

    def __init__(self) -> None:
        super().__init__(
            HTTPStatus.PRECONDITION_FAILED,
            "precondition_failed",
            "The resource has changed since the ETag in If-Match was read; nothing was "
            "changed. Read it again and retry with its current ETag.",
        )


@dataclass(frozen=True, slots=True)
class EntityTags:
    """An ``If-Match`` or ``If-None-Match`` field: ``*``, or a list of entity tags."""

    any: bool
    # The opaque tags (quotes included) sent without and with the W/ prefix.
    strong: frozenset[str]
    weak: frozenset[str]

    def strong_match(self, etag: str) -> bool:
        """RFC 9110's strong comparison (If-Match): both tags strong and equal, or ``*``."""
        return self.any or etag in self.strong

    def weak_match(self, etag: str) -> bool:
        """RFC 9110's weak comparison (If-None-Match): equal opaque tags, or ``*``."""
        opaque = etag.removeprefix("W/")
        return self.any or opaque in self.strong or opaque in self.weak

    def require(self, current: BaseModel | bytes) -> None:
        """Check ``If-Match`` against the resource's current representation (it exists).

        Raises:
            PreconditionFailedError: if none of the tags is the current one's strong tag.
        """
        if not self.any and not self.strong_match(strong_etag(json_bytes(current))):
            raise PreconditionFailedError()


def parse_entity_tags(field: str) -> EntityTags | None:
    """The tags of an ``If-Match`` / ``If-None-Match`` value; None when it is empty.

    Lenient as Go's net/http is: empty list elements are skipped and parsing stops at the
    first malformed element, keeping the tags before it. A malformed ``If-Match`` then matches
    nothing (412, nothing written) and a malformed ``If-None-Match`` matches nothing (a full
    200): the safe reading of each.
    """
    if not field.strip(" \t"):
        return None
    strong: set[str] = set()
    weak: set[str] = set()
    position = 0
    while position < len(field):
        element = _ELEMENT.match(field, position)
        if element is None:
            break
        if element[1] is not None:
            return EntityTags(any=True, strong=frozenset(), weak=frozenset())
        (weak if element[2] else strong).add(element[3])
        position = element.end()
    return EntityTags(any=False, strong=frozenset(strong), weak=frozenset(weak))


def _header(request: Request, name: str) -> EntityTags | None:
    # Several fields of one name are one comma-separated list (RFC 9110, section 5.3).
    values = request.headers.getlist(name)
    return parse_entity_tags(", ".join(values)) if values else None


async def read_if_match(request: Request) -> EntityTags | None:
    """The request's ``If-Match``, or None when it has none."""
    return _header(request, "if-match")


async def read_if_none_match(request: Request) -> EntityTags | None:
    """The request's ``If-None-Match``, or None when it has none."""
    return _header(request, "if-none-match")


def tagged_response(
    body: BaseModel | bytes, *, if_none_match: EntityTags | None = None, weak: bool = False
) -> Response:
    """A 200 JSON representation with its ``ETag``, or 304 (no body) when ``If-None-Match``
    matches it. HEAD is GET without the body (``RequestContextMiddleware``), so it gets the
    same answer."""
    content = json_bytes(body)
    etag = weak_etag(content) if weak else strong_etag(content)
    if if_none_match is not None and if_none_match.weak_match(etag):
        return Response(status_code=int(HTTPStatus.NOT_MODIFIED), headers={"ETag": etag})
    return Response(
        content, int(HTTPStatus.OK), headers={"ETag": etag}, media_type="application/json"
    )


def file_response(
    body: bytes,
    *,
    media_type: str,
    disposition: str,
    filename: str,
    if_none_match: EntityTags | None = None,
) -> Response:
    """A 200 download (``Content-Disposition`` ``disposition`` with ``filename``) with its
    strong ``ETag``, or 304 (no body) when ``If-None-Match`` matches it."""
    etag = strong_etag(body)
    if if_none_match is not None and if_none_match.weak_match(etag):
        return Response(status_code=int(HTTPStatus.NOT_MODIFIED), headers={"ETag": etag})
    headers = {"ETag": etag, "Content-Disposition": f'{disposition}; filename="{filename}"'}
    return Response(body, int(HTTPStatus.OK), headers=headers, media_type=media_type)


IfMatch = Annotated[EntityTags | None, Depends(read_if_match)]
IfNoneMatch = Annotated[EntityTags | None, Depends(read_if_none_match)]
