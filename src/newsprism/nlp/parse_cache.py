"""Recently parsed texts, so analysing an article again does not parse it again.

The story stage re-analyses articles whose date anchor changed; only the date-dependent
components need to run again, not the statistical model. The cache keeps each text's
tokens, tags, parse, entities and sentence starts (no tensor, no extension data), keyed
by a hash of the text and the model, least recently used evicted past ``max_bytes``.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from spacy.language import Language
from spacy.tokens import Doc

_EXCLUDE = ["user_data", "user_hooks", "tensor"]


class ParseCache:
    def __init__(self, *, max_bytes: int = 300_000_000) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0

    def __len__(self) -> int:
        return len(self._entries)

    @staticmethod
    def key(nlp: Language, text: str) -> str:
        model = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
        return hashlib.sha1(f"{model}\n{text}".encode()).hexdigest()

    def get(self, nlp: Language, text: str) -> Doc | None:
        key = self.key(nlp, text)
        data = self._entries.get(key)
        if data is None:
            return None
        self._entries.move_to_end(key)
        return Doc(nlp.vocab).from_bytes(data, exclude=_EXCLUDE)

    def put(self, nlp: Language, doc: Doc) -> None:
        key = self.key(nlp, doc.text)
        if key in self._entries:
            return
        data = doc.to_bytes(exclude=_EXCLUDE)
        if len(data) > self.max_bytes:
            return
        self._entries[key] = data
        self._size += len(data)
        while self._size > self.max_bytes:
            _, dropped = self._entries.popitem(last=False)
            self._size -= len(dropped)
