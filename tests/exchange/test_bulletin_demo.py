"""The demo plan's bulletin: the dashboard's figures, every number traced to the appendix, and
a file LibreOffice opens."""

import io
import re
import subprocess
from datetime import date

import pytest
from click.testing import CliRunner
from django.test import Client
from docx import Document

from luoshi.documents import official_docx
from luoshi.documents.bulletin import STATUSES, default_options
from luoshi.exchange.bulletin_facts import write_bulletin
from luoshi.exchange.models import BulletinIssue
from tests.exchange.bulletin_docx import check_against_appendix, read
from tests.tools import require_tool

DAY = date(2022, 7, 10)


@pytest.fixture
def bulletin_file(demo, tmp_path):
    """The check copy, with the default annex (各单位推进情况一览表)."""
    out = tmp_path / "bulletin.docx"
    document = write_bulletin(demo, "2022-06", DAY, out, check_copy=True)
    return out, document


def to_pdf(docx, tmp_path):
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
            str(docx),
        ],
        capture_output=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / f"{docx.stem}.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    from pdfminer.high_level import extract_text

    return [page.replace(" ", "") for page in extract_text(pdf).split("\f") if page.strip()]


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
    # Every figure of the 数据核对表 is in the text, or is the part or whole of a share that is.
    shown = {fid for _, _, fid in bulletin.body_figures}
    operands = {
        operand for fid in shown for operand in re.findall(r"F\d+", bulletin.appendix[fid][1])
    }
    assert set(bulletin.appendix) == shown | operands


def test_the_bulletin_as_sent_is_short_unmarked_and_uncut_in_libreoffice(demo, tmp_path):
    out = tmp_path / "sent.docx"
    options = default_options(annexes=("league", "attention"))
    write_bulletin(demo, "2022-06", DAY, out, options)
    pages = to_pdf(out, tmp_path)
    text = "".join(pages)
    assert "督查通报" in text and "6月份落实情况的通报" in text.replace("\n", "")
    main = next(n for n, page in enumerate(pages) if page.lstrip().startswith("附件1"))
    assert 3 <= main <= 4, f"the main text runs to {main} pages"
    assert not re.search(r"\[?F\d+", text), "a figure id in the sent copy"
    assert "数据核对表" not in text
    assert "抄送：" in pages[-1] and "印发" in pages[-1]  # the 版记 closes the document
    # No short cell wraps: each one's text is whole on one line of the PDF.
    lines = {line for page in pages for line in page.split("\n")}
    for table in Document(out).tables:
        for row in table.rows[1:]:
            for cell in row.cells:
                value = cell.text.replace(" ", "")
                if value and len(value) <= official_docx.WHOLE:
                    assert any(value in line for line in lines), value


def test_the_check_copy_opens_in_libreoffice_with_its_figure_table(bulletin_file, tmp_path):
    pages = to_pdf(bulletin_file[0], tmp_path)
    assert "[F1]" in pages[0] + pages[1]
    assert "数据核对表" in "".join(pages)


def login(username):
    client = Client()
    client.login(username=username, password="luoshi-demo-2022")
    return client


