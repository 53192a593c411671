# Lo que Puente prepara al encender la placa virtual (no hace falta importarlo).
import sys
import time
import _placa

_ticks_ms = time.ticks_ms
_ticks_add = time.ticks_add
_ticks_diff = time.ticks_diff
_dormir = _placa.sleep
_SIN_MEMORIA = 2


def sin_memoria():
    # Lo que el programa guarda ya no cabe en el montón (heap) de la placa.
    import _memoria

    raise MemoryError(_memoria.mensaje())


# time.sleep de verdad: la placa espera sin gastar CPU, y los irq() y Parar siguen funcionando.
def sleep_ms(ms):
    fin = _ticks_add(_ticks_ms(), int(ms))
    r = 1
    while r:
        # 1: vuelve (se ejecuta un manejador de irq() pendiente) y sigue esperando
        r = _dormir(_ticks_diff(fin, _ticks_ms()))
        if r == _SIN_MEMORIA:
            sin_memoria()


def sleep(s):
    sleep_ms(s * 1000)


def sleep_us(us):
    sleep_ms(us // 1000)


time.sleep_ms = sleep_ms
time.sleep = sleep
time.sleep_us = sleep_us
sys.modules["utime"] = time

import _gc  # noqa: E402

sys.modules["gc"] = _gc


def atributos(nombre):
    # Los atributos de la clase `nombre` (para sugerir el método bien escrito).
    import builtins
    import __main__

    for m in [__main__, builtins] + list(sys.modules.values()):
        c = getattr(m, nombre, None)
        if isinstance(c, type):
            return ",".join(a for a in dir(c) if not a.startswith("_"))
    return ""


# input() de este intérprete no lee sys.stdin: este sí (lo que llega por el USB).
def input(mensaje=""):
    if mensaje:
        sys.stdout.write(mensaje)
    return sys.stdin.readline().rstrip("\r\n")


import builtins  # noqa: E402

builtins.input = input
