# neopixel de la placa virtual: los LED "inteligentes" (WS2812). La placa dibuja el primero.
import _placa


class NeoPixel:
    ORDER = (1, 0, 2, 3)

    def __init__(self, pin, n, bpp=3, timing=1):
        self.pin = pin
        self.n = n
        self.bpp = bpp
        self.buf = [(0,) * bpp] * n

    def __len__(self):
        return self.n

    def __setitem__(self, i, v):
        # Un color es una tupla (r, g, b) con valores de 0 a 255.
        self.buf[i] = tuple(v)

    def __getitem__(self, i):
        return self.buf[i]

    def fill(self, v):
        self.buf = [tuple(v)] * self.n

    def write(self):
        # Hasta write() el color no llega a los LED.
        r, g, b = self.buf[0][:3] if self.n else (0, 0, 0)
        _placa.neopixel(getattr(self.pin, "id", self.pin), r, g, b)
