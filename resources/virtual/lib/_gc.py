# gc de la placa virtual: la memoria que cuenta es la del montón (heap) de la placa, del
# tamaño del de un ESP32, como gc.mem_free() la diría en la placa de verdad.
import gc as _gc
import _memoria

enable = _gc.enable
disable = _gc.disable
isenabled = _gc.isenabled
threshold = _gc.threshold


def collect():
    # Recoge la basura ahora (los objetos que ya nadie usa).
    _memoria.collect()


def mem_alloc():
    # Bytes del montón ocupados.
    return _memoria.mem_alloc()


def mem_free():
    # Bytes del montón que quedan libres.
    return max(0, _memoria.HEAP - _memoria.mem_alloc())
