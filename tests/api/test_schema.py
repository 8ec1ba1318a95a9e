"""The OpenAPI schema is valid OpenAPI 3, describes every endpoint, and its viewers are local."""

import json
import re

import yaml
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema


def test_the_schema_is_valid_openapi_3(client, db):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # the OpenAPI 3 JSON Schema; raises on any error


def test_the_schema_lists_every_endpoint_and_both_ways_to_log_in(client, db):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    assert set(schema["paths"]) == {
        "/api/departments/",
        "/api/departments/{id}/",
        "/api/plans/",
        "/api/plans/{id}/",
        "/api/plans/{id}/publish/",
        "/api/reports/",
        "/api/reports/{id}/",
        "/api/reports/{id}/review/",
        "/api/reports/submission/",
        "/api/sections/",
        "/api/sections/{id}/",
        "/api/targets/",
        "/api/targets/{id}/",
        "/api/tasks/",
        "/api/tasks/{id}/",
    }
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])
    task_filters = {p["name"] for p in schema["paths"]["/api/tasks/"]["get"]["parameters"]}
    assert {"plan", "section", "department", "lead", "kind", "status", "q", "ordering"} <= (
        task_filters
    )


def test_the_docs_pages_load_only_local_files(client, db):
    for url in ("/api/docs/", "/api/redoc/"):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "http://" not in html and "https://" not in html
        assert "<script>" not in html  # the site's CSP allows scripts from files only
        for asset in re.findall(r'(?:src|href)="/static/([^"?]+)"', html):
            assert finders.find(asset), asset
