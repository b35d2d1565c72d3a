"""Passphrase rules: length over composition, no common passwords, helpful feedback.

Strength comes from zxcvbn, which knows common passwords, names, dates and
keyboard patterns. Its advice is English; the same sentences are listed here
with ``N_`` so they go into our catalogue and reach connectors translated.

A passphrase is text a person types: it is normalised to NFC before key
derivation (macOS keyboards produce NFD), and may not hold control characters,
which no prompt can type back.
"""

from __future__ import annotations

import math
import os
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from connector_app.errors import PassphraseNotTypable, WeakPassphrase
from connector_app.i18n import N_, _, ngettext

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable", about 10^8 guesses or more
ZXCVBN_LIMIT = 72  # zxcvbn raises ValueError on longer input
# Control characters (Cc: tab, newline, DEL...), lone surrogates (bytes that were not UTF-8) and line or
# paragraph separators cannot be typed back. Format characters (Cf) stay: ZWJ and ZWNJ are part of
# ordinary Bengali, Urdu and Arabic writing.
_UNTYPABLE = ("Cc", "Cs", "Zl", "Zp")

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


def is_typable(passphrase: str) -> bool:
    return not any(unicodedata.category(ch) in _UNTYPABLE for ch in passphrase)


def normalise(passphrase: str) -> str:
    """The form that goes into key derivation: NFC. Refuses what cannot be typed back."""
    if not is_typable(passphrase):
        raise PassphraseNotTypable()
    return unicodedata.normalize("NFC", passphrase)


def _new_words(text: str, seen: set[str]) -> str:
    """The words of ``text`` not already in ``seen`` (case-folded), runs of one character shortened:
    what a guesser who knows the earlier words, and that people repeat, still has to find."""
    fresh = []
    for word in text.split():
        word = re.sub(r"(.)\1{2,}", r"\1\1", word)
        if word.casefold() not in seen:
            seen.add(word.casefold())
            fresh.append(word)
    return " ".join(fresh)


def _guesses_log10(passphrase: str, related: list[str]) -> tuple[float, dict]:
    """zxcvbn's estimate for any length. zxcvbn judges at most 72 characters, so the rest counts
    as extra strength: its new words (a repeated phrase adds nothing), judged in 72-character
    pieces that know the words before them, their guesses multiplied. Returns log10(guesses) and
    zxcvbn's result for the first 72 characters (its feedback is what a person sees)."""
    import zxcvbn  # its word lists take a fifth of a second to load: not before a passphrase is judged

    head = passphrase[:ZXCVBN_LIMIT]
    first = zxcvbn.zxcvbn(head, user_inputs=related)
    total = float(first["guesses_log10"])
    seen = {word.casefold() for word in head.split()}
    rest = _new_words(passphrase[ZXCVBN_LIMIT:], seen)
    for start in range(0, min(len(rest), 4 * ZXCVBN_LIMIT), ZXCVBN_LIMIT):  # bounded: assess runs per keystroke
        if total >= 12:  # well past score 4: no need to judge the rest
            break
        piece = rest[start:start + ZXCVBN_LIMIT]
        total += float(zxcvbn.zxcvbn(piece, user_inputs=list(related) + head.split())["guesses_log10"])
    return total, first


def _score(guesses_log10: float) -> int:
    # zxcvbn's own thresholds (guesses < 10^3, 10^6, 10^8, 10^10 give 0..3, more is 4).
    for score, limit in enumerate((3, 6, 8, 10)):
        if guesses_log10 < limit:
            return score
    return 4


def assess(passphrase: str, *, related: tuple[str, ...] = ()) -> Assessment:
    """Judge a new passphrase. ``related`` are words a guesser would try (names, the team)."""
    if not is_typable(passphrase):
        return Assessment(False, 0, [PassphraseNotTypable().message()])
    passphrase = unicodedata.normalize("NFC", passphrase)
    if len(passphrase) < MIN_LENGTH:
        missing = MIN_LENGTH - len(passphrase)
        return Assessment(False, 0, [
            ngettext("Use at least {minimum} characters: {missing} more to go.",
                     "Use at least {minimum} characters: {missing} more to go.", missing
                     ).format(minimum=MIN_LENGTH, missing=missing),
            _("A few unrelated words make a passphrase that is long and easy to remember."),
        ])
    guesses, result = _guesses_log10(passphrase, list(related))
    score = int(result["score"])
    if len(passphrase) > ZXCVBN_LIMIT:  # only then does the length past zxcvbn's limit add strength
        score = max(score, _score(guesses))
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
    normalise(passphrase)  # untypable characters get their own message, not "too easy to guess"
    verdict = assess(passphrase, related=related)
    if not verdict.acceptable:
        raise WeakPassphrase(*verdict.feedback)


