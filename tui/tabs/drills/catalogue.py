"""The routines the Drills tab offers: the built-ins, then the runner's own (no Textual)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tui.domain.content import Content, Routine
from tui.domain.user_routines import load_user_routines


class RoutineCatalogue:
    """Every routine on offer, in list order, and which of them are the runner's own."""

    def __init__(self, routines: Iterable[Routine] = (), user_ids: Iterable[str] = ()) -> None:
        self.routines = list(routines)
        """Built-in routines, then the user's own from routines.toml."""
        self.user_ids = set(user_ids)
        """Ids of the routines from the user's routines.toml."""

    @classmethod
    def load(cls, content: Content, config_dir: Path) -> tuple[RoutineCatalogue, str]:
        """The built-ins and the user's routines.toml, with what was wrong in that file ("" if
        nothing: a bad file leaves the built-ins alone)."""
        user, problem = load_user_routines(
            config_dir, content.drills_by_id, (r.id for r in content.routines)
        )
        return cls([*content.routines, *user], (r.id for r in user)), problem

    def find(self, routine_id: str) -> Routine | None:
        """The routine with this id, if there is one."""
        return next((r for r in self.routines if r.id == routine_id), None)

    def best_fit(self, drill_ids: set[str]) -> Routine:
        """The routine holding most of these drills and fewest others (the default on a tie)."""

        def fit(routine: Routine) -> tuple[int, int, bool]:
            steps = set(routine.steps)
            return len(steps & drill_ids), -len(steps - drill_ids), routine.default

        return max(self.routines, key=fit)
