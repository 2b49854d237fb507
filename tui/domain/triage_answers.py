"""What a runner answers in the triage: ids from the vocabulary, Ottawa findings, pain, age.

Kept apart from the engine so the rules (`triage_rules`) and the engine (`triage`) share one
definition, and bad input is refused in one place with a message that names the field.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.domain.content import Content
from tui.domain.content_models import OTTAWA_FINDINGS
from tui.domain.frozen import frozen


class UnknownAnswerError(ValueError):
    """An id that the vocabulary does not know; names the kind and the valid ids."""

    def __init__(self, kind: str, ident: str, valid: Iterable[str]) -> None:
        self.kind = kind
        self.ident = ident
        self.valid = list(valid)
        super().__init__(
            f"unknown {kind} {ident!r}; valid {kind} ids: {', '.join(self.valid)}"
        )


class BadAnswerError(ValueError):
    """A number out of range (pain 0-10, age 1-120); names the field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"{field}: {message}")


PAIN_RANGE = (0, 10)
AGE_RANGE = (1, 120)


@frozen()
class Answers:
    """What the runner ticked: ids from the vocabulary, red flags and Ottawa findings, plus
    pain now (0-10) and age in years, when given."""

    regions: tuple[str, ...] = ()
    sensations: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    ottawa: tuple[str, ...] = ()
    """Ids from OTTAWA_QUESTIONS answered yes."""
    pain: int | None = None
    age: int | None = None

    def check(self, content: Content) -> None:
        """Raise UnknownAnswerError for the first unknown id, BadAnswerError for a number out
        of range."""
        known = {
            "region": list(content.regions_by_id),
            "sensation": list(content.sensations_by_id),
            "trigger": list(content.triggers_by_id),
            "red-flag": list(content.red_flags_by_id),
            "ottawa": list(OTTAWA_FINDINGS),
        }
        given = {
            "region": self.regions,
            "sensation": self.sensations,
            "trigger": self.triggers,
            "red-flag": self.red_flags,
            "ottawa": self.ottawa,
        }
        for kind, ids in given.items():
            for ident in ids:
                if ident not in known[kind]:
                    raise UnknownAnswerError(kind, ident, known[kind])
        for name, value, (low, high) in (("pain", self.pain, PAIN_RANGE),
                                         ("age", self.age, AGE_RANGE)):
            if value is not None and not low <= value <= high:
                raise BadAnswerError(name, f"give a whole number from {low} to {high}")
