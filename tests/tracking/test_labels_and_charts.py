"""Form labels end with a full-width colon in Chinese; the chart box shows only with ECharts."""

import pytest
from django.urls import reverse
from django.utils import translation

from luoshi.tracking import context_processors
from luoshi.tracking.forms import ReviewForm


@pytest.fixture(autouse=True)
def as_of(settings):
    settings.LUOSHI_AS_OF = "2022-07-10"


def test_form_labels_end_with_a_full_width_colon_in_chinese_only():
    with translation.override("zh-hans"):
        assert ReviewForm()["decision"].label_tag().endswith("：</label>")
    with translation.override("en"):
        assert ReviewForm()["decision"].label_tag().endswith(":</label>")


def test_the_report_form_on_the_task_page_uses_the_full_width_colon(client, bob, bobs_task):
    client.force_login(bob)
    page = client.get(reverse("tracking:task", args=[bobs_task.pk])).content.decode()
    assert "：</label>" in page and ":</label>" not in page


@pytest.mark.parametrize("installed", [True, False])
def test_the_dashboard_has_a_chart_box_only_when_echarts_is_installed(
    client, monkeypatch, alice, bobs_task, installed
):
    monkeypatch.setattr(context_processors, "echarts_installed", lambda: installed)
    client.force_login(alice)
    page = client.get(reverse("tracking:dashboard")).content.decode()
    assert ('id="chart-sections"' in page) is installed
    assert ("echarts.min.js" in page) is installed
    assert "<table" in page
