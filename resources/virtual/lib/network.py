# network de la placa virtual: la Wi-Fi se conecta al momento a cualquier red (el portátil
# ya tiene la suya). Como en un ESP32, sin WLAN.connect() los sockets no llegan a ningún sitio.
import _net

STA_IF = 0
AP_IF = 1
STAT_IDLE = 1000
STAT_CONNECTING = 1001
STAT_GOT_IP = 1010
STAT_NO_AP_FOUND = 201
STAT_WRONG_PASSWORD = 202
STAT_BEACON_TIMEOUT = 200
STAT_ASSOC_FAIL = 203
STAT_HANDSHAKE_TIMEOUT = 204
AUTH_OPEN = 0
AUTH_WPA2_PSK = 3
MODE_11B = 1
MODE_11G = 2
MODE_11N = 4

_nombre = "esp32-virtual"
_activas = {}


def hostname(name=None):
    global _nombre
    if name is None:
        return _nombre
    _nombre = name


def country(code=None):
    return "ES" if code is None else None


class WLAN:
    IF_STA = STA_IF
    IF_AP = AP_IF
    PM_NONE = 0
    PM_PERFORMANCE = 1
    PM_POWERSAVE = 2

    def __init__(self, interface_id=STA_IF):
        self._if = interface_id
        self._ssid = None

    def active(self, is_active=None):
        if is_active is None:
            return _activas.get(self._if, False)
        _activas[self._if] = bool(is_active)
        if not is_active and self._if == STA_IF:
            _net.wifi(False)

    def connect(self, ssid=None, key=None, *, bssid=None):
        if self._if != STA_IF:
            raise OSError("connect solo en STA_IF")
        if not _activas.get(STA_IF, False):
            # como en el ESP32: antes hay que hacer wlan.active(True)
            raise OSError("Wifi Not Started")
        self._ssid = ssid
        _net.wifi(True)

    def disconnect(self):
        _net.wifi(False)

    def isconnected(self):
        if self._if == AP_IF:
            return False
        return _net.wifi(None)

    def status(self, param=None):
        if param == "rssi":
            return -45
        if param is not None:
            raise ValueError("parámetro desconocido")
        if not _activas.get(self._if, False):
            return STAT_IDLE
        return STAT_GOT_IP if _net.wifi(None) else STAT_IDLE

    def scan(self):
        # (ssid, bssid, canal, RSSI, seguridad, oculta)
        return [(b"aula", b"\x24\x6f\x28\x00\x00\x01", 6, -45, AUTH_WPA2_PSK, False)]

    def ifconfig(self, config=None):
        if config is not None:
            return None
        if self._if == STA_IF and _net.wifi(None):
            return ("192.168.1.50", "255.255.255.0", "192.168.1.1", "192.168.1.1")
        return ("0.0.0.0", "0.0.0.0", "0.0.0.0", "0.0.0.0")

    def config(self, *args, **kwargs):
        if kwargs:
            return None
        if not args:
            raise ValueError("falta el parámetro")
        p = args[0]
        if p == "mac":
            return b"\x24\x6f\x28\xa1\xb2\xc3"
        if p in ("ssid", "essid"):
            return self._ssid or ""
        if p == "hostname" or p == "dhcp_hostname":
            return _nombre
        if p == "channel":
            return 6
        if p == "txpower":
            return 20
        raise ValueError("parámetro desconocido")
