"""The records findings travel in: equal, hashable, frozen and pickled as they were."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from tqa.model import Applicability, Edit, Finding, Fix, GlossaryRef, Severity

FIX = Fix("Replace with `against`", (Edit(3, 9, "against"), Edit(12, 12, " the")), Applicability.SAFE)
FINDING = Finding("T501", "calque", "a calque", 3, 9, Severity.WARNING, FIX, GlossaryRef("on-the-background", "n", "r"))


@pytest.mark.parametrize(
    "record", [FINDING, FIX, FIX.edits[0], FINDING.glossary, Finding("Q101", "q", "m", 0, 1, Severity.ERROR)]
)
def test_a_record_pickled_is_an_equal_record(record):
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        loaded = pickle.loads(pickle.dumps(record, protocol=protocol))
        assert loaded == record and hash(loaded) == hash(record) and type(loaded) is type(record)
        assert [getattr(loaded, f.name) for f in dataclasses.fields(record)] == [
            getattr(record, f.name) for f in dataclasses.fields(record)
        ]


def test_a_finding_is_made_as_the_dataclass_would_make_it():
    assert Finding("Q101", "q", "m", 0, 1, Severity.ERROR) == Finding(
        code="Q101", name="q", message="m", start=0, end=1, severity=Severity.ERROR, fix=None, glossary=None
    )
    assert dataclasses.replace(FINDING, message="other").message == "other"
    assert dataclasses.replace(FINDING, message="other").fix is FIX
    with pytest.raises(dataclasses.FrozenInstanceError):
        FINDING.code = "T502"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Finding("Q101", "q", "m", 0, 1)  # type: ignore[call-arg]
    assert repr(FINDING).startswith("Finding(code='T501', name='calque', message='a calque', start=3, end=9,")
