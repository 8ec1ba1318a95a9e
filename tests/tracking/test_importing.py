from importlib import resources

import pytest

from luoshi.extraction import extract_document
from luoshi.reading import read
from luoshi.tracking.importing import import_document
from luoshi.tracking.models import Event, Plan, Target, Task

SAMPLE = resources.files("luoshi.samples") / "liaoyuan-2022-part2.txt"


@pytest.fixture(scope="module")
def document():
    return read(str(SAMPLE))


@pytest.fixture(scope="module")
def extraction(document):
    # Extraction takes seconds; importing is what these tests are about.
    return extract_document(document, year=2022)


def test_importing_the_sample_drafts_tasks_with_targets(db, document, extraction):
    plan, created = import_document(document, "辽源市", 2022, extraction=extraction)
    assert created
    assert plan.state == Plan.DRAFT
    assert plan.source_text == document.original
    assert Task.objects.filter(plan=plan).count() > 10
    targets = Target.objects.filter(task__plan=plan)
    assert targets.count() >= 30
    for target in targets:
        assert plan.source_text[target.start : target.end] == target.text
    for task in Task.objects.filter(plan=plan):
        assert plan.source_text[task.start : task.end] == task.text


def test_reimporting_the_same_document_duplicates_nothing(db, document, extraction):
    first, _ = import_document(document, "辽源市", 2022, extraction=extraction)
    counts = (Task.objects.count(), Target.objects.count(), Event.objects.count())
    again, created = import_document(read(str(SAMPLE)), "辽源市", 2022)
    assert not created
    assert again.pk == first.pk
    assert (Task.objects.count(), Target.objects.count(), Event.objects.count()) == counts


def test_the_same_document_for_another_year_is_another_plan(db, document, extraction):
    import_document(document, "辽源市", 2022, extraction=extraction)
    _, created = import_document(document, "辽源市", 2023, extraction=extraction)
    assert created
    assert Plan.objects.count() == 2


def test_an_import_is_recorded_as_an_event(db, document, extraction):
    plan, _ = import_document(document, "辽源市", 2022, extraction=extraction)
    event = Event.objects.get(plan=plan)
    assert event.verb == "imported"
    assert event.payload["tasks"] == plan.tasks.count()


def test_departments_take_their_codes_from_the_departments_data(db, document, extraction):
    from luoshi.tracking.models import Department, Jurisdiction

    plan, _ = import_document(document, "辽源市", 2022, extraction=extraction)
    codes = dict(Department.objects.values_list("name", "code"))
    assert codes["发展和改革委员会"] == "FGW"
    assert plan.tasks.filter(lead__isnull=False).exists()
    counties = Jurisdiction.objects.filter(parent=plan.jurisdiction)
    assert {"东丰县", "东辽县", "龙山区", "西安区"} <= set(counties.values_list("name", flat=True))


def test_a_code_already_taken_gets_a_derived_one(db):
    from luoshi.tracking.importing import department
    from luoshi.tracking.models import Jurisdiction

    city = Jurisdiction.objects.create(name="辽源市")
    first = department(city, "发展和改革委员会")
    assert first.code == "FGW"
    assert department(city, "发展和改革委员会") == first
    city.departments.filter(pk=first.pk).update(name="旧名称")
    again = department(city, "发展和改革委员会")
    assert again.code != "FGW" and again.code.startswith("D")


def test_indicators_with_their_own_leads_are_imported_one_task_each(db, document, extraction):
    plan, _ = import_document(document, "辽源市", 2022, extraction=extraction)
    split = plan.tasks.filter(code__contains=".").select_related("lead")
    assert split.count() >= 2
    for task in split:
        assert task.targets.count() == 1 and task.lead is not None
        assert plan.source_text[task.start : task.end] == task.text
        assert task.assignment_reasons and task.assignment_reasons[0]["role"] == "lead"
    leads = {t.targets.get().text: t.lead.name for t in split}
    assert leads["科技型企业5户"] == "科学技术局"
    assert leads["新培育认定市级以上“专精特新”企业10户"] == "工业和信息化局"
