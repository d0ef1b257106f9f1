"""The nbgrader round trip (see test_roundtrip.py) for the other half of the modules, in a file of
its own so that pytest-xdist runs it on another worker than the first half."""
import pytest

from test_roundtrip import MODULES, SECOND_HALF, check_round_trip


@pytest.mark.parametrize("module", [m for m in SECOND_HALF if m in MODULES])
def test_solution_full_marks_student_version_zero(module, monkeypatch):
    check_round_trip(module, monkeypatch)
