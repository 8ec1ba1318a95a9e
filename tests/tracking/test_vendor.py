"""ECharts comes with the app's dependencies: one static file, the real build, with its notices."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.management import call_command

from luoshi.tracking import vendor


def test_the_static_file_is_the_installed_echarts_5_build():
    found = finders.find("echarts/echarts.min.js")
    assert found is not None
    text = Path(found).read_text(encoding="utf-8")
    assert "Licensed to the Apache Software Foundation" in text[:500]
    assert ".echarts={}" in text  # the standalone build defines window.echarts
    assert re.search(r'\.version="5\.\d+\.\d+"', text)
    assert found == str(vendor.echarts_file())


def test_only_echarts_is_served_from_the_package_and_its_notices_beside_it():
    assert finders.find("echarts/x2e-runtime.js") is None
    assert finders.find("echarts/geo/china.json") is None
    assert finders.find("geo/china.json") is None
    for name in ["LICENSE.txt", "NOTICE.txt", "LICENSE-d3.txt"]:
        assert finders.find(f"echarts/{name}") is not None
    notice = Path(finders.find("echarts/NOTICE.txt")).read_text(encoding="utf-8")
    assert "Apache ECharts" in notice


def test_the_finder_passes_djangos_checks():
    assert vendor.EChartsFinder().check() == []


def test_collectstatic_copies_echarts(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", interactive=False, verbosity=0)
    copied = tmp_path / "echarts" / "echarts.min.js"
    assert copied.read_bytes() == vendor.echarts_file().read_bytes()
    assert not (tmp_path / "echarts" / "x2e-runtime.js").exists()
    assert (tmp_path / "echarts" / "NOTICE.txt").is_file()
