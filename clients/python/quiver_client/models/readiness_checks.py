from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.check_outcome import CheckOutcome, check_check_outcome

T = TypeVar("T", bound="ReadinessChecks")


@_attrs_define
class ReadinessChecks:
    """The outcome of each readiness check.

    Attributes:
        database (CheckOutcome): The outcome of one check: `database` (a query answers), `migrations` (every migration
            of this version is applied), `live` (the live channel's LISTEN connection is up).
        migrations (CheckOutcome): The outcome of one check: `database` (a query answers), `migrations` (every migration
            of this version is applied), `live` (the live channel's LISTEN connection is up).
        live (CheckOutcome): The outcome of one check: `database` (a query answers), `migrations` (every migration
            of this version is applied), `live` (the live channel's LISTEN connection is up).
    """

    database: CheckOutcome
    migrations: CheckOutcome
    live: CheckOutcome

    def to_dict(self) -> dict[str, Any]:
        database: str = self.database

        migrations: str = self.migrations

        live: str = self.live

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "database": database,
                "migrations": migrations,
                "live": live,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        database = check_check_outcome(d.pop("database"))

        migrations = check_check_outcome(d.pop("migrations"))

        live = check_check_outcome(d.pop("live"))

        readiness_checks = cls(
            database=database,
            migrations=migrations,
            live=live,
        )

        return readiness_checks
