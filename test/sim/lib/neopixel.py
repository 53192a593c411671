# Simulator stand-in for MicroPython's neopixel module (one call per write()).
import board_hw


class NeoPixel:
    def __init__(self, pin, n, bpp=3, timing=1):
        self.pin = pin
        self.n = n
        self.buf = [(0, 0, 0)] * n

    def __setitem__(self, i, v):
        self.buf[i] = tuple(v)

    def __getitem__(self, i):
        return self.buf[i]

    def __len__(self):
        return self.n

    def fill(self, v):
        self.buf = [tuple(v)] * self.n

    def write(self):
        r, g, b = self.buf[0]
        board_hw.neopixel(self.pin.id, r, g, b)
