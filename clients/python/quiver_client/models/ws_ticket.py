from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="WsTicket")


@_attrs_define
class WsTicket:
    """A single-use ticket for the live channel of one session.

    Attributes:
        ticket (str): Pass as `?ticket=` when opening the WebSocket; it works once.
        expires_at (datetime.datetime): When the ticket stops being accepted (30 seconds after it was issued).
    """

    ticket: str
    expires_at: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        ticket = self.ticket

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "ticket": ticket,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ticket = d.pop("ticket")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        ws_ticket = cls(
            ticket=ticket,
            expires_at=expires_at,
        )

        return ws_ticket
