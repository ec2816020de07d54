"""S3 multipart limits (every part but the last at least 5 MiB, at most 5 GiB)."""

from __future__ import annotations

MIN_PART_SIZE = 5 * 1024 * 1024
MAX_PART_SIZE = 5 * 1024 * 1024 * 1024
DEFAULT_PART_SIZE = 16 * 1024 * 1024
