"""Runtime configuration, read from environment variables."""

import os
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from quiver.core.logger import LogFormat

REPO_ROOT = Path(__file__).resolve().parents[4]


def default_pool_max_size(cpu_cores: int) -> int:
    """10 connections, but at most 2 per CPU core (the backend guideline).

    More connections than the cores can serve only add contention in PostgreSQL: on 2 cores,
    recording arrows at 16 concurrent requests ran about 15% faster with 4 or 5 pooled
    connections than with 10 (scripts/bench/http_bench.py).
    """
    return min(10, 2 * cpu_cores)


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
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65_535)
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
    frontend_dist: Path = REPO_ROOT / "frontend" / "dist"
