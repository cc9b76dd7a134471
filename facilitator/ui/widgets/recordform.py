"""A form for one record: an action (what, owner, due date, backup), an agreement (text,
who it binds) or a note. It returns the `record ...` command it stands for, as in scripts.

| key | does |
| --- | --- |
| enter | the next field; on the last one, record |
| tab | take the completion shown in grey (an owner's name) |
| escape | cancel |

An owner nobody knows and a due date in the past are warned about, not refused (the
group may have a new member, a date may be kept on purpose); a date that is not a date
is refused by the engine, and the form says so before it is sent.

On a short terminal (the app's `-short` breakpoint: 80x24) the fields lose their borders,
so that four fields, three warnings in a longer language and the keys all fit.
"""

from __future__ import annotations

import datetime as dt
import shlex

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from facilitator.i18n import N_, _
from facilitator.ui.widgets.commandline import ListSuggester, take_completion

FIELDS = {
    "action": (("what", N_("What is to be done"), ""), ("owner", N_("Who does it"), N_("a name")),
               ("due", N_("Due date"), N_("YYYY-MM-DD, or leave empty")),
               ("backup", N_("Who backs them up"), N_("a name, or leave empty (no backup)"))),
    "agreement": (("text", N_("The agreement"), ""),
                  ("parties", N_("Who it binds"),
                   N_("names with commas; empty: the whole group"))),
    "note": (("text", N_("The note"), ""),),
}
TITLES = {"action": N_("Record an action"), "agreement": N_("Record an agreement"),
          "note": N_("Record a note")}


def _not_a_date(due: str) -> bool:
    try:
        dt.date.fromisoformat(due)
    except ValueError:
        return True
    return False


def warnings(kind: str, values: dict[str, str], known: list[str], today: dt.date) -> list[str]:
    """What the form warns about before the record is taken."""
    said = []
    owner = values.get("owner", "").strip()
    names = {n.casefold() for n in known}
    backup = values.get("backup", "").strip()
    for who in (owner, backup) if kind == "action" else ():
        if who and who.casefold() not in names:
            said.append(_("Nobody called {name} is here or in the group's memory; "
                          "check the name.").format(name=who))
    if kind == "action" and backup and backup.casefold() == owner.casefold():
        said.append(_("The backup is someone other than the owner: name another person, or "
                      "leave it empty."))
    due = values.get("due", "").strip()
    if kind == "action" and due:
        try:
            day = dt.date.fromisoformat(due)
        except ValueError:
            said.append(_("{due} is not a date; write it like {today}.").format(
                due=due, today=today.isoformat()))
        else:
            if day < today:
                said.append(_("{due} is in the past (today is {today}).").format(
                    due=due, today=today.isoformat()))
    return said


def command(kind: str, values: dict[str, str]) -> str:
    q = shlex.quote
    if kind == "action":
        due = values.get("due", "").strip()
        backup = values.get("backup", "").strip()
        return (f"record action {q(values['what'].strip())} {q(values['owner'].strip())}"
                + (f" {due}" if due else "") + (f" --backup {q(backup)}" if backup else ""))
    if kind == "agreement":
        names = [n.strip() for n in values.get("parties", "").split(",") if n.strip()]
        return f"record agreement {q(values['text'].strip())}" + "".join(
            f" {q(n)}" for n in names)
    return f"record note {values['text'].strip()}"


class RecordForm(ModalScreen[str | None]):
    """Returns the `record ...` command, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("tab", "complete", "Complete", show=False, priority=True)]

    DEFAULT_CSS = """
    RecordForm { align: center middle; }
    RecordForm > Vertical {
        width: 72; max-width: 98%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    RecordForm Label { width: 1fr; }
    RecordForm #question { text-style: bold; }
    RecordForm .field { margin-top: 0; }
    RecordForm.-short Input { border: none; height: 1; padding: 0 1; background: $boost; }
    RecordForm.-short Input:focus { border: none; background: $primary 30%; }
    RecordForm #warning { color: $warning; text-style: bold; }
    RecordForm #aside { text-style: italic; }
    """

    def __init__(self, kind: str, people: list[str], known: list[str], today: dt.date,
                 confidential: bool = False) -> None:
        """`people`: offered as owners first; `known`: every name that is no surprise."""
        super().__init__()
        self.form = kind
        self.people = people
        self.known = known
        self.today = today
        self.confidential = confidential

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(_(TITLES[self.form]), id="question")
            for name, label, placeholder in FIELDS[self.form]:
                yield Label(_(label), classes="field")
                suggester = ListSuggester(self.people + self.known) \
                    if name in ("owner", "backup") else None
                yield Input(placeholder=_(placeholder) if placeholder else "", id=name,
                            suggester=suggester)
            yield Label("", id="warning", markup=False)
            aside = _("enter: next field, then record · escape: cancel")
            if self.confidential:
                aside = (_("This step is confidential: the record stays out of the minutes.")
                         + " " + aside)
            yield Label(aside, id="aside", markup=False)

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def values(self) -> dict[str, str]:
        return {field.id or "": field.value for field in self.query(Input)}

    def on_input_changed(self, event: Input.Changed) -> None:
        said = warnings(self.form, self.values(), self.known, self.today)
        self.query_one("#warning", Label).update("\n".join(said))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        fields = list(self.query(Input))
        at = fields.index(event.input)
        if at + 1 < len(fields):
            fields[at + 1].focus()
            return
        values = self.values()
        first = FIELDS[self.form][0][0]
        if not values[first].strip():
            fields[0].focus()
            self.query_one("#warning", Label).update(_("Write what is recorded first."))
            return
        if self.form == "action" and not values["owner"].strip():
            fields[1].focus()
            self.query_one("#warning", Label).update(_("An action needs an owner."))
            return
        if self.form == "action":
            due = values.get("due", "").strip()
            backup = values.get("backup", "").strip()
            if due and _not_a_date(due):
                fields[2].focus()
                return
            if backup and backup.casefold() == values["owner"].strip().casefold():
                fields[3].focus()
                return

        self.dismiss(command(self.form, values))

    def action_complete(self) -> None:
        if isinstance(self.focused, Input):
            take_completion(self.focused)

    def action_cancel(self) -> None:
        self.dismiss(None)
