"""JSON log lines, ambient job/trace context, idempotent configuration."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from protea_adapters.logging.configure import HANDLER_NAME, configure_logging
from protea_adapters.logging.context import ContextFilter, current_log_context, log_context
from protea_adapters.logging.json_formatter import JsonFormatter

ISO_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


class PayloadTooLargeError(Exception):
    pass


@pytest.fixture
def restore_root() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    logging.captureWarnings(False)


@pytest.fixture
def lines(restore_root: None) -> io.StringIO:
    buffer = io.StringIO()
    configure_logging(json_lines=True, level="DEBUG", stream=buffer)
    return buffer


def records(buffer: io.StringIO) -> list[dict[str, object]]:
    text = buffer.getvalue()
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_a_line_holds_the_core_fields(lines: io.StringIO) -> None:
    before = datetime.now(UTC)
    logging.getLogger("protea.test.core").info("hello %s", "world")
    after = datetime.now(UTC)
    [entry] = records(lines)
    assert entry["level"] == "INFO"
    assert entry["logger"] == "protea.test.core"
    assert entry["message"] == "hello world"
    stamp = str(entry["timestamp"])
    assert ISO_UTC.fullmatch(stamp)
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    assert before.replace(microsecond=before.microsecond // 1000 * 1000) <= moment <= after


def test_every_extra_field_is_kept_and_odd_values_are_stringified(lines: io.StringIO) -> None:
    class Opaque:
        def __str__(self) -> str:
            return "<opaque thing>"

    logging.getLogger("x").warning(
        "with extras",
        extra={"rows": 3, "ratio": 0.5, "tags": ["a", "b"], "thing": Opaque(), "level": "mine"},
    )
    [entry] = records(lines)
    assert entry["rows"] == 3
    assert entry["ratio"] == 0.5
    assert entry["tags"] == ["a", "b"]
    assert entry["thing"] == "<opaque thing>"
    assert entry["level"] == "WARNING"
    assert entry["extra_level"] == "mine"


def test_a_multi_line_message_stays_one_line(lines: io.StringIO) -> None:
    logging.getLogger("x").error("first\nsecond\n")
    text = lines.getvalue()
    assert text.count("\n") == 1
    assert records(lines)[0]["message"] == "first\nsecond\n"


def test_non_string_keys_do_not_break_the_line(lines: io.StringIO) -> None:
    logging.getLogger("x").info("odd", extra={"mapping": {(1, 2): "tuple key"}})
    [entry] = records(lines)
    assert entry["message"] == "odd"
    assert "tuple key" in str(entry["mapping"])


def test_exceptions_carry_type_message_and_traceback(lines: io.StringIO) -> None:
    try:
        raise PayloadTooLargeError("413 bytes too many")
    except PayloadTooLargeError:
        logging.getLogger("x").exception("upload failed")
    try:
        raise KeyError("k")
    except KeyError:
        logging.getLogger("x").error("lookup failed", exc_info=True)
    custom, builtin = records(lines)
    exception = custom["exception"]
    assert isinstance(exception, dict)
    assert exception["type"] == f"{__name__}.PayloadTooLargeError"
    assert exception["message"] == "413 bytes too many"
    assert "Traceback (most recent call last)" in exception["traceback"]
    assert "raise PayloadTooLargeError" in exception["traceback"]
    assert custom["level"] == "ERROR"
    assert isinstance(builtin["exception"], dict)
    assert builtin["exception"]["type"] == "KeyError"


def test_job_and_trace_ids_appear_in_every_line_inside_the_block(lines: io.StringIO) -> None:
    def deep_in_the_operation() -> None:
        logging.getLogger("protea.domain.somewhere").debug("step")

    logging.getLogger("worker").info("before")
    with log_context(job_id="job-1", trace_id="trace-1"):
        logging.getLogger("worker").info("start")
        deep_in_the_operation()
        with log_context(trace_id="trace-2", batch=7):
            deep_in_the_operation()
        logging.getLogger("worker").info("end", extra={"job_id": "explicit wins"})
    logging.getLogger("worker").info("after")
    before, start, step, inner, end, after = records(lines)
    assert "job_id" not in before
    assert "trace_id" not in before
    assert (start["job_id"], start["trace_id"]) == ("job-1", "trace-1")
    assert (step["job_id"], step["trace_id"], step["logger"]) == (
        "job-1",
        "trace-1",
        "protea.domain.somewhere",
    )
    assert (inner["job_id"], inner["trace_id"], inner["batch"]) == ("job-1", "trace-2", 7)
    assert end["job_id"] == "explicit wins"
    assert "batch" not in end
    assert "job_id" not in after
    assert "trace_id" not in after


def test_the_context_is_restored_after_an_error_and_none_removes_a_field() -> None:
    with log_context(job_id="j", trace_id="t"):
        with log_context(trace_id=None):
            assert dict(current_log_context()) == {"job_id": "j"}
        with pytest.raises(RuntimeError), log_context(job_id="other"):
            raise RuntimeError
        assert dict(current_log_context()) == {"job_id": "j", "trace_id": "t"}
    assert dict(current_log_context()) == {}


def test_concurrent_jobs_in_threads_do_not_mix_their_ids(lines: io.StringIO) -> None:
    barrier = threading.Barrier(4)

    def run(job: str) -> None:
        with log_context(job_id=job):
            for n in range(20):
                if n == 10:
                    barrier.wait()
                logging.getLogger("worker").info("tick", extra={"expected": job})

    threads = [threading.Thread(target=run, args=(f"job-{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    entries = records(lines)
    assert len(entries) == 80
    assert all(entry["job_id"] == entry["expected"] for entry in entries)


def test_asyncio_tasks_keep_their_own_context(lines: io.StringIO) -> None:
    async def job(name: str) -> None:
        with log_context(job_id=name):
            await asyncio.sleep(0)
            logging.getLogger("api").info("in task", extra={"expected": name})

    async def main() -> None:
        await asyncio.gather(job("a"), job("b"), job("c"))

    asyncio.run(main())
    entries = [e for e in records(lines) if e["logger"] == "api"]
    assert sorted(str(e["job_id"]) for e in entries) == ["a", "b", "c"]
    assert all(e["job_id"] == e["expected"] for e in entries)


def test_configure_is_idempotent_and_switches_format_and_level(restore_root: None) -> None:
    root = logging.getLogger()
    foreign = logging.NullHandler()
    root.addHandler(foreign)
    buffer = io.StringIO()
    first = configure_logging(json_lines=True, level="info", stream=buffer)
    second = configure_logging(json_lines=False, level="WARNING")
    assert first is second
    assert [h.get_name() for h in root.handlers].count(HANDLER_NAME) == 1
    assert foreign in root.handlers
    assert root.level == logging.WARNING
    assert any(isinstance(f, ContextFilter) for f in second.filters)
    assert len(second.filters) == 1

    logging.getLogger("x").info("dropped: below WARNING")
    with log_context(job_id="j9"):
        logging.getLogger("x").warning("kept as text")
    text = buffer.getvalue()
    assert "dropped" not in text
    assert text.rstrip("\n").endswith("WARNING  x: kept as text [job_id=j9]")

    configure_logging(json_lines=True, level="DEBUG")
    logging.getLogger("x").debug("json again")
    assert json.loads(buffer.getvalue().splitlines()[-1])["message"] == "json again"


def test_warnings_are_routed_to_the_log(lines: io.StringIO) -> None:
    import warnings

    warnings.warn("deprecated thing", DeprecationWarning, stacklevel=1)
    [entry] = records(lines)
    assert entry["logger"] == "py.warnings"
    assert "deprecated thing" in str(entry["message"])


def test_unknown_levels_are_refused(restore_root: None) -> None:
    with pytest.raises(ValueError, match="VERBOSE"):
        configure_logging(json_lines=True, level="VERBOSE")


def test_the_formatter_works_without_the_filter() -> None:
    record = logging.LogRecord("n", logging.INFO, __file__, 1, "plain %d", (1,), None)
    entry = json.loads(JsonFormatter().format(record))
    assert set(entry) == {"timestamp", "level", "logger", "message"}
    assert entry["message"] == "plain 1"
