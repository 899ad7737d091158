"""Loaded by every Python process of an offline test build: no connection may leave the host.

Connections to the loopback interface (the KaTeX renderer, a local server) are allowed; any
other address raises, so a build that needs the network fails instead of quietly using it.
"""

import socket

_LOCAL = ("127.0.0.1", "::1", "localhost")
_connect = socket.socket.connect


def _refuse_remote(self: socket.socket, address: object) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and host not in _LOCAL and self.family != socket.AF_UNIX:
        raise OSError(f"offline test build: connection to {host!r} refused")
    _connect(self, address)  # type: ignore[arg-type]


def _no_lookup(*arguments: object, **keywords: object) -> object:
    host = arguments[0] if arguments else keywords.get("host")
    if host not in _LOCAL and host is not None:
        raise OSError(f"offline test build: name lookup of {host!r} refused")
    return _getaddrinfo(*arguments, **keywords)  # type: ignore[arg-type]


_getaddrinfo = socket.getaddrinfo
socket.socket.connect = _refuse_remote  # type: ignore[method-assign]
socket.getaddrinfo = _no_lookup  # type: ignore[assignment]
