"""Text that is safe to put in front of a person: no control characters of its own.

Names, titles and reasons are typed by people, and a journal or a minutes file may be
written by anyone who can reach the group's folder. An ESC or OSC sequence in them would
drive the reader's terminal (move the cursor, retitle the window, hide lines, plant a
link), and a carriage return would overwrite what came before it. So every text the
minutes and the group's commands print shows each control character as a visible symbol
(ESC as `␛`, a carriage return as `␍`); only newline and tab stay what they are.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, and the C1 controls (U+0085, CSI U+009B, OSC U+009D...).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _symbol(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "symbol for" each C0 control
    return "\u2421" if code == 0x7F else "\ufffd"


def printable(text: str) -> str:
    """`text` with every control character but newline and tab shown as a symbol."""
    return _CONTROL.sub(_symbol, text)


_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029]")


def json_printable(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`, which escapes only the C0
    controls) with DEL, the C1 controls and the line separators escaped too (`\\u009b`):
    the same data, and nothing for a terminal to act on. They occur only inside strings."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
