"""Limits on what a minutes template may cost: output size, time and memory.

A template is the group's own code, run in Jinja's sandbox; the sandbox keeps it from
Python's internals but not from asking for a billion characters (`'x' * 10**9`,
`|center(10**9)`, `'{:>999999999}'.format(...)`) or looping for hours (nested
`range(100000)`). Each limit refuses the template with a sentence (TemplateLimit):

- Operators and filters that multiply text are checked before they run: a repeat, a
  padding width, a join or a replacement that would pass MAX_OUTPUT characters, a
  width above MAX_WIDTH, a whole number above MAX_INT_BITS bits.
- The output is counted as it is made: more than MAX_OUTPUT characters is refused.
- Time: MAX_SECONDS of rendering (an interval timer, so only in the main thread; the
  command line renders there).
- Memory: MAX_MEMORY bytes more address space than before rendering (RLIMIT_AS, where
  the platform has it), for whatever the checks above do not foresee.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import string
import threading
from collections.abc import Callable, Iterator
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from facilitator.i18n import N_, _, current

MAX_OUTPUT = 5_000_000  # characters: a year of weekly minutes is far less
MAX_WIDTH = 1_000  # a padding or a field width, in characters
MAX_INT_BITS = 4_096  # a whole number a template computes (about 1,200 digits)
MAX_SECONDS = 10.0
MAX_MEMORY = 512 * 2**20  # bytes

_PERCENT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


class TemplateLimit(Exception):  # noqa: N818 -- a refusal a person reads, like Refused
    """The template asked for more than minutes may cost; the message says what."""


class TemplateTimeout(BaseException):
    """Raised by the timer inside the template's code; a BaseException so that no
    `except Exception` on the way swallows it."""


def too_long(what: str) -> TemplateLimit:
    """`what` (marked with N_, "This `join`") would make too long a text."""
    return TemplateLimit(_("{what} would make more than {n} characters, more than minutes may "
                           "hold; make the template produce less.").format(
        what=_(what), n=current().integer(MAX_OUTPUT)))


def _check_width(number: str | None, what: str) -> None:
    """`what`: a filter's name in backquotes, or a phrase marked with N_ ("A format")."""
    what = what if what.startswith("`") else _(what)
    if number == "*":
        raise TemplateLimit(_("{what} takes its width from an argument (`*`), which minutes "
                              "templates may not do; write the width as a number.").format(
            what=what))
    if number is not None and int(number) > MAX_WIDTH:
        raise TemplateLimit(_("{what} asks for a width of {number}; give at most {most}.")
                            .format(what=what, number=number, most=MAX_WIDTH))


def check_percent(text: str) -> None:
    """`'%999999999s' % x`: widths and precisions in a %-format, checked before it runs."""
    for match in _PERCENT.finditer(text[:MAX_OUTPUT]):
        _check_width(match.group(1), N_("A %-format"))
        _check_width(match.group(2), N_("A %-format"))