def state_dir() -> Path:
    """The app's own state folder (never inside a workspace). ``CONNECTOR_STATE_DIR`` overrides it."""
    override = os.environ.get("CONNECTOR_STATE_DIR")
    return Path(override) if override else Path(platformdirs.user_state_dir("connector-app", appauthor=False))


def throttle_state_path(workspace_path: Path | str) -> Path:
    """Where wrong tries at one workspace are counted: named by a hash of its resolved path, so the
    state folder says nothing about where workspaces are or what they hold."""
    try:
        resolved = Path(workspace_path).resolve()
    except (OSError, RuntimeError):
        resolved = Path(os.path.abspath(workspace_path))
    import hashlib  # here and in the throttle's file, not at import: the unlock window needs neither (OpenSSL, json)

    digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()[:32]
    return state_dir() / "unlock" / f"{digest}.json"


class UnlockThrottle:
    """Slows down repeated wrong guesses: free tries first, then a doubling wait.

    A wrong passphrase must change nothing in the workspace. In memory by default
    (one window's tries); ``for_workspace`` also keeps the count and the time of
    the next allowed try in the app's state folder, so the wait holds across
    processes. That file holds two numbers; losing it (or failing to write it)
    only forgets the wait. It slows guessing at the app: Argon2id is what makes
    guessing keys.json offline slow.
    """

    FREE_TRIES = 3
    MAX_WAIT = 60.0
    _MAX_STATE_BYTES = 4096

    def __init__(self, clock=time.monotonic, *, state_path: Path | None = None):
        self._clock = clock
        self._path = state_path
        self.failures = 0
        self._not_before = 0.0
        self._load()

    @classmethod
    def for_workspace(cls, workspace_path: Path | str, clock=time.time) -> "UnlockThrottle":
        """Shared by every process on this computer; wall-clock time, as monotonic time is per boot."""
        try:
            path = throttle_state_path(workspace_path)
        except Exception:  # no usable home folder: count in memory only, never stop unlocking
            path = None
        return cls(clock, state_path=path)

    def wait_seconds(self) -> float:
        self._load()  # another process may have failed since
        # Capped, so a clock set back (or a hand-edited file) never locks anyone out for long.
        return min(self.MAX_WAIT, max(0.0, self._not_before - self._clock()))

    def failed(self) -> float:
        """Record a failure; returns how long to wait before the next try."""
        self._load()
        self.failures += 1
        if self.failures >= self.FREE_TRIES:
            wait = min(self.MAX_WAIT, 2.0 ** (self.failures - self.FREE_TRIES + 1))
            self._not_before = self._clock() + wait
        self._save()
        return self.wait_seconds()

    def succeeded(self) -> None:
        self.failures = 0
        self._not_before = 0.0
        if self._path is not None:
            try:
                self._path.unlink(missing_ok=True)
            except OSError:
                pass

    # the shared state: best effort, never in the way of unlocking ---------------------

    def _load(self) -> None:
        if self._path is None:
            return
        import json
        try:
            with open(self._path, "rb") as handle:
                data = json.loads(handle.read(self._MAX_STATE_BYTES))
            failures, not_before = data["failures"], data["not_before"]
        except FileNotFoundError:
            self.failures, self._not_before = 0, 0.0
            return
        except (OSError, ValueError, TypeError, KeyError):
            return  # unreadable: keep what this process knows
        if (isinstance(failures, int) and not isinstance(failures, bool) and 0 <= failures <= 10_000
                and isinstance(not_before, (int, float)) and math.isfinite(not_before)):
            self.failures, self._not_before = failures, float(not_before)

    def _save(self) -> None:
        if self._path is None:
            return
        import json

        from connector_app.fileio import atomic_write_bytes, make_private_dir
        try:
            make_private_dir(self._path.parent)
            atomic_write_bytes(self._path, json.dumps(
                {"failures": self.failures, "not_before": self._not_before}).encode("ascii"))
        except Exception:  # a read-only or full home folder: the wait is then kept in memory only
            pass
