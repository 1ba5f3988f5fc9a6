"""SQL shared by the listings that page oldest first, on the keyset (created_at, id)."""

from datetime import datetime
from uuid import UUID

# The tail of such a listing's WHERE clause: $2 and $3 are the (created_at, id) of the last
# row of the previous page, NULL for the first page; $4 is the page size.
AFTER_OLDEST_FIRST = """($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
    ORDER BY created_at, id
    LIMIT $4"""


def after_parameters(after: tuple[datetime, UUID] | None) -> tuple[datetime | None, UUID | None]:
    """$2 and $3 of ``AFTER_OLDEST_FIRST``."""
    return after if after is not None else (None, None)
