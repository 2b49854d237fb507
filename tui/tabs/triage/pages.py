"""What each Triage page asks: checklist items built from the content, and number checks.

Item ids carry a prefix so one list can hold several kinds of answer: `f:` a red flag,
`t:` a trigger, `s:` a sensation, `o:` an Ottawa finding. The first page's red flags have no
prefix (it holds nothing else). No widgets here, so the wording can be tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from tui.domain.content import Content
from tui.domain.triage import AGE_RANGE, PAIN_RANGE, Answers
from tui.domain.triage_rules import OTTAWA_QUESTIONS, asked, injured
from tui.widgets.checklist import Heading

Item = tuple[str, str] | Heading

OTTAWA_HEADING = "Ottawa rules (X-ray today?): press gently with a finger to answer"


def idents(items: Iterable[Item]) -> tuple[str, ...]:
    """The ids of the items, headings left out."""
    return tuple(i[0] for i in items if not isinstance(i, Heading))


def strip(ticked: Iterable[str], prefix: str) -> tuple[str, ...]:
    """The ids ticked with this prefix, without it."""
    return tuple(i[len(prefix):] for i in ticked if i.startswith(prefix))


def flag_items(content: Content) -> list[Item]:
    """Page 1: the red flags asked of everyone, urgent ones first."""
    items: list[Item] = [Heading("Get checked today if yes:")]
    items += [(f.id, f.question) for f in content.red_flags
              if f.disposition == "urgent" and not f.ask_if]
    items.append(Heading("See someone this week if yes:"))
    items += [(f.id, f.question) for f in content.red_flags
              if f.disposition == "see_pro" and not f.ask_if]
    return items


def injury_items(content: Content, answers: Answers) -> list[Item]:
    """Page 2: did it start with an injury; after one, the Ottawa findings and the injury
    follow-ups (bruising on the sole)."""
    items: list[Item] = [(f"t:{t.id}", t.name) for t in content.triggers
                         if t.group == "injury" and not t.ask_if]
    if injured(answers):
        items.append(Heading(OTTAWA_HEADING))
        items += [(f"o:{ident}", text) for ident, text in OTTAWA_QUESTIONS.items()]
        items += [(f"t:{t.id}", t.hint) for t in content.triggers
                  if t.group == "injury" and t.ask_if and asked(t.ask_if, answers)]
    return items


def feel_items(content: Content) -> tuple[list[Item], list[Item]]:
    """Page 4: how it feels and what helps (left), what makes it worse and background
    (right)."""

    def group(name: str) -> list[Item]:
        return [(f"t:{t.id}", t.name) for t in content.triggers
                if t.group == name and not t.ask_if]

    left: list[Item] = [Heading("How it feels")]
    left += [(f"s:{s.id}", s.name) for s in content.sensations]
    left += [Heading("Better with"), *group("better")]
    right: list[Item] = [Heading("Worse with"), *group("worse")]
    right += [Heading("Background"), *group("context")]
    return left, right


def more_items(content: Content, answers: Answers) -> list[Item]:
    """Page 5: the follow-up red flags and questions that the answers so far make matter,
    then the background questions asked of everyone."""
    flags = [(f"f:{f.id}", f.question) for f in content.red_flags
             if f.ask_if and asked(f.ask_if, answers)]
    details = [(f"t:{t.id}", t.name) for t in content.triggers
               if t.group == "more" and t.ask_if and asked(t.ask_if, answers)]
    general = [(f"t:{t.id}", t.name) for t in content.triggers
               if t.group == "more" and not t.ask_if]
    items: list[Item] = []
    if flags or details:
        items += [Heading("Because of your answers so far:"), *flags, *details]
    items += [Heading("Any of these?"), *general]
    return items


def _number_error(name: str, text: str, bounds: tuple[int, int]) -> str:
    """Why a number box's text is not accepted, or "" (an empty box is fine)."""
    text = text.strip()
    low, high = bounds
    if not text:
        return ""
    if not text.isdigit() or not low <= int(text) <= high:
        return f"! {name} is a whole number from {low} to {high}."
    return ""


def number_errors(pain: str, age: str) -> str:
    """The line under the pain and age boxes: what is wrong with them, if anything."""
    errors = [_number_error("Pain", pain, PAIN_RANGE), _number_error("Age", age, AGE_RANGE)]
    shown = " ".join(e for e in errors if e)
    return shown or "Digits, then Enter to go on (Tab to the questions below). Age is kept."
