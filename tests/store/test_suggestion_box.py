"""The anonymous suggestion box: what people put in it reaches the group's next process
review (the `{suggestions}` in its prompt), with no name, and the review empties it."""

from __future__ import annotations

from pathlib import Path

from facilitator.clock import FAKE_EPOCH, FakeClock
from facilitator.protocols.loader import build_library
from facilitator.session import LiveMeeting
from facilitator.store.group import Group
from facilitator.ui import view

LIBRARY, _ = build_library([("box.yaml", """\
version: 1
protocols:
  talk:
    title: Talk
    steps:
      - {id: talk, kind: discussion}
  closed:
    title: Closed
    confidential: true
    steps:
      - {id: inside, kind: discussion}
""")])


def meeting(driver, group: Group, protocol: str, *commands: str, week: int = 0):
    d = driver(LIBRARY, protocol, group=group)
    if week:  # a later meeting: the group's history has one order by time
        d.live.close()
        d.clock = FakeClock(FAKE_EPOCH + week * 7 * 86400)
        d.live = LiveMeeting.open(LIBRARY, [], protocol, d.clock, group=group)
        d.do("join Ana", "join Ben", "join Cy")
    d.do(*commands)
    return d


def test_a_suggestion_reaches_the_next_process_review_without_a_name(driver,
                                                                       tmp_path: Path) -> None:
    group = Group(tmp_path / "g")
    first = meeting(driver, group, "talk", "start", 'suggest "Shorter check-ins"', "end")
    minutes = first.live.finish()
    assert minutes["suggestions"] == ["Shorter check-ins"]
    said = [e for e in first.live.entries if e["command"].startswith("suggest")]
    assert said and all("Ana" not in str(e) and "Ben" not in str(e) for e in said)

    group = Group(group.path)
    assert group.suggestions() == ["Shorter check-ins"]
    review = meeting(driver, group, "process-review", "start", "advance", week=1)
    assert review.m.step.id == "better"
    assert view.prompt(review.m).endswith(
        "In the suggestion box since the last review: Shorter check-ins")
    review.do('suggest "More breaks"')  # put in during the review: read there too
    assert view.prompt(review.m).endswith("Shorter check-ins; More breaks")
    review.do("end")
    review.live.finish()
    assert Group(group.path).suggestions() == []  # the review read the box


def test_an_empty_box_says_so(driver, tmp_path: Path) -> None:
    review = meeting(driver, Group(tmp_path / "g"), "process-review", "start", "advance")
    assert view.prompt(review.m).endswith("since the last review: (the suggestion box is empty)")


def test_the_box_is_closed_during_a_confidential_step(driver, tmp_path: Path) -> None:
    d = meeting(driver, Group(tmp_path / "g"), "closed", "start")
    assert d.refused('suggest "A secret wish"') == (
        "The suggestion box is closed while something is said in confidence; put it in "
        "once this step is over.")
