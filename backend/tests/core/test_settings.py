"""Settings defaults that depend on the machine."""

import os

import pytest
from pydantic import ValidationError

from quiver.core.settings import Settings, default_pool_max_size, per_worker


@pytest.mark.parametrize(("cores", "expected"), [(1, 2), (2, 4), (5, 10), (64, 10)])
def test_the_pool_keeps_to_two_connections_per_core_up_to_ten(cores: int, expected: int) -> None:
    assert default_pool_max_size(cores) == expected


def test_the_pool_default_follows_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POSTGRES_POOL_MAX_SIZE", raising=False)
    assert Settings().postgres_pool_max_size == default_pool_max_size(os.cpu_count() or 1)
    monkeypatch.setenv("POSTGRES_POOL_MAX_SIZE", "7")
    assert Settings().postgres_pool_max_size == 7


@pytest.mark.parametrize(
    ("workers", "pool", "hashes"), [(1, 10, 8), (2, 5, 4), (4, 2, 2), (16, 2, 1)]
)
def test_workers_share_the_machine_wide_defaults(
    monkeypatch: pytest.MonkeyPatch, workers: int, pool: int, hashes: int
) -> None:
    for name in ("POSTGRES_POOL_MAX_SIZE", "QUIVER_PASSWORD_HASH_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    machine = Settings()
    assert (machine.postgres_pool_max_size, machine.password_hash_concurrency) == (10, 8)
    share = per_worker(machine, workers)
    assert (share.postgres_pool_max_size, share.password_hash_concurrency) == (pool, hashes)
    # The overload limit stays per process: it guards one event loop.
    assert share.api_max_concurrent_requests == machine.api_max_concurrent_requests


def test_values_set_explicitly_hold_per_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSTGRES_POOL_MAX_SIZE", "7")
    monkeypatch.setenv("QUIVER_PASSWORD_HASH_CONCURRENCY", "3")
    share = per_worker(Settings(), 4)
    assert (share.postgres_pool_max_size, share.password_hash_concurrency) == (7, 3)


def test_a_worker_pool_is_never_smaller_than_its_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POSTGRES_POOL_MAX_SIZE", raising=False)
    monkeypatch.setenv("POSTGRES_POOL_MIN_SIZE", "3")
    assert per_worker(Settings(), 64).postgres_pool_max_size == 3


def test_quiver_workers_defaults_to_one_per_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUIVER_WORKERS", raising=False)
    assert Settings().workers == (os.cpu_count() or 1)
    monkeypatch.setenv("QUIVER_WORKERS", "3")
    assert Settings().workers == 3


def test_a_direct_database_url_needs_a_database_url() -> None:
    with pytest.raises(ValidationError, match="QUIVER_DIRECT_DATABASE_URL needs DATABASE_URL"):
        Settings(database_url=None, direct_database_url="postgresql://db.internal/quiver")


def test_transaction_mode_needs_a_direct_database_url() -> None:
    with pytest.raises(ValidationError, match="needs QUIVER_DIRECT_DATABASE_URL"):
        Settings(
            database_url="postgresql://pgbouncer.internal/quiver",
            direct_database_url=None,
            database_pool_mode="transaction",
        )


def test_the_direct_database_url_and_pool_mode_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://pgbouncer.internal:6432/quiver")
    monkeypatch.setenv("QUIVER_DIRECT_DATABASE_URL", "postgresql://db.internal/quiver")
    monkeypatch.setenv("QUIVER_DATABASE_POOL_MODE", "transaction")
    settings = Settings()
    assert settings.direct_database_url == "postgresql://db.internal/quiver"
    assert settings.database_pool_mode == "transaction"
    monkeypatch.setenv("QUIVER_DATABASE_POOL_MODE", "statement")
    with pytest.raises(ValidationError, match="database_pool_mode"):
        Settings()
