# umqtt.simple de Puente: el mismo uso que el de micropython-lib (MQTTClient, connect,
# publish, subscribe, set_callback, check_msg, wait_msg...), escrito para la placa virtual.
# Sigue de cerca al de micropython-lib (licencia MIT, (c) micropython-lib contributors).
import socket
import struct


class MQTTException(Exception):
    pass


class MQTTClient:
    def __init__(
        self,
        client_id,
        server,
        port=0,
        user=None,
        password=None,
        keepalive=0,
        ssl=False,
        ssl_params={},
    ):
        if port == 0:
            port = 8883 if ssl else 1883
        self.client_id = client_id
        self.sock = None
        self.server = server
        self.port = port
        self.ssl = ssl
        self.ssl_params = ssl_params
        self.pid = 0
        self.cb = None
        self.user = user
        self.pswd = password
        self.keepalive = keepalive
        self.lw_topic = None
        self.lw_msg = None
        self.lw_qos = 0
        self.lw_retain = False

    @staticmethod
    def _texto(s):
        # las cadenas se mandan como bytes UTF-8
        return s.encode() if isinstance(s, str) else s

    def _leer(self, n):
        data = self.sock.read(n)
        if data is None or len(data) < n:
            # el broker cerró la conexión
            raise OSError(-1)
        return data

    def _recv_len(self):
        # longitud restante del paquete: 7 bits por byte, el bit alto dice "sigue"
        n = 0
        sh = 0
        while True:
            b = self._leer(1)[0]
            n |= (b & 0x7F) << sh
            if not b & 0x80:
                return n
            sh += 7

    @staticmethod
    def _len_bytes(n):
        out = bytearray()
        while True:
            b = n & 0x7F
            n >>= 7
            out.append(b | 0x80 if n else b)
            if not n:
                return bytes(out)

    def set_callback(self, f):
        # f(topic, msg) se llama con cada mensaje que llega
        self.cb = f

    def set_last_will(self, topic, msg, retain=False, qos=0):
        assert 0 <= qos <= 2
        assert topic
        self.lw_topic = topic
        self.lw_msg = msg
        self.lw_qos = qos
        self.lw_retain = retain

    def connect(self, clean_session=True, timeout=None):
        self.sock = socket.socket()
        self.sock.settimeout(timeout)
        addr = socket.getaddrinfo(self.server, self.port)[0][-1]
        self.sock.connect(addr)
        if self.ssl:
            import ssl

            params = dict(self.ssl_params)
            params.setdefault("server_hostname", self.server)
            if hasattr(self.ssl, "wrap_socket"):
                # ssl puede ser un SSLContext
                self.sock = self.ssl.wrap_socket(self.sock, server_hostname=params["server_hostname"])
            else:
                self.sock = ssl.wrap_socket(self.sock, **params)
        client_id = self._texto(self.client_id)
        flags = 0x02 if clean_session else 0
        largo = 10 + 2 + len(client_id)
        if self.user:
            user = self._texto(self.user)
            pswd = self._texto(self.pswd or b"")
            largo += 2 + len(user) + 2 + len(pswd)
            flags |= 0xC0
        if self.lw_topic:
            lw_topic = self._texto(self.lw_topic)
            lw_msg = self._texto(self.lw_msg)
            largo += 2 + len(lw_topic) + 2 + len(lw_msg)
            flags |= 0x04 | self.lw_qos << 3 | self.lw_retain << 5
        paquete = bytearray(b"\x10")
        paquete += self._len_bytes(largo)
        paquete += b"\x00\x04MQTT\x04"
        paquete += struct.pack("!BH", flags, self.keepalive)
        paquete += self._str(client_id)
        if self.lw_topic:
            paquete += self._str(lw_topic) + self._str(lw_msg)
        if self.user:
            paquete += self._str(user) + self._str(pswd)
        self.sock.write(paquete)
        resp = self._leer(4)
        if resp[0] != 0x20 or resp[1] != 0x02:
            raise MQTTException(0)
        if resp[3] != 0:
            # 1..5: el broker rechazó la conexión (5 = no autorizado)
            raise MQTTException(resp[3])
        return resp[2] & 1

    def disconnect(self):
        self.sock.write(b"\xe0\x00")
        self.sock.close()

    def ping(self):
        self.sock.write(b"\xc0\x00")

    def _nuevo_pid(self):
        # identificador de paquete: 1..65535, y vuelta a empezar
        self.pid = self.pid % 65535 + 1
        return self.pid

    @staticmethod
    def _str(s):
        # cadena MQTT: 2 bytes de longitud y los bytes
        return struct.pack("!H", len(s)) + s

    def publish(self, topic, msg, retain=False, qos=0):
        topic = self._texto(topic)
        msg = self._texto(msg)
        largo = 2 + len(topic) + len(msg)
        if qos > 0:
            largo += 2
        assert largo < 268435456
        # el paquete entero en una sola escritura
        paquete = bytearray([0x30 | qos << 1 | retain])
        paquete += self._len_bytes(largo)
        paquete += self._str(topic)
        if qos > 0:
            pid = self._nuevo_pid()
            paquete += struct.pack("!H", pid)
        paquete += msg
        self.sock.write(paquete)
        if qos == 1:
            while True:
                op = self.wait_msg()
                if op == 0x40:
                    self._leer(1)  # largo (2)
                    rcv_pid = struct.unpack("!H", self._leer(2))[0]
                    if pid == rcv_pid:
                        return
        elif qos == 2:
            assert 0

    def subscribe(self, topic, qos=0):
        assert self.cb is not None, "Subscribe callback is not set"
        topic = self._texto(topic)
        pid = self._nuevo_pid()
        paquete = bytearray(b"\x82")
        paquete += self._len_bytes(2 + 2 + len(topic) + 1)
        paquete += struct.pack("!H", pid) + self._str(topic) + bytes([qos])
        self.sock.write(paquete)
        while True:
            op = self.wait_msg()
            if op == 0x90:
                resp = self._leer(4)
                assert struct.unpack("!H", resp[1:3])[0] == pid
                if resp[3] == 0x80:
                    raise MQTTException(resp[3])
                return

    def wait_msg(self):
        # Espera un paquete del broker; un PUBLISH llama al callback.
        # Devuelve None si el socket no es bloqueante y no ha llegado nada.
        res = self.sock.read(1)
        if res is None or res == b"":
            if res == b"":
                raise OSError(-1)
            return None
        self.sock.setblocking(True)
        op = res[0]
        if op == 0xD0:  # PINGRESP
            sz = self._leer(1)[0]
            assert sz == 0
            return None
        if op & 0xF0 != 0x30:
            return op
        sz = self._recv_len()
        topic_len = struct.unpack("!H", self._leer(2))[0]
        topic = self._leer(topic_len)
        sz -= topic_len + 2
        if op & 6:
            pid = struct.unpack("!H", self._leer(2))[0]
            sz -= 2
        msg = self._leer(sz) if sz else b""
        self.cb(topic, msg)
        if op & 6 == 2:
            self.sock.write(b"\x40\x02" + struct.pack("!H", pid))
        elif op & 6 == 4:
            assert 0
        return op

    def check_msg(self):
        # Mira si ha llegado algo, sin esperar
        self.sock.setblocking(False)
        try:
            return self.wait_msg()
        finally:
            if self.sock:
                self.sock.setblocking(True)
