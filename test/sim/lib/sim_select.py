# Simulator stand-in for select.poll on sys.stdin: the WebAssembly port always
# says stdin is readable, an ESP32 only when a byte waits. Installed as
# sys.modules['select'] before the firmware is imported.
import board_hw

POLLIN = 1
POLLOUT = 4
POLLERR = 8
POLLHUP = 16


class _Poll:
    def __init__(self):
        self.objs = []

    def register(self, obj, mask=POLLIN):
        self.objs.append(obj)

    def unregister(self, obj):
        self.objs.remove(obj)

    def poll(self, timeout=-1):
        if self.objs and board_hw.stdin_waiting():
            return [(self.objs[0], POLLIN)]
        return []


def poll():
    return _Poll()
