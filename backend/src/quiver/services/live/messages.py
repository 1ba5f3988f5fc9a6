"""The envelope of the live channel's messages (openapi/v0/asyncapi.yaml)."""

from datetime import UTC, datetime
from uuid import UUID

import orjson


def timestamp() -> str:
    """Now, as the messages' ``ts``: UTC with milliseconds."""
    now = datetime.now(UTC)
    return f"{now:%Y-%m-%dT%H:%M:%S}.{now.microsecond // 1000:03d}Z"


def render_message(event_type: str, event_id: UUID, data: object) -> str:
    """One event in the contract's envelope; ``data`` may hold ``orjson.Fragment`` JSON."""
    envelope = {"type": event_type, "ts": timestamp(), "event_id": event_id, "data": data}
    return orjson.dumps(envelope).decode()


def render_heartbeat() -> str:
    """The heartbeat message, which has no event id and no data."""
    return orjson.dumps({"type": "heartbeat", "ts": timestamp()}).decode()
