"""One spelling per name: what a person types or pastes is normalized before it is stored or
looked up, so that look-alikes (full-width letters, a zero-width space, a trailing blank) name
the same jurisdiction instead of creating another."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def normal_name(name: str) -> str:
    """NFKC, without invisible characters (format and control characters such as U+200B),
    blanks collapsed and trimmed."""
    folded = unicodedata.normalize("NFKC", name)
    visible = "".join(c for c in folded if unicodedata.category(c) not in ("Cf", "Cc", "Co"))
    return _SPACES.sub(" ", visible).strip()
