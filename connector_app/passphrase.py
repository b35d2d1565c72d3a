"""Passphrase rules: length over composition, no common passwords, helpful feedback.

Strength comes from zxcvbn, which knows common passwords, names, dates and
keyboard patterns. Its advice is English; the same sentences are listed here
with ``N_`` so they go into our catalogue and reach connectors translated.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import zxcvbn

from connector_app.errors import WeakPassphrase
from connector_app.i18n import N_, _, ngettext

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable", about 10^8 guesses or more

_ZXCVBN_SENTENCES = (
    N_("Use a few words, avoid common phrases."),
    N_("No need for symbols, digits, or uppercase letters."),
    N_("Add another word or two. Uncommon words are better."),
    N_("Straight rows of keys are easy to guess."),
    N_("Short keyboard patterns are easy to guess."),
    N_("Use a longer keyboard pattern with more turns."),
    N_('Repeats like "aaa" are easy to guess.'),
    N_('Repeats like "abcabcabc" are only slightly harder to guess than "abc".'),
    N_("Avoid repeated words and characters."),
    N_('Sequences like "abc" or "6543" are easy to guess.'),
    N_("Avoid sequences."),
    N_("Recent years are easy to guess."),
    N_("Avoid recent years."),
    N_("Avoid years that are associated with you."),
    N_("Dates are often easy to guess."),
    N_("Avoid dates and years that are associated with you."),
    N_("This is a top-10 common password."),
    N_("This is a top-100 common password."),
    N_("This is a very common password."),
    N_("This is similar to a commonly used password."),
    N_("A word by itself is easy to guess."),
    N_("Names and surnames by themselves are easy to guess."),
    N_("Common names and surnames are easy to guess."),
    N_("Capitalization doesn't help very much."),
    N_("All-uppercase is almost as easy to guess as all-lowercase."),
    N_("Reversed words aren't much harder to guess."),
    N_("Predictable substitutions like '@' instead of 'a' don't help very much."),
)


@dataclass(frozen=True)
class Assessment:
    acceptable: bool
    score: int                      # 0..4
    feedback: list[str] = field(default_factory=list)  # translated sentences, most useful first


def assess(passphrase: str, *, related: tuple[str, ...] = ()) -> Assessment:
    """Judge a new passphrase. ``related`` are words a guesser would try (names, the team)."""
    if len(passphrase) < MIN_LENGTH:
        missing = MIN_LENGTH - len(passphrase)
        return Assessment(False, 0, [
            ngettext("Use at least {minimum} characters: {missing} more to go.",
                     "Use at least {minimum} characters: {missing} more to go.", missing
                     ).format(minimum=MIN_LENGTH, missing=missing),
            _("A few unrelated words make a passphrase that is long and easy to remember."),
        ])
    result = zxcvbn.zxcvbn(passphrase[:128], user_inputs=list(related))
    score = int(result["score"])
    advice = [result["feedback"].get("warning") or ""] + list(result["feedback"].get("suggestions") or [])
    # zxcvbn wraps some sentences across source lines; join them to match our msgids.
    sentences = [" ".join(sentence.split()) for sentence in advice if sentence]
    feedback = [_(sentence) for sentence in sentences]
    if score < MIN_SCORE:
        feedback.insert(0, _("This passphrase would be too easy to guess."))
        if len(feedback) == 1:
            feedback.append(_("Add another word or two. Uncommon words are better."))
        return Assessment(False, score, feedback)
    return Assessment(True, score, feedback)


def require_strong(passphrase: str, *, related: tuple[str, ...] = ()) -> None:
    verdict = assess(passphrase, related=related)
    if not verdict.acceptable:
        raise WeakPassphrase(*verdict.feedback)


class UnlockThrottle:
    """Slows down repeated wrong guesses: free tries first, then a doubling wait.

    Kept in memory only: a wrong passphrase must change nothing on disk.
    """

    FREE_TRIES = 3
    MAX_WAIT = 60.0

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self.failures = 0
        self._not_before = 0.0

    def wait_seconds(self) -> float:
        return max(0.0, self._not_before - self._clock())

    def failed(self) -> float:
        """Record a failure; returns how long to wait before the next try."""
        self.failures += 1
        if self.failures >= self.FREE_TRIES:
            wait = min(self.MAX_WAIT, 2.0 ** (self.failures - self.FREE_TRIES + 1))
            self._not_before = self._clock() + wait
        return self.wait_seconds()

    def succeeded(self) -> None:
        self.failures = 0
        self._not_before = 0.0
