"""Data versions per jurisdiction: a write changes the versions of the jurisdictions whose pages
show its data (and the "any" version), and leaves the other jurisdictions' caches alone."""

import pytest

from luoshi.tracking import versions
from luoshi.tracking.models import Event, Jurisdiction, ProgressReport, Task


@pytest.fixture
def elsewhere(db):
    return Jurisdiction.objects.create(name="通化市")


@pytest.fixture
def county(city):
    return Jurisdiction.objects.create(name="东丰县", level="county", parent=city)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a write as if its transaction committed, and says which versions changed."""

    def run(write, *jurisdictions):
        # Commit what the fixtures wrote (a test's transaction never commits on its own).
        with django_capture_on_commit_callbacks(execute=True):
            Jurisdiction.objects.create(name="某市")
        before = {j: versions.current(j) for j in (*jurisdictions, None)}
        with django_capture_on_commit_callbacks(execute=True):
            write()
        return {j for j, version in before.items() if versions.current(j) != version}

    return run


def test_a_report_changes_its_city_and_leaves_the_other_alone(
    committed, bob, bobs_task, city, elsewhere
):
    def report():
        ProgressReport.objects.create(
            task=bobs_task, period="2022-06", value=1, narrative="x", submitted_by=bob
        )

    assert committed(report, city.pk, elsewhere.pk) == {city.pk, None}


def test_a_write_in_a_county_changes_its_city_too(committed, county, city, elsewhere, plan):
    def add_plan():
        plan.pk = None
        plan.jurisdiction = county
        plan.source_sha256 = "2" * 64
        plan.save()

    assert committed(add_plan, county.pk, city.pk, elsewhere.pk) == {county.pk, city.pk, None}


def test_an_event_without_a_plan_is_placed_by_its_task(committed, bobs_task, city, elsewhere):
    def log():
        Event.objects.create(verb="demo_data", task=bobs_task)

    assert committed(log, city.pk, elsewhere.pk) == {city.pk, None}


def test_a_deleted_row_that_cannot_be_placed_changes_everything(
    committed, bobs_task, city, elsewhere
):
    def delete():
        bobs_task.targets.all().delete()
        Task.objects.filter(pk=bobs_task.pk).delete()

    assert committed(delete, city.pk, elsewhere.pk) == {city.pk, elsewhere.pk, None}


def test_a_supporting_department_added_changes_the_tasks_city(
    committed, bobs_task, commerce, city, elsewhere
):
    assert committed(lambda: bobs_task.supporting.add(commerce), city.pk, elsewhere.pk) == {
        city.pk,
        None,
    }


def test_a_scope_never_written_reads_the_same_until_it_is(db, elsewhere):
    assert versions.current(elsewhere.pk) == versions.current(elsewhere.pk)
    before = versions.current(elsewhere.pk)
    versions.changed({elsewhere.pk})
    assert versions.current(elsewhere.pk) != before
