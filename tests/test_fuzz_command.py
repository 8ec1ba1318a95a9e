"""`luoshi fuzz`: counts its cases, reports crashes, and exits non-zero when there is one."""

from click.testing import CliRunner

from luoshi.cli import main
from luoshi.devtools import fuzzing as fuzz


def test_the_fuzz_command_counts_the_cases_of_every_target():
    result = CliRunner().invoke(main, ["fuzz", "--examples", "70", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    for name in fuzz.TARGETS:
        assert name in result.output
    assert "0 crashes" in result.output


def test_a_crash_is_reported_with_its_input_and_fails_the_run(monkeypatch):
    def fragile(text):
        if "万" in text:
            raise IndexError("boom")

    monkeypatch.setitem(fuzz.TARGETS, "fragile", (fuzz.TEXT, fragile, 1))
    result = CliRunner().invoke(
        main, ["fuzz", "--examples", "300", "--jobs", "1", "--target", "fragile"]
    )
    assert result.exit_code == 1
    assert "CRASH fragile: IndexError" in result.output
    assert "1 crashes" in result.output


def test_the_budget_is_shared_by_weight_and_cut_into_chunks():
    chunks = fuzz.plan(100_000, chunk=2000)
    assert sum(size for _, size, _ in chunks) == 100_000
    assert max(size for _, size, _ in chunks) <= 2000
    assert len({seed for _, _, seed in chunks}) == len(chunks)


def test_an_unknown_target_is_named():
    result = CliRunner().invoke(main, ["fuzz", "--target", "nope"])
    assert result.exit_code == 1 and "unknown target nope" in result.output
