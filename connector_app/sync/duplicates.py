"""Likely duplicate people: the same person registered on two laptops while offline.

Names are compared after folding (search.fold, accents and case removed, NFKC so
full-width and compatibility forms agree) with rapidfuzz's token-sort ratio, so
"Kowalski Jan" meets "Jan Kowalski" and "Ștefan" meets "Stefan", in any script.
Shared details add weight: the same phone digits, area, or a language in common.

Fast on 20,000 people by blocking: only people sharing a block key are compared
(the first letters of each two name words, or the last seven digits of a phone
number), each name against the rest of its block with rapidfuzz.process.extract (the
loop over pairs runs in C).

Pairs a connector marked "not the same person" are remembered in this workspace
and never shown again.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from connector_app.store.search import fold

NAME_CUTOFF = 85           # name similarity (0-100) that alone makes a pair worth a look
WITH_DETAILS_CUTOFF = 60   # ... when they also share a phone number
MAX_BLOCK = 2000           # larger blocks (one name shared by thousands) are left out: no one reviews those
_NOT_SAME = "duplicates_not_same"  # meta: [[id, id], ...] sorted pairs
_DIGITS = re.compile(r"\d")

# Reasons (the screen words them).
SIMILAR_NAME, SAME_NAME, SAME_PHONE, SAME_AREA, SHARED_LANGUAGE = (
    "similar_name", "same_name", "same_phone", "same_area", "shared_language")


@dataclass(frozen=True)
class Candidate:
    first: str              # person ids, first < second
    second: str
    score: int              # 0-100, higher is likelier
    reasons: tuple[str, ...] = field(default=())


def folded_name(name: str | None) -> str:
    """A name as compared: folded, accents and case gone, spaces collapsed."""
    text = unicodedata.normalize("NFKD", fold(name or ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def phone_key(details: str | None) -> str | None:
    digits = "".join(_DIGITS.findall(unicodedata.normalize("NFKC", details or "")))
    return digits[-7:] if len(digits) >= 7 else None


def _people(store) -> list[dict]:
    return [{"id": p.id, "name": folded_name(p.display_name), "phone": phone_key(p.contact_details),
             "area": folded_name(p.area) or None, "languages": set(p.languages)}
            for p in store.people.iter_all()]


def _keys(person: dict) -> set[str]:
    """Block keys: the start of every two name words together (order-free), or of a lone word;
    and the phone number. A typo past the second letter of a word still meets its twin."""
    words = sorted(set(person["name"].split()))
    keys = {f"n:{a[:2]}|{b[:2]}" for i, a in enumerate(words) for b in words[i + 1:]} if len(words) > 1 \
        else {"n:" + w[:3] for w in words}
    if person["phone"]:
        keys.add("p:" + person["phone"])
    return keys


def _blocks(people: list[dict]) -> dict[str, list[int]]:
    """Blocks of people to compare with each other (too large ones left out: see MAX_BLOCK)."""
    blocks: dict[str, list[int]] = {}
    for index, person in enumerate(people):
        for key in _keys(person):
            blocks.setdefault(key, []).append(index)
    return {k: m for k, m in blocks.items() if 1 < len(m) <= MAX_BLOCK}


def not_same(store) -> set[tuple[str, str]]:
    raw = store.meta(_NOT_SAME)
    return {tuple(pair) for pair in json.loads(raw)} if raw else set()


def mark_not_same(store, first: str, second: str) -> None:
    """Remember that two people are different people: the pair is never suggested again."""
    pairs = not_same(store) | {tuple(sorted((first, second)))}
    store.set_meta(_NOT_SAME, json.dumps(sorted(pairs)))


def find_duplicates(store, *, limit: int | None = None, among: set[str] | None = None) -> list[Candidate]:
    """Likely duplicate pairs among the people here, likeliest first; with ``among`` (person ids), only
    the pairs with one of them (after an import: the people who arrived), far quicker on a large team."""
    people = _people(store)
    excluded = not_same(store)
    scores: dict[tuple[int, int], float] = {}
    for key, members in _blocks(people).items():
        names = [people[i]["name"] for i in members]
        cutoff = WITH_DETAILS_CUTOFF if key.startswith("p:") else NAME_CUTOFF
        for a in range(len(names) - 1 if among is None else len(names)):
            if among is not None and people[members[a]]["id"] not in among:
                continue
            # Each against those after it (or, for one of ``among``, every other); rapidfuzz loops in C.
            start = a + 1 if among is None else 0
            for _name, score, offset in process.extract(names[a], names[start:], scorer=fuzz.token_sort_ratio,
                                                        score_cutoff=cutoff, limit=None):
                if start + offset == a:
                    continue
                i, j = members[a], members[start + offset]
                pair = (i, j) if i < j else (j, i)
                scores[pair] = max(scores.get(pair, 0), score)
    found = []
    for (i, j), name_score in scores.items():
        first, second = people[i], people[j]
        ids = tuple(sorted((first["id"], second["id"])))
        if ids in excluded:
            continue
        reasons = [SAME_NAME if first["name"] == second["name"] else SIMILAR_NAME]
        score = name_score
        if first["phone"] and first["phone"] == second["phone"]:
            reasons.append(SAME_PHONE)
            score += 15
        elif name_score < NAME_CUTOFF:
            continue  # a weak name match only counts with a shared phone number
        if first["area"] and first["area"] == second["area"]:
            reasons.append(SAME_AREA)
            score += 5
        if first["languages"] & second["languages"]:
            reasons.append(SHARED_LANGUAGE)
            score += 3
        found.append(Candidate(ids[0], ids[1], min(100, round(score * 100 / 123)), tuple(reasons)))
    found.sort(key=lambda c: (-c.score, c.first, c.second))
    return found[:limit] if limit is not None else found


def found_after_import(store, arrived: set[str]) -> int:
    """After an import: how many likely duplicate pairs the people who arrived (ids) are part of."""
    return len(find_duplicates(store, among=arrived)) if arrived else 0
