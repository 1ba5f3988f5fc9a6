"""Wiring: settings, logging, database, errors, security and middleware."""

from quiver.core.logger import LoggerFactory

__all__ = ["LoggerFactory"]
