"""Form labels end with a full-width colon in Chinese; charts always load, beside their tables."""

import pytest
from django.urls import reverse
from django.utils import translation

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


def test_the_dashboard_draws_a_chart_and_keeps_its_numbers_in_a_table(client, alice, bobs_task):
    client.force_login(alice)
    page = client.get(reverse("tracking:dashboard")).content.decode()
    # The chart is hidden from screen readers; the table of the same numbers is what they read.
    assert '<div id="chart-sections" class="chart" aria-hidden="true"></div>' in page
    assert "echarts/echarts.min.js" in page and "tracking/charts.js" in page
    assert "<table" in page
