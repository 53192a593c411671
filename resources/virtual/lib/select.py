# select de la placa virtual: poll() sobre sys.stdin dice si ha llegado algo por el USB
# (como en un ESP32); los demás objetos se dan siempre por listos.
import sys
import _placa

POLLIN = 1
POLLOUT = 4
POLLERR = 8
POLLHUP = 16
_nada = ()
_stdin = ((sys.stdin, POLLIN),)


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
            return _stdin if _placa.stdin_wait(timeout) else _nada
        listos = []
        for obj, mask in self.objs.values():
            if obj is sys.stdin:
                if mask & POLLIN and _placa.stdin_wait(0 if len(self.objs) > 1 else timeout):
                    listos.append((obj, POLLIN))
            else:
                listos.append((obj, mask & (POLLIN | POLLOUT)))
        return listos or _nada

    def ipoll(self, timeout=-1, flags=0):
        return iter(self.poll(timeout))


def poll():
    return _Poll()


def select(rlist, wlist, xlist, timeout=None):
    t = -1 if timeout is None else int(timeout * 1000)
    r = [o for o in rlist if o is not sys.stdin or _placa.stdin_wait(t)]
    return r, list(wlist), []
