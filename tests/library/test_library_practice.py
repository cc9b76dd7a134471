"""The built-in processes, faithful to their sources (issue 11)."""

from __future__ import annotations

import datetime as dt

from facilitator.engine.placeholders import fill
from facilitator.protocols.loader import build_library
from facilitator.store.group import Group

LIBRARY, _ = build_library([])


def _to_the_block(d) -> None:  # type: ignore[no-untyped-def]
    d.do('propose "Close the garden on Sundays"', "start", "advance", "advance", "advance")
    d.do("stance Ana agree", "stance Ben agree", 'stance Cy block "I like Sundays there"')
    d.do("advance", "invite Cy", "advance")


def test_formal_consensus_shows_the_groups_principles_at_the_block(driver, tmp_path):
    group = Group(tmp_path / "coop")
    group.add_principle("Everyone can afford to take part")
    group.add_principle("The garden is for the whole street")
    d = driver(LIBRARY, "formal-consensus", roles={"presenter": "Ana"}, group=group)
    _to_the_block(d)
    assert d.step == "principled"
    assert "Our principles: Everyone can afford to take part; The garden is for the whole " \
           "street." in fill(d.m, d.m.step.prompt)


def test_a_block_judged_not_principled_is_set_aside_and_the_proposal_passes(driver):
    """The concern is recorded; the decision is `passed`, not `blocked`."""
    d = driver(LIBRARY, "formal-consensus", roles={"presenter": "Ana"})
    _to_the_block(d)
    assert "(the group has recorded none" in fill(d.m, d.m.step.prompt)
    d.do("choose not-principled")
    assert d.step == "set-aside"
    d.do('record note "Cy: Sundays are the only day some neighbours can come"', "advance")
    assert d.m.outcome == "done" and d.m.run is None  # the protocol ran to its end
    minutes = d.minutes()
    assert [(x["outcome"], x["recorded"]) for x in minutes["decisions"]] == [
        ("blocked", False), ("passed", True)]
    assert minutes["notes"][-1]["text"].startswith("Cy: Sundays")


def test_idm_adopts_the_proposal_when_every_objection_is_dropped(driver):
    d = driver(LIBRARY, "idm", roles={"proposer": "Ana"})
    d.do('propose "A shared tool shed"', "start", "advance", "advance", "advance", "advance")
    d.do('stance Ben objection "It should be bigger"', 'stance Cy objection "Paint it green"')
    d.do("stance Ana no_objection", "advance")
    d.do("choose not-valid", "advance", "choose another", "choose not-valid", "advance")
    d.do("choose adopt")
    assert d.step == "adopted"
    d.do("advance")
    assert d.minutes()["decisions"][-1]["outcome"] == "passed"


def test_a_consent_decision_comes_back_for_review(driver, tmp_path):
    """`review_after` on a decision record: the group's review steps show it when due."""
    group = Group(tmp_path / "coop")
    d = driver(LIBRARY, "consent", roles={"presenter": "Ana"}, group=group)
    d.do('propose "Try a rota for the shop"', "start", "advance", "advance", "advance",
         "advance")
    d.do("stance Ana consent", "stance Ben consent", "stance Cy consent", "advance", "advance")
    [decision] = [x for x in d.minutes()["decisions"] if x["recorded"]]
    day = dt.datetime.fromtimestamp(d.clock.now(), dt.UTC).date()
    assert decision["review_on"] == (day + dt.timedelta(weeks=26)).isoformat()
    d.do("end")
    d.live.finish()
    due = group.agreements_due(day + dt.timedelta(weeks=26))
    assert [a.text for a in due] == ["Review the decision: Try a rota for the shop"]


def test_the_process_review_takes_fifteen_minutes_every_fourth_weekly_meeting():
    review = LIBRARY.protocol("process-review")
    assert sum(s.time or 0 for s in review.steps) == 15 * 60
    weekly = LIBRARY.protocol("weekly-meeting")
    assert weekly.step("process-review").every == 4


def test_the_weekly_meeting_includes_a_capacity_check():
    weekly = LIBRARY.protocol("weekly-meeting")
    assert weekly.step("capacity").protocol == "capacity-check"
    assert [s.id for s in weekly.steps].index("capacity") == 1


def _assembly(members: int, present: int):  # type: ignore[no-untyped-def]
    from facilitator.engine.core import handle
    from facilitator.engine.state import Meeting, Setup

    m = Meeting.open(Setup("m", "Assembly", "general-assembly", 0.0, members=members), LIBRARY)
    for name in ["Ana", "Ben", "Cy", "Dee", "Eli", "Fay"][:present]:
        m = handle(m, f"join {name}", 0.0)[0]
    m = handle(m, "role facilitator Ana", 0.0)[0]
    m = handle(m, "start", 0.0)[0]
    return handle(m, "advance", 60.0)  # the welcome ends: quorum


def test_general_assembly_works_out_quorum_from_the_rosters_membership():
    """With a roster, quorum is counted from its membership, not chosen by hand."""
    m, said = _assembly(members=10, present=5)
    assert m.step.id == "agenda"
    assert [e.option for e in said if type(e).__name__ == "Chosen"] == ["met"]
    m, said = _assembly(members=10, present=4)
    assert m.step.id == "informal"
    reminder = next(e.text for e in said if type(e).__name__ == "Reminder")
    assert reminder == ("Quorum: 4 of the 10 people on the roster are here (1/2 of them "
                        "needed): not met.")


def test_without_a_roster_the_facilitator_counts_quorum():
    m, _ = _assembly(members=0, present=4)
    assert m.step.id == "quorum"


def test_feedback_guests_are_not_members(driver, tmp_path):
    """No guest names or airtime in the minutes, no note times, not on the roster."""
    from facilitator.minutes import render

    group = Group(tmp_path / "coop")
    d = driver(LIBRARY, "feedback", people=("Ana", "Gwen", "Hal"), roles={"host": "Ana"},
               group=group)
    d.do("start")
    d.wait(60)
    d.do("advance", "next")
    d.wait(30)
    d.do('note "The opening hours clash with school pick-up"', "end")
    minutes = d.live.finish()
    assert [p["name"] for p in minutes["attendance"]] == ["Ana"]
    assert [a["name"] for a in minutes["airtime"]] == ["Ana"]
    assert minutes["notes"] == [{"text": "The opening hours clash with school pick-up",
                                 "at_s": None}]
    for fmt in ("json", "md", "html", "txt"):
        text = render(minutes, fmt)
        assert "Gwen" not in text and "Hal" not in text, fmt
    assert "pick-up (" not in render(minutes, "md")
    assert [r.name for r in group.roster()] == ["Ana"]
