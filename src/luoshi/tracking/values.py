"""Which reported values are possible, and which the reviewer should look at twice.

A narrative is at most NARRATIVE_MAX characters. A value must be a finite number no larger in
size than VALUE_MAX (a quadrillion: more than any government figure in its own unit, and far
below where the status arithmetic overflows), on the report form, the API and the 台账 sheet
alike. A possible value more than IMPLAUSIBLE times its target is accepted but flagged in the
review queue and the API.
"""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import gettext as _

VALUE_MAX = 1e15
IMPLAUSIBLE = 10
NARRATIVE_MAX = 5000  # characters of a progress narrative: several pages, not a megabyte


def value_problem(value: float) -> str | None:
    """Why `value` cannot be stored, or None."""
    if not math.isfinite(value) or abs(value) > VALUE_MAX:
        return _("This value is out of range. Enter the figure reached, in the target's unit.")
    return None


def implausible(report: Any) -> bool:
    """True when a report's value is more than IMPLAUSIBLE times its target's value."""
    target = getattr(report, "target", None)
    if report.value is None or target is None or not target.value:
        return False
    return bool(abs(report.value) > IMPLAUSIBLE * abs(target.value))
