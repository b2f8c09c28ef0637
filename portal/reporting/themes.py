"""How survey items and complaint themes map onto what the readers of a report ask.

Seed 003 §1.2.2 names five quality themes; the municipalities' yearly
client-experience duty (Jeugdwet art. 2.10, the VNG model questionnaire MCJO)
asks about quality and experienced effect. One table each, used by every report.
"""

from __future__ import annotations

from portal.models import Dimension, QualityTheme

# Seed 003 §1.2.2: the five quality themes, and the survey dimensions that measure them.
QUALITY_THEME_DIMENSIONS: dict[QualityTheme, tuple[Dimension, ...]] = {
    QualityTheme.CLIENT_INVOLVEMENT: (
        Dimension.FIT,
        Dimension.INVOLVEMENT,
        Dimension.PARTICIPATION,
        Dimension.RIGHTS,
    ),
    QualityTheme.GOAL_REALISATION: (Dimension.GOALS, Dimension.CONTACT_PERSON),
    QualityTheme.DECREASE_OF_PROBLEMS: (Dimension.RESULT,),
    QualityTheme.SAFETY: (Dimension.SAFETY,),
    QualityTheme.RESULT_ORIENTATION: (Dimension.SPEED, Dimension.COOPERATION, Dimension.OVERALL),
}

# Jeugdwet art. 2.10 / MCJO: "quality" and "experienced effect" of the help.
MCJO_THEMES: dict[str, tuple[Dimension, ...]] = {
    "quality": (
        Dimension.FIT,
        Dimension.INVOLVEMENT,
        Dimension.SPEED,
        Dimension.COOPERATION,
        Dimension.PARTICIPATION,
        Dimension.CONTACT_PERSON,
        Dimension.SAFETY,
        Dimension.OVERALL,
    ),
    "experienced_effect": (Dimension.RESULT, Dimension.GOALS),
}

# The headline question per questionnaire generation: a changed scale is a new
# series, never mixed with the old one.
HEADLINE_ITEMS = ("overall_mark", "overall")

# What seed 003 asks for that Klankbord does not measure: the report says so.
NOT_MEASURED = (
    "dropout",  # uitval: care ended before the agreed end
    "network_satisfaction",  # satisfaction of partners such as school and police (001 §2)
    "waiting_list",  # length of waiting lists (the providers' own registration)
    "recurrence",  # renewed requests for help after the end of care
)


def quality_theme_of(dimension: str) -> QualityTheme | None:
    for theme, dimensions in QUALITY_THEME_DIMENSIONS.items():
        if dimension in dimensions:
            return theme
    return None
