"""Minutes as a ready-to-send email: a plain-text part and an HTML part.

The message has a Subject (title and date) and no recipients: a mail program opens it as
a draft (`X-Unsent: 1`) for the group to address. The MIME boundary comes from the
meeting id, so the same minutes give the same bytes.
"""

from __future__ import annotations

import hashlib
from email.message import EmailMessage
from email.policy import SMTP
from typing import Any

from facilitator.minutes.html import html_of
from facilitator.minutes.text import text_of
from facilitator.minutes.view import view


def build_email(m: dict[str, Any], airtime: bool = True) -> EmailMessage:
    v = view(m, airtime)
    message = EmailMessage()
    message["Subject"] = f"Minutes: {v['title']}" + (f" ({v['short_date']})"
                                                     if v["short_date"] else "")
    message["X-Unsent"] = "1"
    message.set_content(text_of(v), cte="quoted-printable")
    message.add_alternative(html_of(v), subtype="html", cte="quoted-printable")
    seed = str((m.get("meeting") or {}).get("id") or v["title"]).encode()
    message.set_boundary("==minutes-" + hashlib.sha256(seed).hexdigest()[:24])
    return message


def render_email(m: dict[str, Any], airtime: bool = True) -> str:
    return build_email(m, airtime).as_string(policy=SMTP.clone(linesep="\n"))
