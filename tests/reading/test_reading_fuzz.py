"""Random input: read() returns a valid Document or raises ReadError, never anything else.

The strategies and checks are luoshi.devtools.fuzzing's; `luoshi fuzz` runs them with a large
budget.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.devtools.fuzzing import ANY_INPUT, FORMAT_INPUTS, read_and_extract, read_or_refuse

SMALL = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SMALL
@given(
    st.sampled_from(sorted(FORMAT_INPUTS)).flatmap(
        lambda f: st.tuples(st.just(f), FORMAT_INPUTS[f])
    )
)
def test_each_format_reads_or_refuses_its_own_kind_of_input(pair):
    fmt, data = pair
    read_or_refuse(data, fmt)


@SMALL
@given(ANY_INPUT)
def test_any_bytes_under_any_format_read_or_refuse(pair):
    fmt, data = pair
    read_or_refuse(data, fmt)


@SMALL
@given(st.binary(max_size=400))
def test_random_bytes_with_a_sniffed_format_read_or_refuse(data):
    read_or_refuse(data, None)


@settings(max_examples=100, deadline=None)
@given(FORMAT_INPUTS["txt"])
def test_what_reads_also_extracts_with_spans_inside_the_original(data):
    read_and_extract(data)
