"""Field-level validation shared by the parsers; the line driver adds source and line number."""

from __future__ import annotations

from protea_domain.errors import InvalidInputError
from protea_domain.parsing.errors import ParseError


class FieldError(InvalidInputError):
    """A bad field value, not yet placed in a file (`str()` reads `field: message`); the line
    driver turns it into a `ParseError` naming the source and line."""

    code = "invalid_field"

    def __init__(self, field: str, reason: str, message: str) -> None:
        super().__init__(message, location=field)
        self.field = field
        self.reason = reason
        self.message = message

    def at(self, source: str, line: int) -> ParseError:
        return ParseError(
            self.message, source=source, line=line, field=self.field, reason=self.reason
        )


def required(value: str, field: str) -> str:
    """Return `value` unless it is empty or blank. Raises `FieldError` (`missing_value`)."""
    if not value or value.isspace():
        raise FieldError(field, "missing_value", "required value is empty")
    return value


def parse_int(value: str, field: str, *, minimum: int | None = None) -> int:
    """Parse a decimal integer (ASCII digits, optional sign) not below `minimum`.

    Raises `FieldError` (`invalid_value`) for anything else.
    """
    text = value.strip()
    body = text[1:] if text[:1] in "+-" else text
    if not body.isascii() or not body.isdigit():
        raise FieldError(field, "invalid_value", f"not an integer: {value!r}")
    number = int(text)
    if minimum is not None and number < minimum:
        raise FieldError(field, "invalid_value", f"{number} is below {minimum}")
    return number
