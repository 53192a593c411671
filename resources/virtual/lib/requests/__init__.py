# requests de Puente para la placa virtual: get/post/... con http y https, y una
# respuesta con status_code, text, content, json() y close(). Mismo uso que el de
# micropython-lib (y que urequests).
# Sigue de cerca al de micropython-lib (licencia MIT, (c) micropython-lib contributors).
import socket


class Response:
    def __init__(self, f):
        self.raw = f
        self.encoding = "utf-8"
        self._cached = None
        self.status_code = None
        self.reason = b""
        self.headers = {}

    def close(self):
        if self.raw:
            self.raw.close()
            self.raw = None
        self._cached = None

    @property
    def content(self):
        # el cuerpo entero (la conexión se cierra al terminar de leerlo)
        if self._cached is None:
            try:
                self._cached = self.raw.read()
            finally:
                self.raw.close()
                self.raw = None
        return self._cached

    @property
    def text(self):
        return str(self.content, self.encoding)

    def json(self):
        import json

        return json.loads(self.content)


def _partir_url(url):
    try:
        proto, _, host, path = url.split("/", 3)
    except ValueError:
        proto, _, host = url.split("/", 2)
        path = ""
    if proto == "http:":
        port = 80
    elif proto == "https:":
        port = 443
    else:
        raise ValueError("Unsupported protocol: " + proto)
    for sep in "?#":
        if sep in host:
            host, resto = host.split(sep, 1)
            path = sep + resto + path
    if ":" in host:
        host, port = host.split(":", 1)
        port = int(port)
    return proto, host, port, path


def request(
    method,
    url,
    data=None,
    json=None,
    headers=None,
    stream=None,
    auth=None,
    timeout=None,
    parse_headers=True,
):
    if headers is None:
        headers = {}
    proto, host, port, path = _partir_url(url)
    if auth is not None:
        import binascii

        usuario, clave = auth
        token = binascii.b2a_base64(("%s:%s" % (usuario, clave)).encode())[:-1]
        headers["Authorization"] = "Basic " + token.decode()
    ai = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)[0]
    s = socket.socket(ai[0], socket.SOCK_STREAM, ai[2])
    try:
        if timeout is not None:
            s.settimeout(timeout)
        s.connect(ai[-1])
        if proto == "https:":
            import ssl

            s = ssl.wrap_socket(s, server_hostname=host)
        # HTTP/1.0: la respuesta llega entera y el servidor cierra al acabar
        cabeceras = "%s /%s HTTP/1.0\r\n" % (method, path)
        if "Host" not in headers:
            cabeceras += "Host: %s\r\n" % host
        for k in headers:
            cabeceras += "%s: %s\r\n" % (k, headers[k])
        if json is not None:
            assert data is None
            import json as _json

            data = _json.dumps(json)
            if "Content-Type" not in headers:
                cabeceras += "Content-Type: application/json\r\n"
        if data:
            if isinstance(data, str):
                data = data.encode()
            cabeceras += "Content-Length: %d\r\n" % len(data)
        cabeceras += "Connection: close\r\n\r\n"
        s.write(cabeceras.encode())
        if data:
            s.write(data)

        linea = s.readline().split(None, 2)
        if len(linea) < 2:
            # el servidor cerró sin responder
            raise ValueError("HTTP error: BadStatusLine:\n%s" % linea)
        status = int(linea[1])
        reason = linea[2].rstrip() if len(linea) > 2 else b""
        resp_headers = {}
        while True:
            linea = s.readline()
            if not linea or linea == b"\r\n":
                break
            if linea.startswith(b"Transfer-Encoding:") and b"chunked" in linea:
                raise ValueError("Unsupported " + str(linea, "utf-8"))
            if linea.startswith(b"Location:") and not 200 <= status <= 299:
                raise NotImplementedError("Redirects not yet supported")
            if parse_headers:
                k, v = str(linea, "utf-8").split(":", 1)
                resp_headers[k.strip()] = v.strip()
    except OSError:
        s.close()
        raise

    resp = Response(s)
    resp.status_code = status
    resp.reason = reason
    resp.headers = resp_headers
    return resp


def head(url, **kw):
    return request("HEAD", url, **kw)


def get(url, **kw):
    return request("GET", url, **kw)


def post(url, **kw):
    return request("POST", url, **kw)


def put(url, **kw):
    return request("PUT", url, **kw)


def patch(url, **kw):
    return request("PATCH", url, **kw)


def delete(url, **kw):
    return request("DELETE", url, **kw)
