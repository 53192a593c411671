# Simulator stand-in for MicroPython's machine module: every call goes to the
# simulator's JavaScript (module `board_hw`), which records it or answers it.
import board_hw


def unique_id():
    return bytes(board_hw.unique_id())


def reset():
    board_hw.reset()


class Pin:
    IN = 1
    OUT = 3
    PULL_UP = 2
    PULL_DOWN = 1

    def __init__(self, id, mode=-1, pull=-1, value=None):
        self.id = id
        board_hw.pin_init(id, mode, pull)
        if value is not None:
            self.value(value)

    def value(self, v=None):
        if v is None:
            return board_hw.pin_value(self.id)
        board_hw.pin_write(self.id, 1 if v else 0)

    def __call__(self, v=None):
        return self.value(v)


class PWM:
    def __init__(self, pin, freq=1000, duty_u16=None):
        self.pin = pin
        self.f = freq
        board_hw.pwm_init(pin.id, freq)
        if duty_u16 is not None:
            self.duty_u16(duty_u16)

    def freq(self, f=None):
        if f is None:
            return self.f
        self.f = f

    def duty_u16(self, d=None):
        if d is None:
            return board_hw.pwm_duty(self.pin.id, -1)
        if not 0 <= d <= 65535:
            raise ValueError('duty must be 0..65535')
        board_hw.pwm_duty(self.pin.id, d)

    def deinit(self):
        pass
