"""A restore streams the backup (issue 18, item 15): the memory it needs does not grow with the
data. It once read the whole data file and held every row at once, ~6× the data's size."""

import json
import random
import tarfile
import tracemalloc

import pytest
from django.core.management import call_command

from luoshi.backup import backup, restore
from luoshi.tracking.models import Department, Jurisdiction

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def words(seed):
    """About 6 KB of text that compresses as a report's does, not a thousandfold."""
    return "".join(
        random.Random(seed).choices("发展改革委员会住房城乡建设局交通运输水利农业", k=2000)
    )


def test_a_restore_holds_a_small_part_of_the_data_in_memory(tmp_path):
    city = Jurisdiction.objects.create(name="辽源市")
    Department.objects.bulk_create(
        Department(jurisdiction=city, code=f"d{n}", name=f"部门{n}", aliases=[words(n), str(n)])
        for n in range(2000)
    )
    archive = tmp_path / "luoshi.tar.gz"
    backup(archive)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    data = sum(e["bytes"] for e in manifest["files"].values())
    assert data > 10_000_000  # rows of about 6 KB each
    call_command("flush", interactive=False, verbosity=0)

    tracemalloc.start()
    try:
        restored = restore(archive)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert restored.rows["tracking.department"] == 2000
    assert Department.objects.get(code="d1999").aliases == [words(1999), "1999"]
    print(
        f"\nrestore of {data / 1e6:.1f} MB of data: peak {peak / 1e6:.1f} MB ({peak / data:.2f}×)"
    )
    assert peak < data / 2
