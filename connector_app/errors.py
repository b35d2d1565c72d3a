"""Errors a person can act on. Their text is translated and never contains record text."""

from __future__ import annotations

from connector_app.i18n import _, ngettext


class UserError(Exception):
    """An error with a plain, translated message for the person using the app."""

    def message(self) -> str:
        return str(self.args[0]) if self.args else _("Something went wrong.")

    def __str__(self) -> str:  # keeps tracebacks and logs to the message we chose
        return self.message()


class WrongPassphrase(UserError):
    def message(self) -> str:
        return _("That passphrase does not open this workspace.")


class WrongRecoveryCode(UserError):
    def message(self) -> str:
        return _("That recovery code does not open this workspace.")


class WorkspaceDamaged(UserError):
    """The files are present but unreadable. Never delete or overwrite them."""

    def message(self) -> str:
        detail = self.args[0] if self.args else ""
        text = _("This workspace is damaged; restore from a backup. The damaged files have not been changed.")
        return f"{text} ({detail})" if detail else text


class WorkspaceMissing(UserError):
    def message(self) -> str:
        return _("There is no workspace at {path}.").format(path=self.args[0])


class WorkspaceExists(UserError):
    def message(self) -> str:
        return _("A workspace already exists at {path}.").format(path=self.args[0])


class WorkspaceTooNew(UserError):
    def message(self) -> str:
        return _(
            "This workspace was made by a newer version of the app (schema {found}; this app knows {known}). "
            "Update the app to open it; nothing has been changed."
        ).format(found=self.args[0], known=self.args[1])


class WorkspaceLocked(UserError):
    def message(self) -> str:
        return _("The workspace is locked. Unlock it first.")


class WeakPassphrase(UserError):
    """Carries the feedback lines from the passphrase policy."""

    def message(self) -> str:
        return " ".join(self.args) if self.args else _("Choose a longer passphrase.")


class ValidationError(UserError):
    """One or more fields are not acceptable. ``problems`` maps field name to message."""

    def __init__(self, problems: dict[str, str]):
        super().__init__(problems)
        self.problems = problems

    def message(self) -> str:
        return " ".join(self.problems.values())


class RecordNotFound(UserError):
    def message(self) -> str:
        return _("No {kind} with id {id} was found.").format(kind=self.args[0], id=self.args[1])


class StillReferenced(UserError):
    def message(self) -> str:
        return _("This record is still used by other records, so it cannot be deleted.")


class DiskFull(UserError):
    def message(self) -> str:
        return _("The disk is full. Nothing was saved from this action; free some space and try again.")


class DiskFullPartly(DiskFull):
    """The disk filled part-way through work committed in batches: say what was kept, not "nothing"."""

    def __init__(self, kept: int):
        super().__init__(kept)
        self.kept = kept

    def message(self) -> str:
        return ngettext(
            "The disk is full. {count} record was saved before it filled and is kept; "
            "free some space and try again.",
            "The disk is full. {count} records were saved before it filled and are kept; "
            "free some space and try again.", self.kept).format(count=self.kept)


class FolderNotEmpty(UserError):
    def message(self) -> str:
        return _("The folder {path} is not empty: choose a new or empty folder.").format(path=self.args[0])


class NotAFolder(UserError):
    def message(self) -> str:
        return _("{path} is a file, not a folder: choose a folder.").format(path=self.args[0])


class OutputRefused(UserError):
    """An output path the app will not write to. The message (given) says why and what to do."""


class FileProblem(UserError):
    """The operating system refused a file operation: said in one line, with the path."""

    def __init__(self, path: str, reason: str):
        super().__init__(path, reason)

    def message(self) -> str:
        return _("Could not use {path}: {reason}").format(path=self.args[0], reason=self.args[1])


class PassphraseNotTypable(UserError):
    def message(self) -> str:
        return _("A passphrase cannot contain line breaks, tabs or other control characters: "
                 "they cannot be typed back at the prompt. Check how it was entered.")


class TooManyTries(UserError):
    """Wrong passphrases came too fast; ``args[0]`` is the wait in whole seconds."""

    def message(self) -> str:
        seconds = int(self.args[0])
        return ngettext("Too many wrong tries. Try again in {seconds} second.",
                        "Too many wrong tries. Try again in {seconds} seconds.", seconds).format(seconds=seconds)


class BackupInvalid(UserError):
    def message(self) -> str:
        detail = self.args[0] if self.args else ""
        text = _("This backup file cannot be used: it is damaged or not a connector app backup.")
        return f"{text} ({detail})" if detail else text


class WorkspaceBusy(UserError):
    """Another program (the desktop app, a command, a sync import) is writing the workspace."""

    def message(self) -> str:
        return _("This workspace is busy: another program on this laptop is saving to it (the desktop app, "
                 "or a command). Try again in a moment; nothing was changed by this action.")


class WorkspaceReadOnly(UserError):
    """The workspace is on a read-only disk (or its files cannot be written): it can be read, not changed."""

    def message(self) -> str:
        return _("This workspace is on a read-only disk: it can be read, but nothing can be changed in it.")
