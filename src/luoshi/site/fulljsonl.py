"""JSON Lines for backups: one row a line, times to the microsecond (as luoshi.site.fulljson).

A restore reads it a line at a time (Django's JSON Lines deserializer), so the rows of a large
backup are never all in memory at once. Loading needs nothing special: a file named .jsonl is
read by Django's own deserializer.
"""

from __future__ import annotations

from django.core.serializers import jsonl

from luoshi.site.fulljson import Encoder


class Serializer(jsonl.Serializer):
    def _init_options(self) -> None:
        super()._init_options()  # type: ignore[misc]  # Django's own hook, not in the stubs
        self.json_kwargs["cls"] = Encoder


Deserializer = jsonl.Deserializer
