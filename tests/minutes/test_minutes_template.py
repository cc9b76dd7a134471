"""`--template FILE`: a group's own Jinja2 template, sandboxed and strict."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from facilitator.errors import FacilitatorError
from facilitator.minutes import MinutesError, TemplateError, render


def _template(tmp_path: Path, text: str, name: str = "template.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_template_sees_the_json_keys_as_variables(everything: dict[str, Any],
                                                    tmp_path: Path) -> None:
    """`meeting`, `decisions`, `actions`... are names in the template; filters format them."""
    path = _template(tmp_path, "# {{ meeting.title }} ({{ meeting.duration_s | duration }})\n"
                               "{% for a in actions %}- {{ a.what }}: {{ a.owner }}\n{% endfor %}"
                               "{% for a in airtime %}{{ a.name }} {{ a.share | percent }}\n"
                               "{% endfor %}")
    text = render(everything, "md", template=path)
    assert text.startswith("# Tool library, January (24m)\n- Put up a sign")
    assert "Eli 28%" in text


def test_an_undefined_name_is_an_error_that_names_its_line(everything: dict[str, Any],
                                                           tmp_path: Path) -> None:
    """StrictUndefined: a name the minutes lack is refused as `FILE:LINE: ...`."""
    path = _template(tmp_path, "# {{ meeting.title }}\n\n{{ atendance }}\n")
    with pytest.raises(TemplateError) as caught:
        render(everything, "md", template=path)
    message = str(caught.value)
    assert message.startswith(f"{path}:3: 'atendance' is undefined; ")
    assert "attendance" in message and "\n" not in message


def test_a_missing_attribute_is_an_error_on_its_line(everything: dict[str, Any],
                                                     tmp_path: Path) -> None:
    """A key a record lacks is an error too, on the line that asked for it."""
    path = _template(tmp_path, "{% for d in decisions %}\n{{ d.verdict }}\n{% endfor %}\n")
    with pytest.raises(TemplateError, match=r"template\.md:2: .*verdict"):
        render(everything, "md", template=path)


def test_a_syntax_error_names_its_line(everything: dict[str, Any], tmp_path: Path) -> None:
    """A template that does not parse is refused with its line."""
    path = _template(tmp_path, "ok\n{% for x in actions %}\n{{ x.what }\n")
    with pytest.raises(TemplateError, match=r"template\.md:3: "):
        render(everything, "md", template=path)


@pytest.mark.parametrize("reach", [
    "{{ meeting.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__base__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ meeting.items.__self__.__class__ }}",
])
def test_reaching_for_python_internals_is_refused_with_a_sentence(
        everything: dict[str, Any], tmp_path: Path, reach: str) -> None:
    """The sandbox refuses it, and the person reads one sentence, not a traceback."""
    path = _template(tmp_path, "# minutes\n" + reach + "\n")
    with pytest.raises(TemplateError) as caught:
        render(everything, "md", template=path)
    message = str(caught.value)
    assert message.startswith(f"{path}:2: ")
    assert "Traceback" not in message and "\n" not in message


def test_a_security_error_says_what_happened(everything: dict[str, Any],
                                             tmp_path: Path) -> None:
    """The sentence says the template reached for Python internals."""
    path = _template(tmp_path, "{{ meeting.__class__.__subclasses__() }}")
    with pytest.raises(TemplateError, match="Python internals"):
        render(everything, "md", template=path)


def test_html_templates_escape_what_people_typed(tmp_path: Path) -> None:
    """With --format html a template autoescapes: a note cannot add markup."""
    minutes = {"notes": [{"text": "<script>alert(1)</script>", "at_s": 0}]}
    path = _template(tmp_path, "{% for n in notes %}<p>{{ n.text }}</p>{% endfor %}", "t.html")
    assert render(minutes, "html", template=path) == \
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    assert "<script>" in render(minutes, "md", template=path)


def test_with_no_airtime_a_template_sees_none(everything: dict[str, Any],
                                              tmp_path: Path) -> None:
    """airtime=False empties the airtime a template sees."""
    path = _template(tmp_path, "{{ airtime | length }} {{ evenness }}")
    assert render(everything, "md", template=path, airtime=False) == "0 None"


def test_a_missing_template_file_is_one_sentence(everything: dict[str, Any],
                                                 tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="cannot be read"):
        render(everything, "md", template=tmp_path / "nope.md")


def test_a_template_cannot_include_other_files(everything: dict[str, Any],
                                               tmp_path: Path) -> None:
    """A template is one file: includes are refused, so it cannot read the disk."""
    path = _template(tmp_path, "{% include '/etc/passwd' %}")
    with pytest.raises(TemplateError, match="template.md:1: .*one file"):
        render(everything, "md", template=path)


@pytest.mark.parametrize("fmt", ["json", "eml"])
def test_json_and_eml_take_no_template(everything: dict[str, Any], tmp_path: Path,
                                       fmt: str) -> None:
    path = _template(tmp_path, "x")
    with pytest.raises(MinutesError, match="cannot be used with --format"):
        render(everything, fmt, template=path)


def test_template_errors_are_facilitator_errors() -> None:
    """The CLI prints any FacilitatorError as its sentence."""
    assert issubclass(TemplateError, FacilitatorError)
