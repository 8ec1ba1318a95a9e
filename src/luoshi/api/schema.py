"""What the OpenAPI schema adds to drf-spectacular's: the 400 answer that every operation
taking parameters or a body can give, with the error body the API sends (luoshi.api.errors)."""

from __future__ import annotations

from typing import Any

ERROR = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong and what to do."},
        "errors": {
            "type": "object",
            "description": (
                "For invalid input, per field: a list of messages (for a list field, the "
                "messages per item)."
            ),
            "additionalProperties": {"oneOf": [{"type": "array"}, {"type": "object"}]},
        },
    },
    "required": ["detail"],
}
BAD_REQUEST = {
    "description": "Invalid input: `detail`, and `errors` per field.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def document_errors(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """A drf-spectacular postprocessing hook."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            if operation.get("parameters") or operation.get("requestBody"):
                operation.setdefault("responses", {}).setdefault("400", BAD_REQUEST)
    return result
