"""The suite-wide network guard (tests/conftest.py) is active and lets loopback through."""

import socket

import pytest


def test_guard_refuses_a_public_address():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        with pytest.raises(ConnectionRefusedError, match="network guard"):
            s.connect(("93.184.216.34", 80))


def test_guard_refuses_dns_of_a_public_host():
    with pytest.raises(socket.gaierror, match="network guard"):
        socket.getaddrinfo("huggingface.co", 443)


def test_guard_allows_loopback():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
