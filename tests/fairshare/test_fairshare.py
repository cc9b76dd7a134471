"""Fair share over a group's history built by scripted meetings: roles, workload, airtime."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from fairshare_history import meeting

from facilitator import fairshare
from facilitator.errors import StoreError
from facilitator.minutes.fairness import evenness
from facilitator.store.group import Group
from facilitator.store.rows import MeetingRecord

FOUR = ["Ana", "Ben", "Cy", "Dee"]


@pytest.fixture
def group(tmp_path: Path) -> Group:
    return Group(tmp_path / "group")


@pytest.fixture
def rotated(group: Group) -> Group:
    """Three meetings; Dee and Eve each came once, Cy never facilitated."""
    meeting(group, ["Ana", "Ben", "Cy"], {"facilitator": "Ana", "notetaker": "Ben"})
    meeting(group, ["Ana", "Ben", "Cy", "Dee"], {"facilitator": "Ben", "notetaker": "Cy"})
    meeting(group, ["Ana", "Ben", "Cy", "Eve"],
            {"facilitator": "Ana", "notetaker": "Ben", "timekeeper": "Cy"})
    return group


def suggest(group: Group) -> dict[str, list[str]]:
    return fairshare.suggest_roles(group.meetings(), group.roster())


def test_suggestions_put_never_then_least_recent_then_newcomers_last(rotated: Group) -> None:
    """Those who never facilitated first, then the least recent; newcomers come after."""
    found = suggest(rotated)
    assert found["facilitator"] == ["Cy", "Ben", "Ana", "Dee", "Eve"]
    assert found["notetaker"] == ["Ana", "Dee", "Eve", "Cy", "Ben"]
    assert found["timekeeper"][-1] == "Cy"
    assert found["vibeswatcher"] == ["Ana", "Ben", "Cy", "Dee", "Eve"]


def test_opted_out_people_are_left_out_of_that_role_only(rotated: Group) -> None:
    """An opt-out removes the person from that role's list and from no other."""
    rotated.set_opt_out("Cy", "facilitator", True)
    found = suggest(rotated)
    assert "Cy" not in found["facilitator"]
    assert "Cy" in found["notetaker"]


def test_a_newcomer_is_not_asked_first_to_facilitate(rotated: Group) -> None:
    """With Cy opted out, Dee and Eve never facilitated but came once: Ben is asked first."""
    rotated.set_opt_out("Cy", "facilitator", True)
    assert suggest(rotated)["facilitator"] == ["Ben", "Ana", "Dee", "Eve"]
    # ...while a newcomer can be asked first to take notes.
    assert suggest(rotated)["notetaker"][0] == "Ana"


def test_fewer_times_breaks_a_tie_of_recency_then_the_name() -> None:
    """Two notetakers of the same meeting: the one who took notes fewer times comes first."""
    meetings = [
        MeetingRecord("1", started_at="2026-03-01T19:00", attendance=("Ana", "Ben"),
                      roles={"notetaker": "Ana"}),
        MeetingRecord("2", started_at="2026-03-08T19:00", attendance=("Ana", "Ben"),
                      roles={"notetaker": ["Ana", "Ben"]}),
    ]
    assert fairshare.suggest_roles(meetings, [])["notetaker"] == ["Ben", "Ana"]
    meetings[0] = attrs.evolve(meetings[0], roles={})
    assert fairshare.suggest_roles(meetings, [])["notetaker"] == ["Ana", "Ben"]


def test_meetings_newest_first_are_read_in_order() -> None:
    """Rows in any order are put oldest first by start time."""
    rows = [MeetingRecord("2", started_at="2026-03-08T19:00", roles={"facilitator": "Ben"},
                          attendance=("Ana", "Ben")),
            MeetingRecord("1", started_at="2026-03-01T19:00", roles={"facilitator": "Ana"},
                          attendance=("Ana", "Ben"))]
    assert fairshare.suggest_roles(rows, [])["facilitator"] == ["Ana", "Ben"]


def test_three_in_a_row_gets_a_gentle_warning(group: Group) -> None:
    """Ana facilitated the last three meetings: the warning says so, in a sentence."""
    for _ in range(3):
        meeting(group, ["Ana", "Ben"], {"facilitator": "Ana"})
    rows = {r["name"]: r for r in fairshare.workload(group.meetings(), group.open_actions(),
                                                      group.roster())}
    assert rows["Ana"]["warning"] == "Ana has facilitated three meetings in a row; ask someone else."
    assert rows["Ana"]["roles_recent"] == {"facilitator": 3}
    assert rows["Ben"]["warning"] is None


def test_a_different_role_each_time_also_counts_as_in_a_row(group: Group) -> None:
    """A role in each of the last three meetings, not the same one, still warns."""
    meeting(group, FOUR, {"facilitator": "Ana"})
    meeting(group, FOUR, {"notetaker": "Ana"})
    meeting(group, FOUR, {"timekeeper": "Ana"})
    ana = fairshare.workload(group.meetings(), group.open_actions(), group.roster())[0]
    assert ana["warning"] == (
        "Ana has held a role in each of the last three meetings; ask someone else.")


def test_two_in_a_row_after_a_break_is_fine(group: Group) -> None:
    """A role in two of the last three meetings gives no warning."""
    meeting(group, FOUR, {"facilitator": "Ana"})
    meeting(group, FOUR, {"facilitator": "Ben"})
    meeting(group, FOUR, {"facilitator": "Ana"})
    meeting(group, FOUR, {"facilitator": "Ana"})
    rows = fairshare.workload(group.meetings(), group.open_actions(), group.roster())
    assert [r["warning"] for r in rows] == [None] * 4


def actions(owner: str, count: int) -> tuple[tuple[str, str], ...]:
    return tuple((f"Task {i}", owner) for i in range(count))


