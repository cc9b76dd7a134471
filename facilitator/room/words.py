"""The phone page's own words, in the phone's language (`GET /api/words?lang=es`).

The page (`page.html`) is written in English; each text it shows that is not the meeting's
is named by a key (`data-w="join"` on an element, `W.join` in its script) and comes from
here, translated for the language the phone asked for. Placeholders (`{name}`) are filled
on the page with what the meeting says (names as typed).

A phone's language: the page's choice (`?lang=`, remembered in the browser), else the
browser's `Accept-Language`, else English; whatever the facilitator's screen speaks.
"""

from __future__ import annotations

from facilitator.i18n import N_, SOURCE, available, supported, translator

WORDS: dict[str, str] = {
    "title": N_("The meeting room"),
    "intro": N_("Take part from your phone: raise your hand, give your stance, answer a "
                "round."),
    "name": N_("Your name, as the meeting knows it"),
    "code": N_("Room code (on the facilitator's screen)"),
    "join": N_("Join the meeting"),
    "language": N_("Language"),
    "now": N_("Now"),
    "your_stance": N_("Your stance"),
    "your_secret_stance": N_("Your stance (secret ballot)"),
    "choose_one": N_("Choose one"),
    "choose_secret": N_("Choose one: nobody learns what you chose"),
    "reason": N_("Reason (when your choice asks for one)"),
    "give_stance": N_("Give my stance"),
    "your_answer": N_("Your answer"),
    "send_answer": N_("Send my answer"),
    "speak": N_("Speak"),
    "raise": N_("Raise my hand"),
    "point": N_("Point of process"),
    "clarify": N_("Clarifying question"),
    "direct": N_("Direct response"),
    "lower": N_("Lower my hand"),
    "pass": N_("Pass my turn"),
    "next_to_speak": N_("Next to speak"),
    "nobody_waiting": N_("Nobody is waiting."),
    "you": N_("You"),
    "box": N_("Suggestion box"),
    "your_suggestion": N_("Your suggestion"),
    "box_hint": N_("Anonymous: your name is not kept. The process review reads these."),
    "put_in_box": N_("Put it in the box"),
    "unclear": N_("The laptop did not answer clearly; try again."),
    "done": N_("Done."),
    "again": N_("That did not work; try again."),
    "waiting_admit": N_("Waiting to be admitted"),
    "in_round": N_("{name} (next in the round)"),
    "me": N_("{name}: you have spoken {time} in {turns} ({share}% of the talking)."),
    "place": N_("You are number {n} on the stack."),
    "hand_down": N_("Your hand is down."),
    "your_field": N_("Your {field}"),
    "you_answered": N_("You answered: {value}."),
    "private": N_("Private: only the facilitator sees it; it stays out of the minutes."),
    "field_in": N_("Your {field} is in: {value}."),
    "proposal": N_("Proposal: {text}"),
    "give_reason": N_("{label} (give a reason)"),
    "input_off": N_("The facilitator has switched phones' input off for now."),
    "stances_off": N_("Stances from phones are off for now."),
    "ended": N_("The meeting has ended. Thank you."),
    "paused": N_("Paused."),
    "nobody_floor": N_("Nobody holds the floor."),
    "floor": N_("{name} has the floor: {time}."),
    "floor_limit": N_("{name} has the floor: {time} of {limit}."),
    "join_again": N_("Join again."),
    "lost": N_("Lost the laptop; trying again…"),
    "you_are_in": N_("You are in, {name}."),
    "choose_first": N_("Choose an option first."),
    "stance_in": N_("Your stance is in."),
    "answer_in": N_("Your answer is in."),
    "write_first": N_("Write something first."),
    "in_box": N_("It is in the box, without your name."),
    "hand_up": N_("Your hand is up."),
    "passed": N_("You passed."),
}
# Each language by its own name, for the page's language menu.
NAMES = {"en": "English", "es": "Español"}


def phone_language(asked: str | None, accept: str | None) -> str:
    """The language to answer a phone in: the one it asked for (`?lang=`), else the
    first of its browser's `Accept-Language` we speak, else English."""
    if asked:
        found = supported(asked)
        if found:
            return found
    ranked = []
    for place, part in enumerate((accept or "").split(",")):
        code, _sep, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        if code and code != "*" and weight > 0:
            ranked.append((-weight, place, code))
    for _weight, _place, code in sorted(ranked):
        found = supported(code)
        if found:
            return found
    return SOURCE


def words(lang: str) -> dict[str, object]:
    """The page's words in `lang`, and the languages a phone may choose."""
    said = translator(lang)
    return {"lang": lang,
            "languages": [{"code": code, "name": NAMES.get(code, code)}
                          for code in available() if code in NAMES or code == lang],
            "words": {**{key: said.gettext(text) for key, text in WORDS.items()},
                      # the page says `turn` of one and `turns` of more (English, Spanish)
                      "turn": said.ngettext("{n} turn", "{n} turns", 1),
                      "turns": said.ngettext("{n} turn", "{n} turns", 2)}}