def check_format(text: str) -> None:
    """`'{:>999999999}'.format(x)`: widths in a str.format, checked before it runs."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # str.format itself says what is wrong
    for _literal, _field, spec, _conversion in fields:
        if spec and "{" in spec:
            raise TemplateLimit(_("A format takes its width from another field ({example}), "
                                  "which minutes templates may not do; write the width as a "
                                  "number.").format(example="`{:{w}}`"))
        for number in re.findall(r"\d+", spec or ""):
            _check_width(number, N_("A format"))


def _int_bits(value: object) -> int:
    return value.bit_length() if isinstance(value, int) and not isinstance(value, bool) else 0


def _size(value: object) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            size = _size(seq)
            if size is not None and isinstance(times, int) and size * times > MAX_OUTPUT:
                raise too_long(N_("This repetition (`*`)"))
        if _int_bits(left) + _int_bits(right) > MAX_INT_BITS:
            raise TemplateLimit(_("This product is a number of more than {n} bits; minutes "
                                  "need no such numbers.").format(
                                      n=current().integer(MAX_INT_BITS)))
    elif operator == "**":
        if (isinstance(left, int) and isinstance(right, int) and right > 0
                and abs(left) > 1 and right * _int_bits(left) > MAX_INT_BITS):
            raise TemplateLimit(_("This power is a number of more than {n} bits; minutes "
                                  "need no such numbers.").format(
                                      n=current().integer(MAX_INT_BITS)))
    elif operator == "%" and isinstance(left, str):
        check_percent(left)


def _bounded_filters(env: SandboxedEnvironment) -> None:
    """The built-in filters that can make a large text from a short one, checked first."""
    filters = env.filters
    center, indent, join = filters["center"], filters["indent"], filters["join"]
    replace, format_ = filters["replace"], filters["format"]

    def do_center(value: Any, width: Any = 80) -> Any:
        _check_width(str(int(width)) if isinstance(width, int) else None, "`center`")
        return center(value, width)

    def do_indent(value: Any, width: Any = 4, *args: Any, **kwargs: Any) -> Any:
        if isinstance(width, int):
            _check_width(str(width), "`indent`")
        elif len(str(width)) > MAX_WIDTH:
            raise TemplateLimit(_("`indent` asks for an indentation of {n} characters; give "
                                  "at most {most}.").format(n=current().integer(len(str(width))),
                                                            most=MAX_WIDTH))
        return indent(value, width, *args, **kwargs)

    def do_join(eval_ctx: Any, value: Any, d: Any = "", attribute: Any = None) -> Any:
        items = list(value)
        if len(str(d)) * len(items) > MAX_OUTPUT:
            raise too_long(N_("This `join`"))
        return join(eval_ctx, items, d, attribute)

    def do_replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: Any = None) -> Any:
        text, old_text = str(s), str(old)
        times = text.count(old_text) if old_text else len(text) + 1
        if len(text) + times * len(str(new)) > MAX_OUTPUT:
            raise too_long(N_("This `replace`"))
        return replace(eval_ctx, s, old, new, count)

    def do_format(value: Any, *args: Any, **kwargs: Any) -> Any:
        check_percent(str(value))
        return format_(value, *args, **kwargs)

    for name, new, like in (("center", do_center, center), ("indent", do_indent, indent),
                            ("join", do_join, join), ("replace", do_replace, replace),
                            ("format", do_format, format_)):
        # Keep Jinja's pass_eval_context mark, so it calls them as it called the originals.
        if hasattr(like, "jinja_pass_arg"):
            setattr(new, "jinja_pass_arg", like.jinja_pass_arg)  # noqa: B010 -- a function attribute
        filters[name] = new


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox with the checks above on operators, str.format and filters."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        _bounded_filters(self)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = str(value.__self__)

        def checked(*args: Any, **kwargs: Any) -> str:
            check_format(text)
            return wrapped(*args, **kwargs)

        return checked


def collect(chunks: Iterator[str]) -> str:
    """The template's output, refused once it passes MAX_OUTPUT characters."""
    out: list[str] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT:
            raise too_long(N_("This template"))
        out.append(chunk)
    return "".join(out)


@contextlib.contextmanager
def time_limit() -> Iterator[None]:
    """TemplateTimeout after MAX_SECONDS, where a timer can interrupt (the main thread)."""
    if threading.current_thread() is not threading.main_thread() or \
            not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        # Should the exception land where it is swallowed (a garbage collector's callback),
        # the timer fires again a moment later, until one ends the rendering.
        signal.setitimer(signal.ITIMER_REAL, 0.1)
        raise TemplateTimeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _address_space() -> int | None:
    """Bytes of address space this process uses now (Linux), or None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


@contextlib.contextmanager
def memory_limit() -> Iterator[None]:
    """MemoryError beyond MAX_MEMORY more bytes of address space, where the platform
    can say so (RLIMIT_AS); the limit is put back afterwards."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on every platform
        yield
        return
    used = _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if used is None:
        yield
        return
    wanted = used + MAX_MEMORY
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        yield  # already as tight
        return
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
