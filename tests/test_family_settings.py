"""The family terms are settings with the issue's defaults, refused outside their range."""

from __future__ import annotations

import pytest

from config import ConfigurationError, load_settings


def test_defaults_from_the_issue():
    settings = load_settings({})
    assert settings["FAMILY_CHANGE_REQUEST_DAYS"] == 10
    assert settings["FAMILY_RETENTION_MONTHS"] == 12
    assert settings["FAMILY_STALE_MONTHS"] == 24  # never ended: two years after the last change
    assert settings["FAMILY_DISPUTE_DAYS"] == 14
    assert settings["FAMILY_MEDIATOR_NAME"] == ""


@pytest.mark.parametrize(
    "variable",
    [
        "KLANKBORD_FAMILY_CHANGE_REQUEST_DAYS",
        "KLANKBORD_FAMILY_DISPUTE_DAYS",
        "KLANKBORD_FAMILY_RETENTION_MONTHS",
        "KLANKBORD_FAMILY_STALE_MONTHS",
    ],
)
def test_a_term_outside_its_range_is_refused(variable):
    with pytest.raises(ConfigurationError, match=variable):
        load_settings({variable: "0"})
    with pytest.raises(ConfigurationError, match=variable):
        load_settings({variable: "999"})