def test_the_office_edits_the_bulletin_in_the_web_and_the_edit_is_kept(demo):
    client = login("duchashi")
    page = client.get("/exchange/bulletin/")
    assert page.status_code == 200 and "2022-06" in page.content.decode()
    made = client.post("/exchange/bulletin/", {"plan": demo.pk, "period": "2022-06"})
    assert made.status_code == 302
    issue = BulletinIssue.objects.get(plan=demo, period="2022-06")
    assert made["Location"] == f"/exchange/bulletin/{issue.pk}/"
    form = client.get(made["Location"])
    assert form.status_code == 200
    fields = form.context["form"].fields
    assert fields["p-intro"].initial.startswith("按照工作部署")
    response = client.post(
        made["Location"],
        {
            "number": "〔2022〕7号",
            "copy_to": "市委办公室",
            "annexes": ["attention"],
            "requirements": "按时报送。",
            "p-intro": "现将6月份重点工作任务落实情况通报如下：",
            "p-overall-1": fields["p-overall-1"].initial,  # unchanged: not stored
        },
    )
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.edits == {"intro": "现将6月份重点工作任务落实情况通报如下："}
    assert issue.annexes == ["attention"] and issue.number == "〔2022〕7号"
    again = client.get(made["Location"])
    assert again.context["form"]["p-intro"].value() == "现将6月份重点工作任务落实情况通报如下："
    download = client.get(f"/exchange/bulletin/{issue.pk}/bulletin.docx")
    assert download.status_code == 200
    assert download["Content-Type"].endswith("wordprocessingml.document")
    assert "attachment" in download["Content-Disposition"]
    texts = [p.text for p in Document(io.BytesIO(download.content)).paragraphs]
    assert "现将6月份重点工作任务落实情况通报如下：" in texts and "〔2022〕7号" in texts
    assert "附件：1.逾期、滞后和未报送任务清单" in texts and "抄送：市委办公室。" in texts
    assert "（二）按时报送。" in texts
    check = client.get(f"/exchange/bulletin/{issue.pk}/bulletin.docx", {"copy": "check"})
    assert "[F1]" in "".join(p.text for p in Document(io.BytesIO(check.content)).paragraphs)


def test_leaders_read_and_download_the_bulletin_but_do_not_edit_it(demo):
    issue = BulletinIssue.objects.create(plan=demo, period="2022-06", edits={"intro": "改写。"})
    leader = login("lingdao")
    listing = leader.get("/exchange/bulletin/")
    assert (
        listing.status_code == 200 and f"/exchange/bulletin/{issue.pk}/" in listing.content.decode()
    )
    assert (
        leader.post("/exchange/bulletin/", {"plan": demo.pk, "period": "2022-05"}).status_code
        == 403
    )
    page = leader.get(f"/exchange/bulletin/{issue.pk}/")
    assert page.status_code == 200 and "改写。" in page.content.decode()
    assert leader.post(f"/exchange/bulletin/{issue.pk}/", {"number": "x"}).status_code == 403
    download = leader.get(f"/exchange/bulletin/{issue.pk}/bulletin.docx")
    assert download.status_code == 200 and download.content.startswith(b"PK")


def test_a_month_not_over_is_refused_on_the_web(demo):
    client = login("duchashi")
    response = client.post("/exchange/bulletin/", {"plan": demo.pk, "period": "2022-07"})
    assert response.status_code == 400
    assert "2022-07" in response.content.decode()
    assert not BulletinIssue.objects.exists()


def test_a_liaison_cannot_make_the_bulletin(demo):
    client = Client()
    client.login(username="fgw", password="luoshi-demo-2022")
    assert client.get("/exchange/bulletin/").status_code == 403


def test_the_command_line_writes_the_bulletin(demo, tmp_path):
    from luoshi.cli import main

    out = tmp_path / "b.docx"
    args = ["bulletin", "--plan", str(demo.pk), "--period", "2022-06", "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--check-copy", "--annexes", "league,tasks"])
    assert result.exit_code == 0, result.output
    check_against_appendix(read(out))
    result = CliRunner().invoke(main, [*args, "--annexes", ""])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in Document(out).paragraphs]
    assert not any(t.startswith("附件") for t in texts) and not any("[F" in t for t in texts)
    unknown = CliRunner().invoke(main, [*args, "--annexes", "league,minutes"])
    assert unknown.exit_code != 0 and "minutes" in unknown.output
    bad = CliRunner().invoke(main, [*args[:3], "--period", "2022-6", "--out", str(out)])
    assert bad.exit_code != 0 and "2022-06" in bad.output and "Traceback" not in bad.output


def test_the_demo_is_dated_in_its_own_year(demo):
    from luoshi.tracking.models import Event, ProgressReport

    assert demo.published_at.year == demo.created_at.year == demo.year
    assert {
        e.created_at.year
        for e in Event.objects.filter(plan=demo, verb__in=["published", "demo_data"])
    } == {demo.year}
    assert {r.submitted_at.year for r in ProgressReport.objects.filter(task__plan=demo)} == {
        demo.year
    }
