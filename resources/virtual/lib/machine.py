# machine de la placa virtual: los pines, el PWM y los temporizadores de un ESP32.
# Cada llamada pasa por _placa (JavaScript), que dibuja el LED, lee el botón BOOT
# y avisa a los manejadores de irq() entre una instrucción y la siguiente.
import _placa

_leer = _placa.pin_read
_escribir = _placa.pin_write


def unique_id():
    # El identificador de fábrica de la placa (6 bytes).
    return bytes(_placa.unique_id())


def reset():
    # Como pulsar RESET: el programa para y boot.py y main.py vuelven a empezar.
    _placa.reset()
    raise SystemExit


soft_reset = reset


def freq(hz=None):
    if hz is None:
        return 240000000


def idle():
    _placa.sleep(0)


def lightsleep(ms=None):
    import time

    time.sleep_ms(ms or 0)


deepsleep = lightsleep


def disable_irq():
    return 0


def enable_irq(state=0):
    pass


class Pin:
    IN = 1
    OUT = 3
    OPEN_DRAIN = 7
    PULL_UP = 2
    PULL_DOWN = 1
    IRQ_RISING = 1
    IRQ_FALLING = 2

    def __init__(self, id, mode=-1, pull=-1, value=None):
        self.id = id
        self.init(mode, pull, value)

    def init(self, mode=-1, pull=-1, value=None):
        _placa.pin_init(self.id, mode, pull)
        if value is not None:
            self.value(value)

    def value(self, v=None):
        # Sin argumento lee el pin (0 o 1); con argumento lo pone a 0 o a 1.
        if v is None:
            return _leer(self.id)
        _escribir(self.id, 1 if v else 0)

    def __call__(self, v=None):
        return self.value(v)

    def on(self):
        _escribir(self.id, 1)

    def off(self):
        _escribir(self.id, 0)

    def irq(self, handler=None, trigger=3):
        # handler(pin) se llama cuando el pin sube (IRQ_RISING) o baja (IRQ_FALLING).
        _placa.pin_irq(self.id, trigger, handler, self)

    def __repr__(self):
        return "Pin(%d)" % self.id


class PWM:
    # Un pin que se enciende y apaga muy deprisa: duty dice qué parte del tiempo está encendido.
    def __init__(self, pin, freq=5000, duty=None, duty_u16=None, duty_ns=None):
        self.pin = pin if isinstance(pin, Pin) else Pin(pin)
        self._freq = freq
        _placa.pwm_init(self.pin.id)
        if duty_u16 is not None:
            self.duty_u16(duty_u16)
        elif duty is not None:
            self.duty(duty)

    def init(self, freq=None, duty=None, duty_u16=None):
        if freq is not None:
            self._freq = freq
        if duty_u16 is not None:
            self.duty_u16(duty_u16)
        elif duty is not None:
            self.duty(duty)

    def freq(self, f=None):
        if f is None:
            return self._freq
        self._freq = f

    def duty_u16(self, d=None):
        # 0 = siempre apagado, 65535 = siempre encendido.
        if d is None:
            return _placa.pwm_duty(self.pin.id, -1)
        d = int(d)
        if not 0 <= d <= 65535:
            raise ValueError("duty_u16 must be 0..65535")
        _placa.pwm_duty(self.pin.id, d)

    def duty(self, d=None):
        # Como duty_u16 pero de 0 a 1023 (la forma antigua del ESP32).
        if d is None:
            return _placa.pwm_duty(self.pin.id, -1) * 1023 // 65535
        d = int(d)
        if not 0 <= d <= 1023:
            raise ValueError("duty must be 0..1023")
        _placa.pwm_duty(self.pin.id, d * 65535 // 1023)

    def deinit(self):
        _placa.pwm_deinit(self.pin.id)


class Timer:
    ONE_SHOT = 0
    PERIODIC = 1

    def __init__(self, id=0, **kwargs):
        self.id = id
        if kwargs:
            self.init(**kwargs)

    def init(self, mode=PERIODIC, period=-1, callback=None, freq=-1):
        # callback(timer) se llama cada period milisegundos (o una vez con ONE_SHOT).
        if freq > 0:
            period = 1000 // freq
        _placa.timer(id(self), self, int(period), mode == Timer.PERIODIC, callback)

    def deinit(self):
        _placa.timer(id(self), self, -1, False, None)
