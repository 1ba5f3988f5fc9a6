"""Prometheus metrics of one app, in a registry of its own, served on a port of their own.

The registry belongs to the app (created by ``create_app``, handed to each component), not to
the process: two apps in one process (as in the tests) never mix their figures. Gauges that
describe state (pool, viewers, queues) are read when Prometheus scrapes, so keeping them costs
nothing per request.
"""

import threading
from typing import Protocol
from wsgiref.simple_server import WSGIServer

from fastapi import Request
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server

from quiver.core.logger import LoggerFactory

logger = LoggerFactory().get_logger(__name__)

# Latency buckets from 1 ms to 10 s: a scored arrow takes about 1 ms, a login about 100 ms.
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_LAG_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
_BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256)


# One attribute per metric: the names are the documentation.
class Metrics:  # pylint: disable=too-many-instance-attributes
    """Every metric the app exports."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        registry = self.registry
        self.requests = Counter(
            "quiver_http_requests",
            "HTTP requests answered, by operationId (or route), method and status.",
            ["operation", "method", "status"],
            registry=registry,
        )
        self.request_duration = Histogram(
            "quiver_http_request_duration_seconds",
            "Time from the request's arrival to the end of its response, by operationId.",
            ["operation"],
            buckets=_LATENCY_BUCKETS,
            registry=registry,
        )
        self.rejections = Counter(
            "quiver_http_rejections",
            "Requests refused before the app ran them, by reason (overloaded, body_timeout, "
            "payload_too_large, unsupported_media_type).",
            ["reason"],
            registry=registry,
        )
        self.arrows_written = Counter(
            "quiver_arrows_written", "Arrows stored by the arrow writer.", registry=registry
        )
        self.arrow_batch_size = Histogram(
            "quiver_arrow_writer_batch_size",
            "Arrows written per statement of the arrow writer.",
            buckets=_BATCH_BUCKETS,
            registry=registry,
        )
        self.live_events = Counter(
            "quiver_live_events",
            "Live-channel events rendered and offered to viewers, by type.",
            ["type"],
            registry=registry,
        )
        self.live_event_lag = Histogram(
            "quiver_live_event_lag_seconds",
            "Time from a change's commit notification to its event being offered to viewers.",
            buckets=_LAG_BUCKETS,
            registry=registry,
        )
        self.housekeeping_purged = Counter(
            "quiver_housekeeping_purged",
            "Rows deleted by housekeeping, by kind (idempotency_key, token, ticket, rate_limit).",
            ["kind"],
            registry=registry,
        )
        self._pool: PoolState | None = None
        self._live: LiveState | None = None
        for name, documentation, read in (
            ("quiver_db_pool_connections", "Open pooled connections.", self._pool_size),
            ("quiver_db_pool_in_use", "Pooled connections lent out.", self._pool_in_use),
            ("quiver_db_pool_waiting", "Callers waiting for a pooled connection.", self._waiting),
            ("quiver_live_viewers", "Live-channel viewers connected.", self._viewers),
            ("quiver_live_queued_messages", "Messages queued to viewers.", self._queued),
            (
                "quiver_live_pending_notifications",
                "Notifications not yet dispatched.",
                self._pending,
            ),
        ):
            Gauge(name, documentation, registry=registry).set_function(read)

    def observe(self, pool: "PoolState", live: "LiveState") -> None:
        """Report the state of these two from now on (the app's lifespan creates them)."""
        self._pool, self._live = pool, live

    def _pool_size(self) -> float:
        return 0 if self._pool is None else self._pool.get_size()

    def _pool_in_use(self) -> float:
        pool = self._pool
        return 0 if pool is None else pool.get_size() - pool.get_idle_size()

    def _waiting(self) -> float:
        return 0 if self._pool is None else self._pool.waiting

    def _viewers(self) -> float:
        return 0 if self._live is None else self._live.viewer_count

    def _queued(self) -> float:
        return 0 if self._live is None else self._live.queued_messages

    def _pending(self) -> float:
        return 0 if self._live is None else self._live.pending_notifications


class PoolState(Protocol):
    """What the metrics read of the connection pool."""

    @property
    def waiting(self) -> int:
        """Callers waiting for a connection."""

    def get_size(self) -> int:
        """Open connections."""

    def get_idle_size(self) -> int:
        """Open connections not lent out."""


class LiveState(Protocol):
    """What the metrics read of the live channel."""

    @property
    def viewer_count(self) -> int:
        """Viewers connected."""

    @property
    def queued_messages(self) -> int:
        """Messages waiting in the viewers' queues."""

    @property
    def pending_notifications(self) -> int:
        """Notifications received and not yet dispatched."""


async def get_metrics(request: Request) -> Metrics:
    """The metrics of the app serving ``request``."""
    metrics: Metrics = request.app.state.metrics
    return metrics


class MetricsServer:
    """The metrics endpoint on its own port, off the public API (prometheus_client's server)."""

    def __init__(self, metrics: Metrics, host: str, port: int) -> None:
        self._metrics = metrics
        self._host = host
        self._port = port
        self._server: WSGIServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Serve /metrics in a daemon thread."""
        self._server, self._thread = start_http_server(
            self._port, addr=self._host, registry=self._metrics.registry
        )
        logger.info("metrics on http://%s:%d/metrics", self._host, self._port)

    def stop(self) -> None:
        """Stop serving and free the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
