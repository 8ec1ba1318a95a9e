"""What an upload that cannot be read says, in the user's language: one wording for every
spreadsheet import (the 台账, the 项目台账 and the 亩均 data), and one for reports."""

from __future__ import annotations

from django.utils.translation import gettext as _

from luoshi.documents.spreadsheet import SpreadsheetError
from luoshi.reading import ReadError


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


def read_problem(error: ReadError) -> str:
    """A report that cannot be read (luoshi.reading words it in English for the library)."""
    messages = {
        "empty": _("The file is empty. Choose the file that holds the report."),
        "no_text": _(
            "No text was found in the file (a scanned PDF has none). Upload the .docx or .txt "
            "version of the report."
        ),
        "binary": _(
            "The file is not text. Open it in the program that made it and save it as .txt, "
            ".docx or .pdf."
        ),
        "encoding": _(
            "The text's encoding was not recognised. Save it as UTF-8 text and upload it again."
        ),
        "protected": _(
            "The file is password-protected or in the old .doc format. Remove the password or "
            "save it as .docx, then upload it again."
        ),
        "damaged": _("The file is damaged or cut short. Save or download it again and upload it."),
        "unpacked": _(
            "The document unpacks to far more than a report needs. Save it again without "
            "embedded pictures and media."
        ),
        "too_large": _("The report is larger than %(limit)s MB."),
        "unsupported": _("Upload the report as .txt, .docx, .pdf or .html."),
    }
    message = messages.get(
        error.code, _("The file cannot be read. Check that it is the report and upload it again.")
    )
    return message % {"limit": f"{error.limit_mb:g}"} if error.code == "too_large" else message
