"""Settings defaults that depend on the machine."""

import os

import pytest

from quiver.core.settings import Settings, default_pool_max_size


@pytest.mark.parametrize(("cores", "expected"), [(1, 2), (2, 4), (5, 10), (64, 10)])
def test_the_pool_keeps_to_two_connections_per_core_up_to_ten(cores: int, expected: int) -> None:
    assert default_pool_max_size(cores) == expected


def test_the_pool_default_follows_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POSTGRES_POOL_MAX_SIZE", raising=False)
    assert Settings().postgres_pool_max_size == default_pool_max_size(os.cpu_count() or 1)
    monkeypatch.setenv("POSTGRES_POOL_MAX_SIZE", "7")
    assert Settings().postgres_pool_max_size == 7
