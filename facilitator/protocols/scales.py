"""The built-in stance scales. A protocol file's `scales:` may add more or override these.

Their labels and meanings are written in English and Spanish, as a protocol file's
language maps are (`protocols.texts`): `es(english, spanish)`.
"""

from __future__ import annotations

from facilitator.protocols.model import Scale, ScaleOption
from facilitator.protocols.texts import Text
from facilitator.protocols.texts import es as _es


def _opt(key: str, label: Text, support: bool | None, meaning: Text, *, veto: bool = False,
         reason: str = "optional") -> ScaleOption:
    return ScaleOption(key=key, label=label, support=support, veto=veto, reason=reason,
                       meaning=meaning)


CONSENSUS = Scale("consensus", (
    _opt("agree", _es("Agree", "De acuerdo"), True,
         _es("I support this proposal.", "Apoyo esta propuesta."), reason="none"),
    _opt("reservations", _es("Agree with reservations", "De acuerdo con reservas"), True,
         _es("I support it, and I want my concerns heard and noted.",
             "La apoyo, y quiero que mis preocupaciones se escuchen y queden anotadas.")),
    _opt("stand_aside", _es("Stand aside", "Hacerse a un lado"), None,
         _es("I will not stop the group, but I will not take part in carrying it out.",
             "No voy a frenar al grupo, pero no voy a participar en llevarla a cabo."),
         reason="required"),
    _opt("block", _es("Block", "Bloqueo"), False,
         _es("This goes against the group's principles; I cannot let the group do it.",
             "Esto va contra los principios del grupo; no puedo dejar que el grupo lo haga."),
         veto=True, reason="required"),
))

CONSENT = Scale("consent", (
    _opt("consent", _es("Consent", "Consentimiento"), True,
         _es("Good enough for now, safe enough to try.",
             "Suficientemente buena por ahora, suficientemente segura para probarla.")),
    _opt("object", _es("Object", "Objeción"), False,
         _es("I see a reason this would harm the group's aims; let us integrate it.",
             "Veo una razón por la que esto dañaría los objetivos del grupo; integrémosla."),
         veto=True),
))

FIST_TO_FIVE = Scale("fist-to-five", (
    _opt("0", _es("Fist: block", "Puño: bloqueo"), False,
         _es("I will block this; we need to talk.", "Voy a bloquear esto; tenemos que hablar."),
         veto=True),
    _opt("1", _es("One: serious concerns", "Uno: preocupaciones serias"), False,
         _es("I have serious concerns that must be met.",
             "Tengo preocupaciones serias que hay que atender.")),
    _opt("2", _es("Two: concerns", "Dos: preocupaciones"), False,
         _es("I have concerns I would like to discuss.",
             "Tengo preocupaciones que quisiera conversar.")),
    _opt("3", _es("Three: go along", "Tres: la acompaño"), True,
         _es("I am not sure, but I will go along with it.", "Tengo dudas, pero la acompaño.")),
    _opt("4", _es("Four: good idea", "Cuatro: buena idea"), True,
         _es("I think it is a good idea and will work for it.",
             "Me parece una buena idea y voy a trabajar por ella.")),
    _opt("5", _es("Five: champion", "Cinco: la impulso"), True,
         _es("I think it is great and will lead it.", "Me parece excelente y la voy a impulsar.")),
))

GRADIENTS = Scale("gradients", (
    _opt("1", _es("Whole-hearted endorsement", "Apoyo total"), True,
         _es("I really like it.", "Me gusta mucho.")),
    _opt("2", _es("Agreement with a minor point of contention",
                  "Acuerdo, con un punto menor en discusión"), True,
         _es("Basically I like it.", "En lo básico, me gusta.")),
    _opt("3", _es("Support with reservations", "Apoyo con reservas"), True,
         _es("I can live with it.", "Puedo vivir con ella.")),
    _opt("4", _es("Abstain", "Abstención"), None, _es("I have no opinion.", "No tengo opinión.")),
    _opt("5", _es("More discussion needed", "Hace falta más debate"), False,
         _es("I do not understand the issue well enough yet.",
             "Todavía no entiendo el tema lo suficiente.")),
    _opt("6", _es("Don't like but will support", "No me gusta, pero la apoyo"), True,
         _es("I do not like it, but I will not hold it up.",
             "No me gusta, pero no la voy a frenar.")),
    _opt("7", _es("Serious disagreement", "Desacuerdo serio"), False,
         _es("I am not on board; do not count on me.", "No estoy de acuerdo; no cuenten conmigo.")),
    _opt("8", _es("Veto", "Veto"), False, _es("I block this proposal.", "Bloqueo esta propuesta."),
         veto=True),
))

VOTE = Scale("vote", (
    _opt("yes", _es("Yes", "Sí"), True, _es("For.", "A favor.")),
    _opt("no", _es("No", "No"), False, _es("Against.", "En contra.")),
    _opt("abstain", _es("Abstain", "Abstención"), None,
         _es("Not counted either way.", "No cuenta ni a favor ni en contra.")),
))

BUILTIN_SCALES: dict[str, Scale] = {
    s.id: s for s in (CONSENSUS, CONSENT, FIST_TO_FIVE, GRADIENTS, VOTE)
}
