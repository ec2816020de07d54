"""Fixtures for parser tests: the shared real-data folder (a missing folder fails, never skips)."""

from __future__ import annotations
