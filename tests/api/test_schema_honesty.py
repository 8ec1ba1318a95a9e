"""The schema says what the API does: nullable fields, 400 answers, 405 for methods no
endpoint has (issue 18, item 17)."""

import pytest
from drf_spectacular.generators import SchemaGenerator


@pytest.fixture
def schema(db):
    return SchemaGenerator().get_schema(request=None, public=True)


def test_fields_that_can_be_null_are_declared_nullable(schema):
    components = schema["components"]["schemas"]
    assert components["Task"]["properties"]["lead_name"].get("nullable") is True
    assert components["ProgressReport"]["properties"]["reviewer"].get("nullable") is True


def test_every_operation_with_input_documents_its_400(schema):
    missing = [
        f"{method.upper()} {path}"
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if (operation.get("parameters") or operation.get("requestBody"))
        and "400" not in operation["responses"]
    ]
    assert not missing
    assert "detail" in schema["components"]["schemas"]["Error"]["properties"]


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("persona", ["anonymous", "token", "office-token"])
def test_methods_no_endpoint_has_answer_405(api, plan, method, persona):
    client = api(persona)
    response = getattr(client, method)(
        f"/api/plans/{plan.pk}/", {}, content_type="application/json"
    )
    assert response.status_code == 405
    assert response.json()["detail"]
