"""The demo plan's bulletin: the dashboard's figures, every number traced to the appendix, and
a file LibreOffice opens."""

import subprocess
from datetime import date

import pytest
from click.testing import CliRunner
from django.test import Client

from luoshi.documents.bulletin import STATUSES
from luoshi.exchange.bulletin_facts import write_bulletin
from tests.exchange.bulletin_docx import check_against_appendix, read
from tests.tools import require_tool

DAY = date(2022, 7, 10)


@pytest.fixture
def bulletin_file(demo, tmp_path):
    out = tmp_path / "bulletin.docx"
    document = write_bulletin(demo, "2022-06", DAY, out)
    return out, document


def dashboard_context(demo):
    client = Client()
    client.login(username="duchashi", password="luoshi-demo-2022")
    response = client.get("/", {"on": DAY.isoformat()})
    assert response.status_code == 200
    return response.context


def test_the_bulletin_figures_equal_the_dashboards(demo, bulletin_file):
    _, document = bulletin_file
    context = dashboard_context(demo)
    figures = {f.basis: f.value for f in document.figures}
    assert figures["全部重点任务"] == context["total"]
    for _label, _css, count, name in context["counts"]:
        assert figures[f"全部任务中状态为{name}"] == count, name
    for section, cells in context["sections"]:
        assert [figures[f"{section}：{s}"] for s in STATUSES] == cells, section
    league = [(row["department"].name, row["total"], row["good"]) for row in context["league"]]
    ours = [
        (name, figures[f"{name}：牵头任务"], figures[f"{name}：序时推进及以上"])
        for name, _, _ in league
    ]
    assert ours == league
    # The same order as the dashboard's league table.
    bulletin = read(bulletin_file[0])
    league_table = bulletin.tables[1]
    assert [row.cells[0].text for row in league_table.rows[1:]] == [name for name, _, _ in league]


def test_every_number_in_the_bulletin_text_matches_the_appendix(bulletin_file):
    bulletin = read(bulletin_file[0])
    check_against_appendix(bulletin)
    # All the figures of the text are there: overall, sections, league, lists.
    assert len(bulletin.body_figures) == len(bulletin.appendix)


def test_the_bulletin_opens_in_libreoffice(bulletin_file, tmp_path):
    soffice = require_tool("soffice")
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(bulletin_file[0]),
        ],
        capture_output=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "bulletin.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    from pdfminer.high_level import extract_text

    text = extract_text(pdf).replace(" ", "")
    assert "督查通报" in text
    assert "6月份落实情况的通报" in text.replace("\n", "")
    assert "数据核对表" in text


def test_the_office_downloads_the_bulletin_from_the_web(demo):
    client = Client()
    client.login(username="duchashi", password="luoshi-demo-2022")
    page = client.get("/exchange/bulletin/")
    assert page.status_code == 200 and "2022-06" in page.content.decode()
    response = client.post(
        "/exchange/bulletin/",
        {
            "plan": demo.pk,
            "period": "2022-06",
            "number": "〔2022〕7号",
            "requirements": "按时报送。",
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response.content.startswith(b"PK")
    assert "attachment" in response["Content-Disposition"]


def test_a_month_not_over_is_refused_on_the_web(demo):
    client = Client()
    client.login(username="duchashi", password="luoshi-demo-2022")
    response = client.post("/exchange/bulletin/", {"plan": demo.pk, "period": "2022-07"})
    assert response.status_code == 400
    assert "2022-07" in response.content.decode()


def test_a_liaison_cannot_make_the_bulletin(demo):
    client = Client()
    client.login(username="fgw", password="luoshi-demo-2022")
    assert client.get("/exchange/bulletin/").status_code == 403


def test_the_command_line_writes_the_bulletin(demo, tmp_path):
    from luoshi.cli import main

    out = tmp_path / "b.docx"
    args = ["bulletin", "--plan", str(demo.pk), "--period", "2022-06", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    check_against_appendix(read(out))
    bad = CliRunner().invoke(main, [*args[:3], "--period", "2022-6", "--out", str(out)])
    assert bad.exit_code != 0 and "2022-06" in bad.output and "Traceback" not in bad.output
