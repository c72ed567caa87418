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

_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: str) -> str:
    """``text`` safe for a terminal line: control, format and bidi characters escaped.

    File names and record fields are untrusted; printed raw, an escape sequence could
    rewrite the screen and a newline could forge a second message.
    """
    if text.isprintable():
        return text
    parts = []
    for ch in text:
        if ch.isprintable():
            parts.append(ch)
        elif ch in _NAMED_ESCAPES:
            parts.append(_NAMED_ESCAPES[ch])
        elif ord(ch) < 0x100:
            parts.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            parts.append(f"\\u{ord(ch):04x}")
        else:
            parts.append(f"\\U{ord(ch):08x}")
    return "".join(parts)


class NewsprismError(Exception):
    """Base of every error newsprism raises on purpose."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        message = shown(self.message)
        return f"{message} ({shown(self.where)})" if self.where else message


class InputError(NewsprismError):
    """An input the user can fix: unreadable, undecodable, malformed, too large."""


class NotFound(NewsprismError):
    """A requested article, story or outlet does not exist."""


class StoreError(NewsprismError):
    """The database cannot be reached, written or migrated."""
