"""JSON for backups: Django's serializer with times at full (microsecond) precision.

Django's own JSON keeps milliseconds only, so a row saved at 12:00:00.000500 came back from a
restore as 12:00:00 and the restored database was not the one backed up. Loading needs nothing
special: Django's JSON deserializer reads microseconds.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers import json as django_json


class Encoder(django_json.DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self) -> None:
        super()._init_options()  # type: ignore[misc]  # Django's own hook, not in the stubs
        self.json_kwargs["cls"] = Encoder


Deserializer = django_json.Deserializer
