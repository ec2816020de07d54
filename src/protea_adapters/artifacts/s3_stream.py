"""A buffered binary stream over an HTTP response body that reports driver errors as domain ones."""

from __future__ import annotations

import io
from typing import BinaryIO, cast

from urllib3 import BaseHTTPResponse

from protea_adapters.artifacts.s3_errors import s3_errors

READ_BUFFER_BYTES = 1024 * 1024


class _ResponseReader(io.RawIOBase):
    def __init__(self, response: BaseHTTPResponse, where: str) -> None:
        self._response = response
        self._where = where

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        with s3_errors(self._where):
            chunk = self._response.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        if not self.closed:
            self._response.close()
            self._response.release_conn()
        super().close()


def response_stream(response: BaseHTTPResponse, where: str) -> BinaryIO:
    """Wrap `response` (preload_content=False); closing the stream releases the connection."""
    return cast(BinaryIO, io.BufferedReader(_ResponseReader(response, where), READ_BUFFER_BYTES))
