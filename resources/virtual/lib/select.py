# select de la placa virtual: poll() sobre sys.stdin dice si ha llegado algo por el USB y
# sobre un socket si tiene datos (como en un ESP32); los demás objetos están siempre listos.
import sys
import time
import _placa

POLLIN = 1
POLLOUT = 4
POLLERR = 8
POLLHUP = 16
_nada = ()
_stdin = ((sys.stdin, POLLIN),)
_TRAMO_MS = 20
_SIN_MEMORIA = 2


def _stdin_listo(espera):
    # True si ha llegado algo por el USB (esperando como mucho espera ms)
    r = _placa.stdin_wait(espera)
    if r == _SIN_MEMORIA:
        from _puente import sin_memoria

        sin_memoria()
    return r


def _listo(obj, mask, espera=0):
    # Qué eventos de mask tiene obj ya (o tras esperar como mucho espera ms).
    if obj is sys.stdin:
        return POLLIN if mask & POLLIN and _stdin_listo(espera) else 0
    listo = getattr(obj, "_listo", None)
    if listo is None:
        return mask & (POLLIN | POLLOUT)
    eventos = mask & POLLOUT
    if mask & POLLIN and listo(0 if eventos else espera):
        eventos |= POLLIN
    return eventos


class _Poll:
    def __init__(self):
        self.objs = {}

    def register(self, obj, mask=POLLIN | POLLOUT):
        self.objs[id(obj)] = (obj, mask)

    def modify(self, obj, mask):
        self.objs[id(obj)] = (obj, mask)

    def unregister(self, obj):
        self.objs.pop(id(obj), None)

    def poll(self, timeout=-1):
        if len(self.objs) == 1 and id(sys.stdin) in self.objs:
            # el caso del firmware: solo el USB, sin crear nada nuevo en cada vuelta
            return _stdin if _stdin_listo(timeout) else _nada
        fin = None if timeout is None or timeout < 0 else time.ticks_add(time.ticks_ms(), timeout)
        while True:
            listos = []
            for obj, mask in self.objs.values():
                eventos = _listo(obj, mask)
                if eventos:
                    listos.append((obj, eventos))
            if listos or timeout == 0:
                return listos or _nada
            falta = _TRAMO_MS if fin is None else time.ticks_diff(fin, time.ticks_ms())
            if falta <= 0:
                return _nada
            espera = min(falta, _TRAMO_MS)
            if self.objs:
                # esperar en el primero (los demás se miran en la vuelta siguiente)
                obj, mask = next(iter(self.objs.values()))
                _listo(obj, mask, espera)
            else:
                time.sleep_ms(espera)

    def ipoll(self, timeout=-1, flags=0):
        return iter(self.poll(timeout))


def poll():
    return _Poll()


def select(rlist, wlist, xlist, timeout=None):
    p = _Poll()
    for o in rlist:
        p.register(o, POLLIN)
    t = -1 if timeout is None else int(timeout * 1000)
    r = [o for o, e in p.poll(t) if e & POLLIN]
    return r, list(wlist), []
