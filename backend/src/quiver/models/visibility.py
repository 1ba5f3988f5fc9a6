"""SQL fragments for who may see a session, shared by every model that checks it.

A session is visible to its owner and to every archer who has (or had) a slot in it. The
viewer is an archer id passed as $2, or the archer of the bearer token passed as $2: statements
on hot paths authenticate and do their work in one round trip, reading ``caller.archer_id``
from ``CALLER_BY_TOKEN``.
"""

_VISIBLE_TO = """(ps.owner_archer_id = {viewer}
    OR EXISTS (SELECT 1 FROM slot v WHERE v.session_id = ps.id AND v.archer_id = {viewer}))"""

# ``ps`` is the practice_session row.
VISIBLE_TO_ARCHER = _VISIBLE_TO.format(viewer="$2::uuid")
VISIBLE_TO_CALLER = _VISIBLE_TO.format(viewer="caller.archer_id")

# ``caller`` (an archer_token row) is the unexpired, unrevoked bearer token {token_hash}.
_CALLER_TOKEN_IS = """caller.token_hash = {token_hash} AND caller.revoked_at IS NULL
    AND caller.expires_at > now()"""
CALLER_TOKEN_MATCHES = _CALLER_TOKEN_IS.format(token_hash="$2")
# FROM this, the archer of the bearer token $2 is ``caller.archer_id``.
CALLER_BY_TOKEN = f"archer_token caller WHERE {CALLER_TOKEN_MATCHES}"


def caller_token_is(token_hash: str) -> str:
    """The condition that ``caller`` is the bearer token whose digest is ``token_hash`` (SQL)."""
    return _CALLER_TOKEN_IS.format(token_hash=token_hash)
