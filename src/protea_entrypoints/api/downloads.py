"""Streamed file downloads: text generated line by line, and objects of the artifact store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import BinaryIO

from starlette.background import BackgroundTask
from starlette.responses import StreamingResponse

from protea_domain.ports.artifact_store import ArtifactStore

TSV = "text/tab-separated-values"
OCTETS = "application/octet-stream"
CHUNK_BYTES = 64 * 1024


def attachment(filename: str) -> dict[str, str]:
    """The Content-Disposition of a download saved as `filename` (a plain ASCII name)."""
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def _chunked(lines: Iterable[str]) -> Iterator[bytes]:
    """UTF-8 of `lines` in chunks of about `CHUNK_BYTES`, never splitting a line."""
    buffer: list[str] = []
    size = 0
    for line in lines:
        buffer.append(line)
        size += len(line)
        if size >= CHUNK_BYTES:
            yield "".join(buffer).encode()
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode()


def text_download(
    lines: Iterable[str],
    filename: str,
    media_type: str = TSV,
    background: BackgroundTask | None = None,
) -> StreamingResponse:
    """Stream `lines` (each ending with its newline) as the file `filename`; `background`
    runs after the response, also when the client went away (to release what `lines` holds)."""
    return StreamingResponse(
        _chunked(lines), media_type=media_type, headers=attachment(filename), background=background
    )


def _read(handle: BinaryIO, stack: ExitStack) -> Iterator[bytes]:
    try:
        while chunk := handle.read(CHUNK_BYTES):
            yield chunk
    finally:
        stack.close()


def artifact_download(store: ArtifactStore, key: str, filename: str) -> StreamingResponse:
    """Stream the object under `key`, opened here so that a missing object raises
    `ArtifactNotFoundError` before any byte is sent. The stream is closed when the body ends,
    and by a background task when the client went away before it started."""
    stack = ExitStack()
    handle = stack.enter_context(store.open(key))
    media_type = TSV if filename.endswith(".tsv") else OCTETS
    return StreamingResponse(
        _read(handle, stack),
        media_type=media_type,
        headers=attachment(filename),
        background=BackgroundTask(stack.close),
    )
