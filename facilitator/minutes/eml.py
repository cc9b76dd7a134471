"""Minutes as a ready-to-send email: a plain-text part and an HTML part.

The message has a Subject (title and date) and no recipients: a mail program opens it as
a draft (`X-Unsent: 1`) for the group to address. The MIME boundary comes from the
meeting id, so the same minutes give the same bytes.

Rules:
- The Subject is written here, not by the email package: what people typed is made one
  line (every line break and control character becomes a space) and, unless it is plain
  ASCII with no `=?`, sent as base64 encoded words. So a title can never add a header,
  whatever the Python patch level (CVE-2024-6923: an encoded word holding a line break
  became a real `Bcc:`), and a mail program shows the title exactly as typed.
"""

from __future__ import annotations

import base64
import hashlib
import unicodedata
from email.message import EmailMessage
from email.policy import SMTP
from typing import Any

from facilitator.i18n import Translator, current
from facilitator.minutes.html import html_of
from facilitator.minutes.text import text_of
from facilitator.minutes.view import view

WORD_BYTES = 42  # base64 of 42 bytes is 56 characters: a Subject line within 78


def one_line(text: str) -> str:
    """`text` with every line break and control character (also U+2028, U+0085, \\v, \\f)
    made a space, and runs of spaces made one."""
    kept = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") else ch
                   for ch in text)
    return " ".join(kept.split())


def subject_line(text: str) -> str:
    """`Subject: ...` for `text`, folded, safe whatever `text` holds."""
    text = one_line(text)
    plain = f"Subject: {text}"
    if text.isascii() and "=?" not in text and len(plain) <= 78:
        return plain
    words, chunk = [], ""
    for ch in text:
        if len((chunk + ch).encode()) > WORD_BYTES:
            words.append(chunk)
            chunk = ""
        chunk += ch
    words.append(chunk)
    encoded = [f"=?utf-8?b?{base64.b64encode(w.encode()).decode('ascii')}?=" for w in words]
    return "Subject: " + "\n ".join(encoded)


def subject(m: dict[str, Any], airtime: bool = True, t: Translator | None = None) -> str:
    t = t or current()
    v = view(m, airtime, t)
    return t.gettext("Minutes: {title}").format(title=v["title"]) + (
        f" ({v['short_date']})" if v["short_date"] else "")


def build_email(m: dict[str, Any], airtime: bool = True,
                t: Translator | None = None) -> EmailMessage:
    """The message without its Subject (see `render_email`, which writes it)."""
    t = t or current()
    v = view(m, airtime, t)
    message = EmailMessage()
    message["X-Unsent"] = "1"
    message.set_content(text_of(v, t), cte="quoted-printable")
    message.add_alternative(html_of(v, t), subtype="html", cte="quoted-printable")
    seed = str((m.get("meeting") or {}).get("id") or v["title"]).encode()
    message.set_boundary("==minutes-" + hashlib.sha256(seed).hexdigest()[:24])
    return message


def render_email(m: dict[str, Any], airtime: bool = True, t: Translator | None = None) -> str:
    t = t or current()
    body = build_email(m, airtime, t).as_string(policy=SMTP.clone(linesep="\n"))
    return subject_line(subject(m, airtime, t)) + "\n" + body
