"""A client library for accessing Quiver API"""

from .client import AuthenticatedClient, Client
from .errors import QuiverProblem, UnexpectedStatus, expect, raise_for_problem

__version__ = "0.2.0"

__all__ = (
    "AuthenticatedClient",
    "Client",
    "QuiverProblem",
    "UnexpectedStatus",
    "__version__",
    "expect",
    "raise_for_problem",
)
