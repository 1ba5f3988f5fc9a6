"""Runtime configuration, read from environment variables."""

import os
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import AliasChoices, Field, StringConstraints, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from quiver.core.logger import LogFormat

REPO_ROOT = Path(__file__).resolve().parents[4]
# A browser origin as the Origin header spells it (scheme, host, optional port), or `*`.
CorsOrigin = Annotated[str, StringConstraints(pattern=r"^(\*|https?://[^/\s,]+)$")]


def default_pool_max_size(cpu_cores: int) -> int:
    """10 connections, but at most 2 per CPU core (the backend guideline).

    More connections than the cores can serve only add contention in PostgreSQL: on 2 cores,
    recording arrows at 16 concurrent requests ran about 15% faster with 4 or 5 pooled
    connections than with 10 (scripts/bench/http_bench.py).
    """
    return min(10, 2 * cpu_cores)


# Defaults sized for the whole machine (PostgreSQL connections; cores, for password hashes),
# which ``per_worker`` splits among worker processes, and the least share of each.
_MACHINE_WIDE_FLOORS = {"postgres_pool_max_size": 2, "password_hash_concurrency": 1}


def per_worker(settings: "Settings", workers: int) -> "Settings":
    """The settings of one of ``workers`` processes: each default sized for the whole machine
    is divided among them (at least its floor); a value set explicitly holds per process.

    Two pooled connections is the least a worker can do with: one for the arrow writer's
    batch, one for every other request.
    """
    update: dict[str, int] = {}
    for name, floor in _MACHINE_WIDE_FLOORS.items():
        if name not in settings.model_fields_set:
            update[name] = max(floor, getattr(settings, name) // workers)
    if "postgres_pool_max_size" in update:
        update["postgres_pool_max_size"] = max(
            update["postgres_pool_max_size"], settings.postgres_pool_min_size
        )
    return settings.model_copy(update=update)


class Settings(BaseSettings):
    """Every setting of the API; the README documents each variable and its default."""

    model_config = SettingsConfigDict(
        env_prefix="QUIVER_", frozen=True, extra="forbid", validate_by_name=True
    )

    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "database_url"),
        description="PostgreSQL DSN; unset starts the embedded server.",
    )
    direct_database_url: str | None = Field(
        default=None,
        min_length=1,
        description=(
            "PostgreSQL DSN of the server itself, for what needs one server session: "
            "migrations (session advisory lock) and the live channel's LISTEN. Unset: "
            "`DATABASE_URL`. Set it when `DATABASE_URL` is a transaction pooler (PgBouncer)."
        ),
    )
    database_pool_mode: Literal["session", "transaction"] = Field(
        default="session",
        description=(
            "`transaction` when `DATABASE_URL` is a pooler in transaction mode (PgBouncer's "
            "`pool_mode`): no named prepared statements on the request path, no startup "
            "settings the pooler refuses."
        ),
    )
    database_statement_cache_size: int | None = Field(
        default=None,
        ge=0,
        description=(
            "Statements asyncpg keeps prepared per pooled connection. Unset: 100 (asyncpg's "
            "default), 0 in transaction mode. PgBouncer 1.21+ with `max_prepared_statements` "
            "keeps them across transactions: set 100 there."
        ),
    )
    pgdata: Path = Field(
        default=REPO_ROOT / ".quiver" / "pgdata",
        description="Data directory of the embedded PostgreSQL server.",
    )
    postgres_pool_min_size: int = Field(
        default=1,
        ge=0,
        validation_alias=AliasChoices("POSTGRES_POOL_MIN_SIZE", "postgres_pool_min_size"),
    )
    postgres_pool_max_size: int = Field(
        default_factory=lambda: default_pool_max_size(os.cpu_count() or 1),
        ge=1,
        validation_alias=AliasChoices("POSTGRES_POOL_MAX_SIZE", "postgres_pool_max_size"),
    )
    api_max_concurrent_requests: int = Field(
        default=100,
        ge=1,
        validation_alias=AliasChoices("API_MAX_CONCURRENT_REQUESTS", "api_max_concurrent_requests"),
    )
    db_acquire_timeout_seconds: float = Field(
        default=5.0,
        gt=0,
        description=(
            "Longest wait for a pooled connection, and for any lock one statement needs, "
            "before the request answers 503."
        ),
    )
    db_command_timeout_seconds: float = Field(default=30.0, gt=0)
    health_timeout_seconds: float = Field(
        default=1.0, gt=0, description="Longest wait of the readiness check for the database."
    )
    embedded_watch_seconds: float = Field(
        default=0.5,
        gt=0,
        description=(
            "Interval at which the embedded server's postmaster is checked (and a failed "
            "restart retried); a dead one is restarted."
        ),
    )
    migrate_on_startup: bool = True
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    body_timeout_seconds: float = Field(
        default=30.0,
        gt=0,
        description="How long a request body may take to arrive in full before a 408.",
    )
    header_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        description="How long a request line and headers may take to arrive before a 408.",
    )
    max_header_bytes: int = Field(
        default=32_768,
        ge=1024,
        description="Largest request line plus headers; larger ones get a 431.",
    )
    max_header_count: int = Field(
        default=100, ge=1, description="Most header fields in one request; more get a 431."
    )
    shutdown_grace_seconds: int = Field(
        default=10,
        ge=0,
        description="How long a shutdown waits for requests in flight before cutting them off.",
    )
    token_ttl_seconds: int = Field(default=7 * 24 * 3600, ge=60)
    oidc_google_client_id: str | None = Field(
        default=None,
        min_length=1,
        description="Google sign-in's OAuth client id (the ID tokens' audience); unset: off.",
    )
    oidc_google_issuer: str = Field(
        default="https://accounts.google.com",
        min_length=1,
        description="Issuer of Google ID tokens (also accepted without `https://`).",
    )
    oidc_google_jwks_url: str = Field(
        default="https://www.googleapis.com/oauth2/v3/certs",
        pattern=r"^https?://",
        description="Where Google publishes the keys that sign its ID tokens (JWKS).",
    )
    oidc_jwks_ttl_seconds: float = Field(
        default=3600.0,
        gt=0,
        description="How long a fetched JWKS is used before it is fetched again.",
    )
    oidc_jwks_refetch_seconds: float = Field(
        default=60.0,
        ge=0,
        description=(
            "Least time between two fetches of a JWKS, so tokens naming unknown keys cannot "
            "make the server hammer the provider; a rotated key is picked up after it."
        ),
    )
    oidc_jwks_timeout_seconds: float = Field(
        default=5.0, gt=0, description="Longest wait for a JWKS fetch before a 503."
    )
    oidc_leeway_seconds: int = Field(
        default=60,
        ge=0,
        le=300,
        description="Clock skew allowed when checking an ID token's expiry and issue time.",
    )
    idempotency_key_ttl_seconds: int = Field(
        default=24 * 3600,
        ge=60,
        description="How long an Idempotency-Key and its stored response are kept (Stripe's 24 h).",
    )
    housekeeping_interval_seconds: float = Field(
        default=600.0,
        gt=0,
        description="Pause between purges of expired idempotency keys, tokens and tickets.",
    )
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_cost_kib: int = Field(default=65_536, ge=8)
    argon2_parallelism: int = Field(default=1, ge=1)
    password_hash_concurrency: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        description="Password hashes computed at once (logins and sign-ups queue beyond it).",
    )
    rate_limit_requests_per_minute: int = Field(
        default=600,
        ge=0,
        le=1_000_000,
        description="Requests per minute per principal (archer, else client address) and "
        "process, for every /api operation but sign-in; 0: no limit.",
    )
    rate_limit_login_per_email: int = Field(
        default=10,
        ge=0,
        le=1_000_000,
        description="Login and registration attempts per email per 15 minutes, across all "
        "processes; 0: no limit.",
    )
    rate_limit_login_per_address: int = Field(
        default=100,
        ge=0,
        le=1_000_000,
        description="Login attempts per client address per 15 minutes, across all processes; "
        "0: no limit.",
    )
    rate_limit_register_per_address: int = Field(
        default=30,
        ge=0,
        le=1_000_000,
        description="Registrations per client address per hour, across all processes; "
        "0: no limit.",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65_535)
    workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        le=1024,
        description="Worker processes of `quiver serve` (default: one per core); 1: one "
        "process, no supervisor.",
    )
    forwarded_allow_ips: str = Field(
        default="127.0.0.1,::1",
        min_length=1,
        description="Proxies (comma-separated addresses or networks, or `*`) whose "
        "X-Forwarded-For and X-Forwarded-Proto the server believes.",
    )
    metrics_port: int | None = Field(
        default=None,
        ge=1,
        le=65_535,
        description="Port of the Prometheus /metrics endpoint, off the API port; unset: none.",
    )
    metrics_host: str = Field(
        default="127.0.0.1", description="Address the metrics endpoint listens on."
    )
    log_level: str = "INFO"
    log_format: LogFormat = Field(
        default="text", description="`text`, or `json` for one JSON object per line."
    )
    contract_path: Path = REPO_ROOT / "openapi" / "v0" / "openapi.yaml"
    ws_ticket_ttl_seconds: int = Field(
        default=30, ge=1, le=3600, description="Lifetime of a live-channel ticket."
    )
    ws_heartbeat_seconds: float = Field(
        default=30.0, gt=0, description="Interval of the live channel's heartbeat."
    )
    ws_queue_max_messages: int = Field(
        default=1000, ge=1, description="Messages queued per viewer before the oldest drop."
    )
    ws_send_timeout_seconds: float = Field(
        default=10.0, gt=0, description="How long one send may block before the viewer is closed."
    )
    ws_listener_retry_seconds: float = Field(
        default=1.0, gt=0, description="Pause before the LISTEN connection reconnects."
    )
    ws_credential_check_seconds: float = Field(
        default=2.0,
        gt=0,
        description="Interval of the check that closes viewers whose token was revoked, "
        "expired or deleted with its account (4401).",
    )
    broker_url: str | None = Field(
        default=None,
        pattern=r"^nats://[^\s,]+(,nats://[^\s,]+)*$",
        description="NATS servers of the live channel (`nats://host:port`, comma-separated); "
        "unset: PostgreSQL's LISTEN/NOTIFY.",
    )
    outbox_poll_seconds: float = Field(
        default=0.5,
        gt=0,
        description="With NATS: the longest pause of the outbox relay between looks for "
        "unpublished changes (a write wakes it at once), and of a standby relay between "
        "attempts to take over.",
    )
    outbox_retention_seconds: float = Field(
        default=300.0,
        gt=0,
        description="With NATS: how long published changes stay in the outbox, for "
        "subscribers that missed some to read them back (older gaps resync the viewers).",
    )
    ws_backlog_max_notifications: int = Field(
        default=1000,
        ge=1,
        description="Notifications of one session waiting to be rendered, per process, before "
        "they are dropped and the session's viewers get a fresh snapshot instead.",
    )
    ws_render_connections: int = Field(
        default=2,
        ge=1,
        le=100,
        description="Connections per process that render live events, outside the pool.",
    )
    frontend_dist: Path = REPO_ROOT / "frontend" / "dist"
    cors_origins: Annotated[tuple[CorsOrigin, ...], NoDecode] = Field(
        default=(),
        description=(
            "Origins whose pages may call the API from a browser, comma-separated "
            "(`https://club.example,http://localhost:5173`), or `*` for any; unset: no CORS "
            "headers at all."
        ),
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_cors_origins(cls, value: object) -> object:
        """QUIVER_CORS_ORIGINS is a comma-separated list, not JSON."""
        if isinstance(value, str):
            return tuple(origin.strip() for origin in value.split(",") if origin.strip())
        return value

    @model_validator(mode="after")
    def _check_direct_database_url(self) -> Self:
        """A transaction pooler cannot carry LISTEN or the migrations' advisory lock: they
        need the server's own address, which only makes sense beside a ``DATABASE_URL``."""
        if self.direct_database_url is not None and self.database_url is None:
            raise ValueError("QUIVER_DIRECT_DATABASE_URL needs DATABASE_URL")
        if self.database_pool_mode == "transaction" and self.direct_database_url is None:
            raise ValueError(
                "QUIVER_DATABASE_POOL_MODE=transaction needs QUIVER_DIRECT_DATABASE_URL "
                "(migrations and LISTEN cannot run through a transaction pooler)"
            )
        return self
