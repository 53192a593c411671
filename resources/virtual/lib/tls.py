# tls de la placa virtual (en MicroPython, ssl se apoya en tls): TLS de verdad, hecho por el
# portátil. Como en MicroPython, no se comprueba el certificado salvo con CERT_REQUIRED.
PROTOCOL_TLS_CLIENT = 0
PROTOCOL_TLS_SERVER = 1
CERT_NONE = 0
CERT_OPTIONAL = 1
CERT_REQUIRED = 2
MBEDTLS_VERSION = "Puente (Node.js TLS)"


class SSLContext:
    def __init__(self, protocol=PROTOCOL_TLS_CLIENT):
        if protocol != PROTOCOL_TLS_CLIENT:
            # la placa virtual solo hace de cliente
            raise ValueError("solo PROTOCOL_TLS_CLIENT")
        self.protocol = protocol
        self.verify_mode = CERT_NONE

    def load_cert_chain(self, certfile, keyfile):
        pass

    def load_verify_locations(self, cafile=None, cadata=None):
        pass

    def wrap_socket(self, sock, server_side=False, do_handshake_on_connect=True, server_hostname=None):
        if server_side:
            raise ValueError("server_side no está disponible en la placa virtual")
        sock._tls(server_hostname, self.verify_mode == CERT_REQUIRED)
        return sock
