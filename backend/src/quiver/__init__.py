"""Quiver: contract-first archery practice and scoring API."""
