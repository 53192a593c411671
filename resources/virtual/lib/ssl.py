# ssl de la placa virtual: TLS de verdad (lo hace el portátil). Como en MicroPython,
# no se comprueba el certificado del servidor salvo que se pida CERT_REQUIRED.
from tls import *  # noqa: F401,F403
from tls import SSLContext, PROTOCOL_TLS_CLIENT, CERT_NONE


def wrap_socket(
    sock,
    server_side=False,
    key=None,
    cert=None,
    cert_reqs=CERT_NONE,
    cadata=None,
    server_hostname=None,
    do_handshake=True,
):
    ctx = SSLContext(PROTOCOL_TLS_CLIENT)
    ctx.verify_mode = cert_reqs
    return ctx.wrap_socket(sock, server_side=server_side, server_hostname=server_hostname)
