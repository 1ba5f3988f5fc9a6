"""The live channel: sessions watched over a WebSocket, fed by a message broker.

``broker`` (the interface and ``publish``), ``postgres_broker`` (LISTEN/NOTIFY, the default),
``channel`` (the process's hub: rooms, fan-out, timers), ``viewer`` (one client), ``content``
(what is said: tickets, snapshots, events) and ``messages`` (the envelope).
"""

from quiver.core.settings import Settings
from quiver.services.live.broker import Broker
from quiver.services.live.nats_broker import NatsBroker
from quiver.services.live.postgres_broker import PostgresBroker


def create_broker(settings: Settings, direct_dsn: str) -> Broker:
    """The broker ``settings`` select; ``direct_dsn`` reaches the database past any pooler."""
    if settings.broker_url is not None:
        return NatsBroker(
            settings.broker_url,
            direct_dsn,
            poll_seconds=settings.outbox_poll_seconds,
            retention_seconds=settings.outbox_retention_seconds,
            reconnect_seconds=settings.ws_listener_retry_seconds,
        )
    return PostgresBroker(
        direct_dsn,
        keepalive_seconds=settings.ws_heartbeat_seconds,
        retry_seconds=settings.ws_listener_retry_seconds,
    )
