"""What an upload that cannot be read says, in the user's language (one wording for every
spreadsheet import: the 台账, the 项目台账 and the 亩均 data)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from luoshi.documents.spreadsheet import SpreadsheetError


def sheet_problem(error: SpreadsheetError, what: str) -> str:
    """`what` names the expected file, e.g. 项目台账."""
    limit = f"{error.limit:,}"
    if error.kind == "unpacked":
        limit = f"{error.limit // (1024 * 1024)} MB"
    messages = {
        "unpacked": _(
            "The %(what)s unpacks to more than %(limit)s. Remove unused sheets, pictures and "
            "formatting, or split it into several files."
        ),
        "rows": _("The %(what)s has more than %(limit)s rows. Split it into several files."),
        "columns": _(
            "The %(what)s has data beyond column %(limit)s. Delete the extra columns and upload "
            "it again."
        ),
        "cells": _(
            "The %(what)s has more than %(limit)s filled cells. Split it into several files."
        ),
    }
    message = messages.get(
        error.kind,
        _(
            "The file cannot be read as a %(what)s: it is damaged or not an .xlsx workbook. "
            "Save it again as .xlsx (Excel workbook) and upload it."
        ),
    )
    return message % {"what": what, "limit": limit}
