# Firmware de Puente para una placa ESP32 con MicroPython.
#
# La placa habla con Puente (el programa del portátil del profesor) por el
# cable USB: cada mensaje es una línea de texto con un objeto JSON.
#
#   placa -> Puente: {"hello":"puente","fw":"1.0.0","id":"<id de la placa>"} al arrancar
#                    {"button":"pressed"} / {"button":"released"} con el botón
#                    {"led":{"r":..,"g":..,"b":..}} cuando el LED cambia de color
#   Puente -> placa: {"r":255,"g":0,"b":0} para poner el LED de ese color
#
# Cualquier otra cosa que imprimas con print() llega a Puente como texto y se
# publica en el tema clase_eoi/serial: ¡prueba a añadir tus propios print!
import sys
import json
import time
import select
import machine
import config

VERSION = '1.0.0'
ANTIRREBOTE_MS = 30  # un botón "rebota" unos milisegundos al pulsarlo
MAX_LINEA = 200  # las líneas más largas no son colores: se descartan


def id_placa():
    # Cada ESP32 tiene un identificador único grabado de fábrica.
    return ''.join('%02x' % b for b in machine.unique_id())


def enviar(mensaje):
    # Un mensaje a Puente: un objeto JSON en una sola línea.
    print(json.dumps(mensaje))


class LedPWM:
    # LED RGB de tres patas de color: el brillo de cada una se regula con PWM
    # (encender y apagar muy deprisa; cuanto más tiempo encendido, más brillo).
    def __init__(self, pines, anodo_comun):
        self.canales = [machine.PWM(machine.Pin(p), freq=1000) for p in pines]
        self.anodo_comun = anodo_comun

    def poner(self, r, g, b):
        for canal, valor in zip(self.canales, (r, g, b)):
            ciclo = valor * 65535 // 255  # de 0..255 a 0..65535
            if self.anodo_comun:
                ciclo = 65535 - ciclo  # con ánodo común, 0 es encendido del todo
            canal.duty_u16(ciclo)


class LedNeoPixel:
    # LED "inteligente" (WS2812) de muchas placas: un solo pin de datos.
    def __init__(self, pin):
        import neopixel

        self.np = neopixel.NeoPixel(machine.Pin(pin, machine.Pin.OUT), 1)

    def poner(self, r, g, b):
        self.np[0] = (r, g, b)
        self.np.write()


class Boton:
    # Botón con antirrebote: solo cuenta un cambio si dura ANTIRREBOTE_MS.
    def __init__(self, pin):
        self.pin = machine.Pin(pin, machine.Pin.IN, machine.Pin.PULL_UP)
        self.estable = self.pin.value()
        self.ultimo = self.estable
        self.desde = time.ticks_ms()

    def leer(self):
        # Devuelve 'pressed', 'released' o None si no ha cambiado nada.
        valor = self.pin.value()
        ahora = time.ticks_ms()
        if valor != self.ultimo:
            self.ultimo = valor
            self.desde = ahora
            return None
        if valor != self.estable and time.ticks_diff(ahora, self.desde) >= ANTIRREBOTE_MS:
            self.estable = valor
            # Con PULL_UP el pin lee 1 en reposo y 0 cuando se pulsa.
            return 'pressed' if valor == 0 else 'released'
        return None


class Lector:
    # Lee líneas del USB sin quedarse esperando: select.poll nos dice si hay
    # algo que leer, y así el bucle puede seguir mirando el botón.
    def __init__(self):
        self.poll = select.poll()
        self.poll.register(sys.stdin, select.POLLIN)
        self.trozos = []
        self.largo = 0

    def linea(self):
        while self.poll.poll(0):
            c = sys.stdin.read(1)
            if not c:
                return None
            if c == '\n':
                texto = ''.join(self.trozos).strip()
                self.trozos = []
                demasiado = self.largo > MAX_LINEA
                self.largo = 0
                return None if demasiado else texto
            self.largo += 1
            if self.largo <= MAX_LINEA:
                self.trozos.append(c)
        return None


def es_byte(valor):
    return isinstance(valor, int) and not isinstance(valor, bool) and 0 <= valor <= 255


class Placa:
    def __init__(self):
        if config.LED == 'neopixel':
            self.led = LedNeoPixel(config.PIN_NEOPIXEL)
        else:
            self.led = LedPWM(config.PINES_RGB, config.ANODO_COMUN)
        self.led.poner(0, 0, 0)
        self.boton = Boton(config.PIN_BOTON)
        self.lector = Lector()
        self.id = id_placa()
        self.saludar()

    def saludar(self):
        enviar({'hello': 'puente', 'fw': VERSION, 'id': self.id})

    def procesar(self, linea):
        try:
            datos = json.loads(linea)
        except ValueError:
            print('Puente: no entiendo', linea)
            return
        if not isinstance(datos, dict):
            return
        if 'hello' in datos:  # Puente pregunta quién somos
            self.saludar()
            return
        r, g, b = datos.get('r'), datos.get('g'), datos.get('b')
        if es_byte(r) and es_byte(g) and es_byte(b):
            self.led.poner(r, g, b)
            enviar({'led': {'r': r, 'g': g, 'b': b}})

    def paso(self):
        # Una vuelta del bucle: mirar el botón y leer lo que llegue por USB.
        evento = self.boton.leer()
        if evento:
            enviar({'button': evento})
        linea = self.lector.linea()
        if linea:
            self.procesar(linea)


def arrancar():
    placa = Placa()
    while True:  # Ctrl-C lo para (no lo desactivamos: Puente lo usa para instalar)
        placa.paso()
        time.sleep_ms(2)
