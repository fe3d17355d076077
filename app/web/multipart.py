"""One field of a multipart/form-data body (RFC 7578), found in memory.

Starlette's form parsing needs python-multipart and spools a file over 1 MB to disk; an
upload here is never written anywhere. The body is already whole and capped (app/web/uploads.py),
so splitting it on its boundary is all the parsing there is.
"""

from __future__ import annotations

from email.message import Message

# A part's headers are a line or three; more is not a browser's form.
MAX_PART_HEADERS = 8 * 1024
MAX_BOUNDARY = 70  # RFC 2046


def _params(name: str, value: str) -> Message:
    """A header held by the stdlib, which reads quoted and encoded parameters."""
    header = Message()
    header[name] = value
    return header


def boundary_of(content_type: str) -> bytes | None:
    """The boundary of a multipart/form-data Content-Type; None for any other type."""
    header = _params("content-type", content_type)
    if header.get_content_type() != "multipart/form-data":
        return None
    boundary = header.get_param("boundary")
    if not isinstance(boundary, str) or not 0 < len(boundary) <= MAX_BOUNDARY:
        return None
    if not boundary.isascii():
        return None
    return boundary.encode("ascii")


def _field_name(head: bytes) -> str | None:
    """The ``name`` of a part's Content-Disposition: form-data header."""
    for line in head.split(b"\r\n"):
        key, colon, value = line.partition(b":")
        if colon and key.strip().lower() == b"content-disposition":
            header = _params("content-disposition", value.decode("latin-1").strip())
            if header.get_content_disposition() != "form-data":
                return None
            name = header.get_param("name", header="content-disposition")
            return name if isinstance(name, str) else None
    return None


def form_field(body: bytes, boundary: bytes, name: str) -> bytes | None:
    """The content of the first part named ``name``; None if there is none."""
    # Each delimiter is CRLF "--" boundary; the body's first needs no CRLF before it.
    sections = (b"\r\n" + body).split(b"\r\n--" + boundary)
    for section in sections[1:]:
        if section.startswith(b"--"):
            break  # the close delimiter: the epilogue follows
        head, found, content = section.partition(b"\r\n\r\n")
        if found and len(head) <= MAX_PART_HEADERS and _field_name(head) == name:
            return content
    return None
