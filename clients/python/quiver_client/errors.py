"""Errors of the Quiver client: error answers as typed exceptions.

Every error answer of the Quiver API is an RFC 9457 problem+json document. `raise_for_problem`
turns one into a `QuiverProblem`, and `expect` returns an answer's parsed model or raises.
"""

import json
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, TypeVar

from .models.problem import Problem
from .models.problem_error import ProblemError
from .types import Response, Unset

ModelT = TypeVar("ModelT")


class UnexpectedStatus(Exception):
    """Raised by api functions when the response status an undocumented status and Client.raise_on_unexpected_status is True"""

    def __init__(self, status_code: int, content: bytes):
        self.status_code = status_code
        self.content = content

        super().__init__(
            f"Unexpected status code: {status_code}\n\nResponse content:\n{content.decode(errors='ignore')}"
        )


class QuiverProblem(Exception):
    """An error answer of the Quiver API, with its problem details.

    Attributes:
        problem: The whole problem document; extension members are in its `additional_properties`.
        status: The HTTP status code.
        code: The stable, machine-readable snake_case error code.
        title: A short summary of the problem type.
        detail: What went wrong this time.
        type: A URI reference naming the problem type.
        instance: The path of the request that failed.
        request_id: The request's id, as the server logged it.
        errors: Every failing field of a validation problem (empty otherwise).
        headers: The answer's headers (say, `Retry-After` of a 429).
    """

    def __init__(self, problem: Problem, headers: Mapping[str, str] | None = None) -> None:
        self.problem = problem
        self.status: int = problem.status
        self.code: str = problem.code
        self.title: str = problem.title
        self.detail: str = problem.detail
        self.type: str = problem.type_
        self.instance: str = problem.instance
        self.request_id: str = problem.request_id
        self.errors: list[ProblemError] = [] if isinstance(problem.errors, Unset) else list(problem.errors)
        self.headers: Mapping[str, str] = headers if headers is not None else {}
        super().__init__(f"{self.status} {self.code}: {self.detail} (request {self.request_id})")

    @classmethod
    def from_response(cls, response: Response[Any]) -> "QuiverProblem":
        """The problem an error answer carries.

        An answer whose body is no problem document (say, from a proxy) gets one built from its
        status, with the code `unexpected_response` and the body as the detail.
        """
        parsed = response.parsed
        problem = parsed if isinstance(parsed, Problem) else _problem_of(response)
        return cls(problem, response.headers)


def _problem_of(response: Response[Any]) -> Problem:
    try:
        return Problem.from_dict(json.loads(response.content))
    except (ValueError, TypeError, KeyError, AttributeError):
        status = HTTPStatus(response.status_code)
        return Problem(
            type_="about:blank",
            title=status.phrase,
            status=status.value,
            detail=response.content.decode(errors="replace"),
            instance="",
            code="unexpected_response",
            request_id=response.headers.get("x-request-id", ""),
        )


def raise_for_problem(response: Response[Any]) -> None:
    """Raise `QuiverProblem` when ``response`` is an error answer (a status of 400 or more).

    Raises:
        QuiverProblem: The answer's problem details.
    """
    if response.status_code >= 400 or isinstance(response.parsed, Problem):
        raise QuiverProblem.from_response(response)


def expect(response: Response[Any], model: type[ModelT]) -> ModelT:
    """The parsed body of a successful answer, as ``model``.

    Example: ``session = expect(create_session.sync_detailed(client=client, body=body), Session)``.

    Raises:
        QuiverProblem: The answer is an error answer.
        UnexpectedStatus: The answer succeeded without a ``model`` body (say, a 304 Not Modified
            to a request with `If-None-Match`, or a 204).
    """
    raise_for_problem(response)
    if not isinstance(response.parsed, model):
        raise UnexpectedStatus(response.status_code, response.content)
    return response.parsed


__all__ = ["QuiverProblem", "UnexpectedStatus", "expect", "raise_for_problem"]