def warnings(group: Group) -> dict[str, str | None]:
    rows = fairshare.workload(group.meetings(), group.open_actions(), group.roster())
    return {r["name"]: r["warning"] for r in rows}


def test_three_items_over_twice_the_mean_warns(group: Group) -> None:
    """Ana holds 3 of 3 open items among four people (mean 0.75): she carries too much."""
    meeting(group, FOUR, {}, actions("Ana", 3))
    assert warnings(group)["Ana"] == (
        "Ana carries 3 open action items, more than twice the usual; "
        "ask someone else for the next one.")
    assert fairshare.workload(group.meetings(), group.open_actions(),
                              group.roster())[0]["open_actions"] == 3


def test_two_items_are_never_too_many(group: Group) -> None:
    """Two items warn nobody, even when no one else holds any."""
    meeting(group, FOUR, {}, actions("Ana", 2))
    assert warnings(group)["Ana"] is None


def test_exactly_twice_the_mean_is_not_more(group: Group) -> None:
    """Ana 3, Ben 3, Cy and Dee none: the mean is 1.5 and 3 is not more than twice it."""
    meeting(group, FOUR, {}, actions("Ana", 3) + actions("Ben", 3))
    assert warnings(group) == dict.fromkeys(FOUR)


def test_the_mean_counts_only_people_of_the_last_four_meetings(group: Group) -> None:
    """Six came once long ago; over Ana and Ben (mean 2) Ana's 3 are not too many."""
    meeting(group, ["Ana", "Ben", "Cy", "Dee", "Eve", "Fay"], {})
    for _ in range(3):
        meeting(group, ["Ana", "Ben"], {})
    meeting(group, ["Ana", "Ben"], {}, actions("Ana", 3) + actions("Ben", 1))
    assert warnings(group)["Ana"] is None
    # With the six among the recent ones, the mean is 0.67 and Ana is warned.
    everyone = fairshare.workload(group.meetings()[-2:], group.open_actions(), group.roster())
    assert everyone[0]["warning"] is not None


def test_overloaded_warns_when_an_action_is_given(group: Group) -> None:
    """`overloaded` is the sentence to show as an action goes to Ana, None for Ben."""
    meeting(group, FOUR, {}, actions("Ana", 3))
    meetings, open_ = group.meetings(), group.open_actions()
    assert fairshare.overloaded("Ana", meetings, open_) == (
        "Ana already carries 3 open action items, more than twice the usual; "
        "could someone else take this one?")
    assert fairshare.overloaded("Ben", meetings, open_) is None


def test_workload_rows_have_the_documented_shape(rotated: Group) -> None:
    """Every person, by name, with open_actions, roles_recent, meetings and warning."""
    rows = fairshare.workload(rotated.meetings(), rotated.open_actions(), rotated.roster())
    assert [r["name"] for r in rows] == ["Ana", "Ben", "Cy", "Dee", "Eve"]
    assert rows[0] == {"name": "Ana", "open_actions": 0, "roles_recent": {"facilitator": 2},
                       "meetings": 3, "warning": None}


def test_airtime_shares_count_silent_people_and_the_last_n_meetings(group: Group) -> None:
    """Shares over the last N meetings, silent people at 0, evenness from fairness."""
    meeting(group, FOUR, {}, talk={"Ana": 10})
    meeting(group, FOUR, {}, talk={"Ben": 3, "Cy": 1})
    found = fairshare.airtime_shares(group.meetings(), 1)
    assert found["meetings"] == 1
    assert found["shares"] == {"Ana": 0.0, "Ben": 0.75, "Cy": 0.25, "Dee": 0.0}
    assert found["evenness"] == evenness([0, 180, 60, 0])
    both = fairshare.airtime_shares(group.meetings(), 4)
    assert both["meetings"] == 2
    assert both["seconds"] == {"Ana": 600.0, "Ben": 180.0, "Cy": 60.0, "Dee": 0.0}
    assert "Gini" in both["measure"]


def test_airtime_of_no_meetings_is_empty() -> None:
    """No meetings, no shares and no evenness."""
    found = fairshare.airtime_shares([], 4)
    assert (found["meetings"], found["shares"], found["evenness"]) == (0, {}, None)


def test_floor_flag_names_those_past_twice_an_even_share() -> None:
    """Four people: an even share is a quarter, so a flag from more than a half."""
    assert fairshare.floor_flag({"Ana": 0.7, "Ben": 0.1, "Cy": 0.1, "Dee": 0.1}) == ["Ana"]
    assert fairshare.floor_flag({"Ana": 0.5, "Ben": 0.5, "Cy": 0, "Dee": 0}) == []
    assert fairshare.floor_flag({"Ana": 420, "Ben": 60, "Cy": 60, "Dee": 60}) == ["Ana"]
    assert fairshare.floor_flag({"Ana": 1.0}) == []
    assert fairshare.floor_flag({}) == []


def test_a_moratorium_is_set_shown_and_lifted(group: Group) -> None:
    """The reason is kept in memory until lifted; lifting keeps the record."""
    assert fairshare.current_moratorium(group) is None
    fairshare.set_moratorium(group, "  We are  stretched thin ")
    assert fairshare.current_moratorium(Group(group.path)) == "We are stretched thin"
    with pytest.raises(StoreError, match="already in place"):
        fairshare.set_moratorium(group, "Again")
    lifted = fairshare.lift_moratorium(group, "The fair is over")
    assert lifted.lifted_because == "The fair is over"
    assert fairshare.current_moratorium(group) is None
    with pytest.raises(StoreError, match="no moratorium to lift"):
        fairshare.lift_moratorium(group, "Twice")
    with pytest.raises(StoreError, match="Say why"):
        fairshare.set_moratorium(group, "  ")
