"""XML from files, read with entity expansion off: no DTD is accepted at all.

A GPX or TCX file never needs a DTD. Refusing any `<!DOCTYPE` means no entity can be
declared, so nothing expands (the "billion laughs" and external entities that read local
files): TCX is parsed by `defusedxml` with `forbid_dtd=True`; GPX is checked here first,
since gpxpy parses with its own parser.
"""

from __future__ import annotations

import re
from typing import Any


class XmlProblem(ValueError):
    """The file cannot be read as the XML format expected; the message says why."""


_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def xml_text(data: bytes) -> str:
    """The document as text: UTF-8 (a byte-order mark dropped), or the encoding its XML
    declaration names."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise XmlProblem("not readable UTF-16 text") from error
    declared = _DECLARED.match(data[:200])
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode(encoding)
    except LookupError as error:
        raise XmlProblem(f"written in an unknown encoding ({encoding})") from error
    except UnicodeDecodeError as error:
        raise XmlProblem(f"not readable {encoding} text") from error


def refuse_dtd(text: str) -> None:
    """Raise XmlProblem if the document has a DTD (entity expansion stays off)."""
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise XmlProblem("has a DTD (<!DOCTYPE>), which footpain does not read: entity "
                         "expansion is off")


def parse_xml(data: bytes) -> Any:
    """The root element of an XML document, parsed by defusedxml with no DTD allowed."""
    from xml.etree.ElementTree import ParseError

    import defusedxml
    import defusedxml.ElementTree

    try:
        return defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException as error:
        raise XmlProblem("has a DTD or entities, which footpain does not read: entity "
                         "expansion is off") from error
    except ParseError as error:
        raise XmlProblem(f"not well-formed XML ({error})") from error
