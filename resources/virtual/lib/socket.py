# socket de la placa virtual: conexiones TCP de verdad, abiertas por el portátil.
# Se usa igual que el módulo socket de MicroPython en un ESP32.
import _net

AF_INET = 2
AF_INET6 = 10
SOCK_STREAM = 1
SOCK_DGRAM = 2
SOCK_RAW = 3
IPPROTO_IP = 0
IPPROTO_TCP = 6
IPPROTO_UDP = 17
SOL_SOCKET = 1
SO_REUSEADDR = 4
TCP_NODELAY = 1

_TX = "/tmp/_net_tx"
_RX = "/tmp/_net_rx"
_INTERRUPTED = -1001
_PENDIENTE = -1002
_SIN_MEMORIA = -1003
_HEX_MAX = 1024
_EAGAIN = 11
_ETIMEDOUT = 110
_EBADF = 9
_ENOTCONN = 107
_EOPNOTSUPP = 95


def _check(status):
    # Stop (Ctrl-C) mientras la placa esperaba la red
    if status == _INTERRUPTED:
        raise KeyboardInterrupt
    if status == _SIN_MEMORIA:
        from _puente import sin_memoria

        sin_memoria()
    if status:
        raise OSError(status)


def _texto(s):
    return s.decode() if isinstance(s, (bytes, bytearray)) else s


def getaddrinfo(host, port, af=0, type=0, proto=0, flags=0):
    # Devuelve [(familia, tipo, protocolo, nombre, (ip, puerto))], como en el ESP32
    status, addr = _net.getaddrinfo(_texto(host), int(port))
    _check(status)
    return [(AF_INET, SOCK_STREAM, IPPROTO_TCP, "", (addr, port))]


def _leer_rx(n):
    with open(_RX, "rb") as f:
        return f.read(n)


class socket:
    def __init__(self, af=AF_INET, type=SOCK_STREAM, proto=IPPROTO_TCP):
        if type != SOCK_STREAM:
            # la placa virtual solo abre conexiones TCP
            raise OSError(_EOPNOTSUPP)
        self._id = _net.socket()
        self._timeout = -1  # milisegundos; -1 = esperar siempre, 0 = no esperar
        self._abierto = True
        self._conectado = False

    def __repr__(self):
        return "<socket state=%d timeout=%d>" % (1 if self._conectado else 0, self._timeout)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()

    def fileno(self):
        return self._id

    def settimeout(self, value):
        # None = bloquear siempre; 0 = no bloquear; si no, segundos
        self._timeout = -1 if value is None else int(value * 1000)

    def setblocking(self, flag):
        self._timeout = -1 if flag else 0

    def setsockopt(self, level, optname, value):
        pass

    def connect(self, address):
        if not self._abierto:
            raise OSError(_EBADF)
        status, _ = _net.connect(self._id, _texto(address[0]), int(address[1]), self._timeout)
        _check(status)
        self._conectado = True

    def _tls(self, server_hostname, verify):
        status, _ = _net.starttls(self._id, _texto(server_hostname), bool(verify))
        _check(status)

    def bind(self, address):
        raise OSError(_EOPNOTSUPP)

    def listen(self, backlog=0):
        raise OSError(_EOPNOTSUPP)

    def accept(self):
        raise OSError(_EOPNOTSUPP)

    def send(self, data):
        if not self._conectado:
            raise OSError(_ENOTCONN)
        if isinstance(data, str):
            data = data.encode()
        n = len(data)
        if n == 0:
            return 0
        if n <= _HEX_MAX:
            # poco: como texto hexadecimal (más rápido que un fichero)
            status, _ = _net.send(self._id, n, bytes(data).hex())
        else:
            with open(_TX, "wb") as f:
                f.write(data)
            status, _ = _net.send(self._id, n, None)
        _check(status)
        return n

    sendall = send

    def write(self, data, length=-1):
        if length >= 0:
            data = memoryview(data)[:length]
        return self.send(data)

    def _recibir(self, n, timeout, linea=False):
        # [estado, bytes]: estado 0 y b'' si el otro lado cerró
        if not self._conectado:
            raise OSError(_ENOTCONN)
        status, k, h = _net.recv(self._id, n, timeout, linea)
        while status == _PENDIENTE:
            # Un manejador de irq() tenía que ejecutarse: lo hace al dar esta vuelta, como en el
            # ESP32 mientras espera la red, y se sigue esperando lo que queda (k ms).
            status, k, h = _net.recv(self._id, n, k, linea)
        if status == _INTERRUPTED or status == _SIN_MEMORIA:
            _check(status)
        if status:
            return status, None
        if h is not None:
            return 0, bytes.fromhex(h)
        return 0, _leer_rx(k)

    def recv(self, bufsize):
        status, data = self._recibir(bufsize, self._timeout)
        _check(status)
        return data

    def read(self, n=-1):
        # Bloqueante: espera n bytes (o hasta que se cierre la conexión).
        # Sin bloqueo: lo que haya, o None si aún no ha llegado nada.
        partes = []
        falta = n
        while falta != 0:
            status, data = self._recibir(falta if falta > 0 else 4096, self._timeout)
            if status == _EAGAIN:
                if not partes:
                    return None
                break
            _check(status)
            if not data:
                break
            partes.append(data)
            if falta > 0:
                falta -= len(data)
            if self._timeout == 0:
                break
        return b"".join(partes)

    def readinto(self, buf, nbytes=-1):
        if nbytes < 0:
            nbytes = len(buf)
        data = self.read(nbytes)
        if data is None:
            return None
        buf[: len(data)] = data
        return len(data)

    def readline(self):
        partes = []
        while True:
            status, c = self._recibir(4096, self._timeout, True)
            if status == _EAGAIN:
                break
            _check(status)
            if not c:
                break
            partes.append(c)
            if c[-1] == 10:
                break
        return b"".join(partes)

    def _listo(self, timeout_ms=0):
        # para select.poll: True si una lectura no tendría que esperar
        # (hay datos, la conexión se cerró o falló); espera como mucho timeout_ms
        if not self._conectado:
            return True
        status, listo = _net.poll(self._id, timeout_ms)
        if status == _INTERRUPTED or status == _SIN_MEMORIA:
            _check(status)
        return listo

    def makefile(self, mode="rb", buffering=0):
        return self

    def close(self):
        if self._abierto:
            self._abierto = False
            self._conectado = False
            _net.close(self._id)
