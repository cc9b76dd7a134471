"""The built-in stance scales. A protocol file's `scales:` may add more or override these."""

from __future__ import annotations

from facilitator.protocols.model import Scale, ScaleOption


def _opt(key: str, label: str, support: bool | None, meaning: str, *, veto: bool = False,
         reason: str = "optional") -> ScaleOption:
    return ScaleOption(key=key, label=label, support=support, veto=veto, reason=reason,
                       meaning=meaning)


CONSENSUS = Scale("consensus", (
    _opt("agree", "Agree", True, "I support this proposal.", reason="none"),
    _opt("reservations", "Agree with reservations", True,
         "I support it, and I want my concerns heard and noted."),
    _opt("stand_aside", "Stand aside", None,
         "I will not stop the group, but I will not take part in carrying it out.",
         reason="required"),
    _opt("block", "Block", False,
         "This goes against the group's principles; I cannot let the group do it.",
         veto=True, reason="required"),
))

CONSENT = Scale("consent", (
    _opt("consent", "Consent", True, "Good enough for now, safe enough to try."),
    _opt("object", "Object", False,
         "I see a reason this would harm the group's aims; let us integrate it.", veto=True),
))

FIST_TO_FIVE = Scale("fist-to-five", (
    _opt("0", "Fist: block", False, "I will block this; we need to talk.", veto=True),
    _opt("1", "One: serious concerns", False, "I have serious concerns that must be met."),
    _opt("2", "Two: concerns", False, "I have concerns I would like to discuss."),
    _opt("3", "Three: go along", True, "I am not sure, but I will go along with it."),
    _opt("4", "Four: good idea", True, "I think it is a good idea and will work for it."),
    _opt("5", "Five: champion", True, "I think it is great and will lead it."),
))

GRADIENTS = Scale("gradients", (
    _opt("1", "Whole-hearted endorsement", True, "I really like it."),
    _opt("2", "Agreement with a minor point of contention", True, "Basically I like it."),
    _opt("3", "Support with reservations", True, "I can live with it."),
    _opt("4", "Abstain", None, "I have no opinion."),
    _opt("5", "More discussion needed", False, "I do not understand the issue well enough yet."),
    _opt("6", "Don't like but will support", True, "I do not like it, but I will not hold it up."),
    _opt("7", "Serious disagreement", False, "I am not on board; do not count on me."),
    _opt("8", "Veto", False, "I block this proposal.", veto=True),
))

VOTE = Scale("vote", (
    _opt("yes", "Yes", True, "For."),
    _opt("no", "No", False, "Against."),
    _opt("abstain", "Abstain", None, "Not counted either way."),
))

BUILTIN_SCALES: dict[str, Scale] = {
    s.id: s for s in (CONSENSUS, CONSENT, FIST_TO_FIVE, GRADIENTS, VOTE)
}
