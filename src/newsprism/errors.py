"""The exception tree of newsprism.

::

    NewsprismError
      InputError        the user can fix it: unreadable file, bad encoding, malformed record
      NotFound          no such article, story, outlet
      StoreError        database unreachable, read-only, migration needed

The library raises these with context and never prints or exits; the CLI turns
them into one line ``error: WHAT (WHERE)``.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.message} ({self.where})" if self.where else self.message


class InputError(NewsprismError):
    """An input the user can fix: unreadable, undecodable, malformed, too large."""


class NotFound(NewsprismError):
    """A requested article, story or outlet does not exist."""


class StoreError(NewsprismError):
    """The database cannot be reached, written or migrated."""
