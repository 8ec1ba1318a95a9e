"""Front-end files the app serves itself (no CDN): Apache ECharts, installed from npm at set-up.

No PyPI package ships ECharts' standalone dist file in a form we can depend on (checked
2026-12, issue 17 item 8): django-static-echarts 5.4.3.3 and jupyter-echarts-pypkg 0.1.5 hold no
ECharts files; pyecharts, django-echarts, echartsy, notecharts and chartspy load it from a CDN;
ipecharts, streamlit-echarts and dash-echarts bundle it inside their own webpack builds; only
ezcharts (sdist only) carries an echarts.min.js (5.x), as a by-product of a package that pulls in
pysam, scipy, bokeh and libsass. So set-up asks the npm client for the published `echarts`
package and keeps only dist/echarts.min.js and its LICENSE. Without npm (or offline) pages
still work: the charts' numbers are also shown as tables.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

ECHARTS = "echarts@5.6.0"


def echarts_path(vendor_dir: Path) -> Path:
    return vendor_dir / "echarts" / "echarts.min.js"


def install_echarts(vendor_dir: Path) -> str:
    """Install ECharts into vendor_dir/echarts/; returns a sentence saying what happened."""
    target = echarts_path(vendor_dir)
    if target.exists():
        return f"ECharts: {target}"
    npm = shutil.which("npm")
    if npm is None:
        return "ECharts: npm not found; charts are replaced by tables."
    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run(
                [npm, "pack", ECHARTS, "--silent", "--pack-destination", tmp],
                check=True,
                capture_output=True,
                timeout=120,
            )
        except (subprocess.SubprocessError, OSError) as error:
            return f"ECharts: npm pack failed ({error}); charts are replaced by tables."
        [archive] = Path(tmp).glob("echarts-*.tgz")
        with tarfile.open(archive) as tar:
            member = tar.extractfile("package/dist/echarts.min.js")
            if member is None:
                return "ECharts: the package has no dist/echarts.min.js; charts are off."
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(member.read())
            license_file = tar.extractfile("package/LICENSE")
            if license_file is not None:
                (target.parent / "LICENSE").write_bytes(license_file.read())
    return f"ECharts: installed {ECHARTS} into {target.parent}"
