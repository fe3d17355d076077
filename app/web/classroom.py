"""A lecture's server: the addresses students can open, found on this computer alone (no
outside service), and the lines the lecturer's terminal prints, with a QR code to scan."""

from __future__ import annotations

import io
import ipaddress
import socket

import segno

from app.web.messages import available, translate

# A private address no packet goes to: connecting a UDP socket sends nothing, it only picks
# the interface (and so the address) the computer would use for the local network.
PROBE_ADDRESS = ("10.254.254.254", 1)


def is_reachable(address: str) -> bool:
    """Could another device on the network open this IPv4 address? Not loopback, not
    link-local (169.254.x.x: no network handed out an address), not unspecified."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.version == 4 and not (ip.is_loopback or ip.is_link_local or ip.is_unspecified)


def lan_addresses() -> list[str]:
    """This computer's IPv4 addresses on the network, the route's own first, without asking
    any outside service; empty where there are none (no network, or loopback only)."""
    found: list[str] = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(PROBE_ADDRESS)
            found.append(str(probe.getsockname()[0]))
    except OSError:
        pass
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET, socket.SOCK_STREAM)
        found.extend(str(info[4][0]) for info in infos)
    except OSError:
        pass
    return [address for address in dict.fromkeys(found) if is_reachable(address)]


def student_url(address: str, port: int) -> str:
    return f"http://{address}:{port}/"


def terminal_qr(url: str) -> str:
    """The QR code of ``url`` in block characters, two modules a line (a regular QR code:
    phones' cameras do not all read Micro QR)."""
    out = io.StringIO()
    segno.make_qr(url, error="m").terminal(out=out, compact=True)
    return out.getvalue()


def classroom_lines(addresses: list[str], port: int) -> list[str]:
    """What the lecturer's terminal shows, in every language of the catalogue: the address
    students open (and its QR code), or why there is none."""
    if not addresses:
        return [translate(lang, "classroom.no_address") for lang in available()]
    url = student_url(addresses[0], port)
    lines = [translate(lang, "classroom.students_open", url=url) for lang in available()]
    # Other networks this computer is on (a second adapter), for a room on another one.
    lines.extend(f"  {student_url(other, port)}" for other in addresses[1:])
    lines.append(terminal_qr(url))
    return lines
