"""Names of figures in reports and on the dashboard (Dutch through the catalogs)."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.reporting.cube import HIDDEN

ITEMS = {
    "overall": _l("Overall grade of the help (1-5)"),
    "overall_mark": _l("Overall mark for the help (1-10)"),
    "fit_question": _l("The help fits the question"),
    "involvement_listen": _l("Helpers listen"),
    "speed_start": _l("Help started fast enough"),
    "goals_reached": _l("Agreed goals reached"),
    "result_better": _l("Things go better because of the help"),
    "participation_decide": _l("Has a say in decisions"),
    "cooperation_helpers": _l("Helpers work well together"),
    "organisations_count": _l("Three or more organisations help"),
    "contact_fixed": _l("Has one fixed contact person"),
    "contact_deputy": _l("Knows who stands in for the contact person"),
    "contact_say": _l("Had a say in who the contact person is"),
    "safety_helpers": _l("Feels safe with the helpers"),
    "safety_home": _l("Feels safe where they live"),
    "safety": _l("Feels safe"),
    "complaint_where": _l("Knows where to complain"),
    "confidant_known": _l("Knows a confidant can help"),
}

GROUPS = {
    "youth": _l("Youths"),
    "parent": _l("Parents"),
    "foster_parent": _l("Foster parents"),
    "all": _l("Everyone"),
}

QUALITY_THEMES = {
    "client_involvement": _l("Client involvement"),
    "goal_realisation": _l("Goal realisation"),
    "decrease_of_problems": _l("Decrease of problems"),
    "safety": _l("Safety"),
    "result_orientation": _l("Result orientation, including waiting times"),
}

MCJO = {
    "quality": _l("Quality of the help"),
    "experienced_effect": _l("Experienced effect of the help"),
}

RATES = {
    "acknowledged_in_time": _l("Acknowledged in time"),
    "decided_in_time": _l("Decided in time without extension"),
    "decided_in_time_extended": _l("Decided in time after an extension"),
    "judged_in_time": _l("Judged by the committee in time"),
    "measures_in_time": _l("Measures stated within a month"),
}

COMPLAINT_COUNTS = {
    "total": _l("Complaints received"),
    "formal": _l("Formal (to the complaints committee)"),
    "informal": _l("Informal (with the provider)"),
    "anonymous": _l("Filed anonymously"),
    "open_at_year_end": _l("Still open at the end of the year"),
    "municipality_informed": _l("Municipality informed"),
}

NOT_MEASURED = {
    "dropout": _l("Drop-out (care that ended before the agreed end)"),
    "network_satisfaction": _l("Satisfaction of partners such as school and police"),
    "waiting_list": _l("Length of waiting lists"),
    "recurrence": _l("New requests for help after the care ended"),
}


def item(key: str) -> str:
    return str(ITEMS.get(key, key))


def figure(value: Any, threshold: int, suffix: str = "") -> str:
    """A published value as text: hidden cells say why, never what."""
    if value == HIDDEN:
        return _("fewer than %(threshold)d or hidden", threshold=threshold)
    if value is None:
        return "–"
    return f"{value}{suffix}"


STATES = {
    "draft": _l("Draft: can still get a comment"),
    "held": _l("Held by an administrator"),
    "approved": _l("Approved, goes out at the next run"),
    "queued": _l("Being sent"),
    "sent": _l("Sent"),
    "failed": _l("Failed: an administrator will look at it"),
}


def state(value: Any) -> str:
    return str(STATES.get(str(getattr(value, "value", value)), value))
