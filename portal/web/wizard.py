"""Multi-page forms whose answers travel in the form itself.

Nothing is kept on the server before the final send, so going back, switching
language, losing the session or an expired CSRF token never loses what was
typed. Used by the survey and the complaint form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import RadioField


class RequiredRadioField(RadioField):
    """A radio group whose only message for a missing answer is the required one."""

    def pre_validate(self, form: FlaskForm) -> None:
        if self.data:
            super().pre_validate(form)


class WizardForm(FlaskForm):
    def validate_fields(self, names: list[str], csrf: bool = True) -> bool:
        """Validate only the named fields (one page), plus the CSRF token unless a GET
        shows the errors of what was posted and saved before."""
        ok = True
        for name in [*names, "csrf_token"] if csrf else names:
            if name in self._fields:
                # Form.validate() would add the form's validate_<name> method; so do we.
                inline = getattr(self.__class__, f"validate_{name}", None)
                extra = [lambda form, field, check=inline: check(form, field)] if inline else []
                ok = self._fields[name].validate(self, extra) and ok
        return ok


@dataclass(frozen=True)
class Step:
    name: str
    fields: list[str]
    items: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class Move:
    """Where the form goes next: a page index and status, or the final send."""

    index: int
    status: int = 200
    send: bool = False


def step_index(steps: list[Step], name: str | None) -> int:
    names = [step.name for step in steps]
    return names.index(name) if name in names else 0


def navigate(form: WizardForm, steps: list[Step], current_name: str | None, action: str) -> Move:
    """Back and "change" links never validate; "next" validates the page, "send" all."""
    current = step_index(steps, current_name)
    if action.startswith("goto:"):
        return Move(min(step_index(steps, action[5:]), current))
    if action == "back":
        return Move(max(current - 1, 0))
    names = steps[current].fields if action == "next" else [n for s in steps for n in s.fields]
    if not form.validate_fields(names):
        invalid = [i for i, s in enumerate(steps) if any(form[n].errors for n in s.fields)]
        return Move(invalid[0] if invalid else current, 422)
    if action == "next":
        return Move(min(current + 1, len(steps) - 1))
    return Move(current, send=True)


def hidden_names(steps: list[Step], shown: Step) -> list[str]:
    """The fields of every other page, to carry along as hidden inputs."""
    return [name for step in steps if step is not shown for name in step.fields]


TYPED_MAX = 6000  # above every field's limit, so "too long" can still be shown and fixed


def typed(form: WizardForm, steps: list[Step]) -> dict[str, Any]:
    """What was typed on every page, for a server-side draft; clipped so no post can
    overflow the draft."""
    return {
        name: value[:TYPED_MAX] if isinstance(value := form[name].data, str) else value
        for step in steps
        for name in step.fields
    }


def merged(draft: dict[str, Any], posted: MultiDict) -> MultiDict:
    """What the draft holds, overwritten by this page's fields, as if all were posted:
    validators that need raw input (InputRequired) then see every field."""
    result = MultiDict({name: str(value) for name, value in draft.items() if value is not None})
    for name in posted:
        result.setlist(name, posted.getlist(name))
    return result
