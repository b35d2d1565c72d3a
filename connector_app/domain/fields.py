"""How a record type declares its fields: once, with type, label, limits and search role.

The repository, validation, change log, subject-access export and (later) the
forms all read these declarations, so a field is described in one place.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from dataclasses import dataclass
from typing import Any

from connector_app.domain.vocab import Vocabulary


class Kind(enum.Enum):
    TEXT = "text"            # one line
    NOTE = "note"            # free text, possibly long; never logged, always encrypted
    INT = "int"
    BOOL = "bool"
    DATE = "date"            # ISO YYYY-MM-DD
    DATETIME = "datetime"    # ISO YYYY-MM-DDTHH:MM, local time of the hub
    CHOICE = "choice"        # one code from a vocabulary
    CHOICES = "choices"      # several codes, stored as a JSON list
    LANGUAGES = "languages"  # BCP 47 / Babel codes, stored as a JSON list
    REF = "ref"              # id of another record
    REFS = "refs"            # ids of other records, stored as a JSON list

    @property
    def is_list(self) -> bool:
        return self in (Kind.CHOICES, Kind.LANGUAGES, Kind.REFS)


@dataclass(frozen=True)
class FieldSpec:
    kind: Kind
    label: str                      # untranslated, marked with N_
    required: bool = False
    vocabulary: Vocabulary | None = None
    target: str | None = None       # record type a REF/REFS points to
    minimum: int | None = None
    maximum: int | None = None      # for INT the largest value, for text the longest length
    search: str | None = None       # "title" or "body": copied into the full-text index
    link: str | None = None         # REFS: a table of (<record type>_id, <target>_id) rows kept in step
    name: str = ""                  # filled in by ``fields_of``


def _field(spec: FieldSpec, default: Any = None) -> Any:
    if spec.kind.is_list:
        return dataclasses.field(default_factory=tuple, metadata={"spec": spec})
    return dataclasses.field(default=default, metadata={"spec": spec})


def text(label: str, *, required: bool = False, max_len: int = 200, search: str | None = None) -> Any:
    return _field(FieldSpec(Kind.TEXT, label, required, maximum=max_len, search=search))


def note(label: str, *, required: bool = False, max_len: int = 20_000, search: str | None = "body") -> Any:
    return _field(FieldSpec(Kind.NOTE, label, required, maximum=max_len, search=search))


def integer(label: str, *, required: bool = False, minimum: int | None = None, maximum: int | None = None,
            default: int | None = None) -> Any:
    return _field(FieldSpec(Kind.INT, label, required, minimum=minimum, maximum=maximum), default)


def boolean(label: str, *, default: bool = False) -> Any:
    return dataclasses.field(default=default, metadata={"spec": FieldSpec(Kind.BOOL, label)})


def day(label: str, *, required: bool = False) -> Any:
    return _field(FieldSpec(Kind.DATE, label, required))


def moment(label: str, *, required: bool = False) -> Any:
    return _field(FieldSpec(Kind.DATETIME, label, required))


def choice(label: str, vocabulary: Vocabulary, *, required: bool = False) -> Any:
    return _field(FieldSpec(Kind.CHOICE, label, required, vocabulary=vocabulary))


def choices(label: str, vocabulary: Vocabulary) -> Any:
    return _field(FieldSpec(Kind.CHOICES, label, vocabulary=vocabulary))


def languages(label: str) -> Any:
    return _field(FieldSpec(Kind.LANGUAGES, label))


def ref(label: str, target: str, *, required: bool = False) -> Any:
    return _field(FieldSpec(Kind.REF, label, required, target=target))


def refs(label: str, target: str, *, link: str | None = None) -> Any:
    return _field(FieldSpec(Kind.REFS, label, target=target, link=link))


@functools.cache  # validation asks for every record written; the answer never changes
def fields_of(record_class: type) -> tuple[FieldSpec, ...]:
    """The declared fields of a record class, in declaration order, with names."""
    found = []
    for item in dataclasses.fields(record_class):
        spec = item.metadata.get("spec")
        if spec is not None:
            found.append(dataclasses.replace(spec, name=item.name))
    return tuple(found)
