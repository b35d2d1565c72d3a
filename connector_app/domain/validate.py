"""Checks a record before it is stored; each problem gets a plain, translated message."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from connector_app.domain.fields import FieldSpec, Kind
from connector_app.domain.records import Conversation, Record
from connector_app.errors import ValidationError
from connector_app.i18n import _, parse_locale
from connector_app.ids import is_id

_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, (list, tuple)) and not value)


def check_value(spec: FieldSpec, value: Any) -> str | None:
    """A message if ``value`` does not fit ``spec``, else None."""
    label = _(spec.label)
    if _is_blank(value):
        return _("{field} is needed.").format(field=label) if spec.required else None
    kind = spec.kind
    if kind in (Kind.TEXT, Kind.NOTE):
        if not isinstance(value, str):
            return _("{field} must be text.").format(field=label)
        if spec.maximum is not None and len(value) > spec.maximum:
            return _("{field} is too long (at most {limit} characters).").format(field=label, limit=spec.maximum)
        if kind is Kind.TEXT and ("\n" in value or "\r" in value):
            return _("{field} must be on one line.").format(field=label)
    elif kind is Kind.INT:
        if isinstance(value, bool) or not isinstance(value, int):
            return _("{field} must be a whole number.").format(field=label)
        if spec.minimum is not None and value < spec.minimum or spec.maximum is not None and value > spec.maximum:
            return _("{field} must be between {low} and {high}.").format(
                field=label, low=spec.minimum, high=spec.maximum)
    elif kind is Kind.BOOL:
        if not isinstance(value, bool):
            return _("{field} must be yes or no.").format(field=label)
    elif kind is Kind.DATE:
        try:
            date.fromisoformat(value)
            if len(value) != 10:
                raise ValueError
        except (TypeError, ValueError):
            return _("{field} must be a date like 2026-03-31.").format(field=label)
    elif kind is Kind.DATETIME:
        try:
            if not _DATETIME.match(value):
                raise ValueError
            datetime.fromisoformat(value)
        except (TypeError, ValueError):
            return _("{field} must be a date and time like 2026-03-31T14:30.").format(field=label)
    elif kind is Kind.CHOICE:
        if value not in spec.vocabulary:
            return _("{field} has a choice the app does not know.").format(field=label)
    elif kind is Kind.CHOICES:
        if not isinstance(value, (list, tuple)) or any(v not in spec.vocabulary for v in value):
            return _("{field} has a choice the app does not know.").format(field=label)
        if len(set(value)) != len(value):
            return _("{field} lists the same choice twice.").format(field=label)
    elif kind is Kind.LANGUAGES:
        if not isinstance(value, (list, tuple)):
            return _("{field} must be a list of languages.").format(field=label)
        for code in value:
            if not isinstance(code, str):
                return _("{field} must be a list of languages.").format(field=label)
            try:
                parse_locale(code)
            except ValueError:
                return _("{field}: '{code}' is not a language code the app knows.").format(field=label, code=code)
    elif kind is Kind.REF:
        if not isinstance(value, str) or not is_id(value):
            return _("{field} does not point to a record.").format(field=label)
    elif kind is Kind.REFS:
        if not isinstance(value, (list, tuple)) or any(not isinstance(v, str) or not is_id(v) for v in value):
            return _("{field} does not point to records.").format(field=label)
        if len(set(value)) != len(value):
            return _("{field} lists the same record twice.").format(field=label)
    return None


def problems_of(record: Record) -> dict[str, str]:
    problems = {}
    for spec in record.specs():
        message = check_value(spec, getattr(record, spec.name))
        if message:
            problems[spec.name] = message
    if isinstance(record, Conversation) and not record.person_ids and not record.anonymous_count:
        problems["person_ids"] = _("Say who the conversation was with: choose people or count people not named.")
    return problems


def validate(record: Record) -> None:
    problems = problems_of(record)
    if problems:
        raise ValidationError(problems)
