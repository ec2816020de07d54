"""GAF qualifiers: `NOT` and the relation between gene product and GO term."""

from __future__ import annotations

from protea_domain.parsing.fields import FieldError

NOT = "NOT"
GAF_21_QUALIFIERS = frozenset({"contributes_to", "colocalizes_with"})
GAF_22_RELATIONS = frozenset(
    {
        "enables",
        "contributes_to",
        "involved_in",
        "acts_upstream_of",
        "acts_upstream_of_positive_effect",
        "acts_upstream_of_negative_effect",
        "acts_upstream_of_or_within",
        "acts_upstream_of_or_within_positive_effect",
        "acts_upstream_of_or_within_negative_effect",
        "part_of",
        "located_in",
        "is_active_in",
        "colocalizes_with",
    }
)


def split_qualifiers(text: str) -> tuple[str, ...]:
    """`NOT|enables` -> (`NOT`, `enables`); empty -> ()."""
    return tuple(text.split("|")) if text else ()


def is_negated(text: str) -> bool:
    """True when the pipe-separated qualifier list contains `NOT`."""
    return NOT in split_qualifiers(text)


def check_qualifier(text: str, version: str, field: str = "qualifier") -> tuple[str, ...]:
    """Validate a GAF qualifier column for `version` (`2.0`, `2.1`, `2.2`).

    2.0/2.1: optional; `NOT` and at most one of contributes_to / colocalizes_with.
    2.2: required; optional `NOT` and exactly one GO relation (enables, part_of, involved_in,
    located_in, ...). Raises `FieldError` (`missing_value` or `invalid_value`).
    """
    tokens = split_qualifiers(text)
    relations = [token for token in tokens if token != NOT]
    allowed = GAF_22_RELATIONS if version == "2.2" else GAF_21_QUALIFIERS
    if tokens.count(NOT) > 1 or any(token not in allowed for token in relations):
        raise FieldError(field, "invalid_value", f"invalid qualifier for GAF {version}: {text!r}")
    if version == "2.2" and len(relations) != 1:
        reason = "missing_value" if not relations else "invalid_value"
        raise FieldError(field, reason, f"GAF 2.2 needs exactly one relation, got {text!r}")
    if len(relations) > 1:
        raise FieldError(field, "invalid_value", f"more than one qualifier: {text!r}")
    return tokens
