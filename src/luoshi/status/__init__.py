"""Where a task stands: the status rules as pure functions of facts and a date (no Django).

The tracker, the bulletin, the API and the public pages all take their statuses, their names
and colours and the league table of departments from here.
"""

from luoshi.status.engine import AHEAD_MARGIN, evaluate
from luoshi.status.expectation import expected_share, month_end, period_end, reference_period
from luoshi.status.facts import (
    Line,
    Node,
    Override,
    ReportFacts,
    TargetFacts,
    TaskFacts,
    TaskStatus,
)
from luoshi.status.labels import (
    AHEAD,
    BEHIND,
    COMPLETE,
    CSS,
    ENGLISH,
    GOOD,
    MISSING,
    ON_TRACK,
    OVERDUE,
    SEVERITY,
    STATUSES,
    label,
)
from luoshi.status.league import LeagueRow, league, tally
from luoshi.status.words import Text

__all__ = [
    "AHEAD",
    "AHEAD_MARGIN",
    "BEHIND",
    "COMPLETE",
    "CSS",
    "ENGLISH",
    "GOOD",
    "MISSING",
    "ON_TRACK",
    "OVERDUE",
    "SEVERITY",
    "STATUSES",
    "LeagueRow",
    "Line",
    "Node",
    "Override",
    "ReportFacts",
    "TargetFacts",
    "TaskFacts",
    "TaskStatus",
    "Text",
    "evaluate",
    "expected_share",
    "label",
    "league",
    "month_end",
    "period_end",
    "reference_period",
    "tally",
]
