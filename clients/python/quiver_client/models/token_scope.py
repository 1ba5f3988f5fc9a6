from typing import Literal

TokenScope = Literal[
    "equipment:read",
    "equipment:write",
    "profile:read",
    "profile:write",
    "sessions:read",
    "sessions:write",
    "shots:write",
    "stats:read",
]

TOKEN_SCOPE_VALUES: set[TokenScope] = {
    "equipment:read",
    "equipment:write",
    "profile:read",
    "profile:write",
    "sessions:read",
    "sessions:write",
    "shots:write",
    "stats:read",
}


def check_token_scope(value: str) -> TokenScope:
    if value in TOKEN_SCOPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TOKEN_SCOPE_VALUES!r}")
