"""One e-mail check (email-validator) for forms and the outbox, and masking for screens."""

from __future__ import annotations

import pytest
from flask_wtf import FlaskForm
from wtforms import StringField

from portal.messaging.addresses import mask, valid_email
from portal.web.forms import EmailAddress


@pytest.mark.parametrize(
    "address", ["ouder@example.nl", "jan.de.vries+klacht@gemeente-zeist.nl", "ß@ëxample.nl"]
)
def test_real_addresses_pass(address):
    assert valid_email(address)


@pytest.mark.parametrize(
    "address",
    [
        "x@[example.org",
        "jan@",
        "@example.nl",
        "jan@example",
        "jan@@example.nl",
        "jan @example.nl",
        "jan@example..nl",
        "a" * 250 + "@example.nl",
        "",
    ],
)
def test_broken_addresses_fail(address):
    assert not valid_email(address)


def test_mask_shows_only_the_first_letter_and_the_domain():
    assert mask("jan@example.org") == "j***@example.org"
    assert mask("no-at-sign") == "***"


def test_the_form_validator_explains_and_lets_an_empty_field_be(app):
    class ContactForm(FlaskForm):
        class Meta:
            csrf = False

        email = StringField(validators=[EmailAddress()])

    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert ContactForm(data={"email": ""}).validate()
        assert ContactForm(data={"email": "ouder@example.nl"}).validate()
        broken = ContactForm(data={"email": "x@[example.org"})
        assert not broken.validate()
        assert broken.email.errors == ["Fill in an e-mail address like name@example.nl."]
