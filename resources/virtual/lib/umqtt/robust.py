# umqtt.robust de Puente: como umqtt.simple, pero si se corta la conexión vuelve a
# conectar (y repite la operación) en lugar de fallar. Mismo uso que el de micropython-lib.
# Sigue de cerca al de micropython-lib (licencia MIT, (c) micropython-lib contributors).
import time

from . import simple


class MQTTClient(simple.MQTTClient):
    DELAY = 2  # segundos entre reintentos
    DEBUG = False

    def delay(self, i):
        time.sleep(self.DELAY)

    def log(self, in_reconnect, e):
        if self.DEBUG:
            if in_reconnect:
                print("mqtt reconnect: %r" % e)
            else:
                print("mqtt: %r" % e)

    def reconnect(self):
        i = 0
        while True:
            try:
                if self.sock:
                    self.sock.close()
                return super().connect(False)
            except OSError as e:
                self.log(True, e)
                i += 1
                self.delay(i)

    def publish(self, topic, msg, retain=False, qos=0):
        while True:
            try:
                return super().publish(topic, msg, retain, qos)
            except OSError as e:
                self.log(False, e)
            self.reconnect()

    def wait_msg(self):
        while True:
            try:
                return super().wait_msg()
            except OSError as e:
                self.log(False, e)
            self.reconnect()

    def check_msg(self, attempts=2):
        while attempts:
            self.sock.setblocking(False)
            try:
                return super().wait_msg()
            except OSError as e:
                self.log(False, e)
            finally:
                if self.sock:
                    self.sock.setblocking(True)
            self.reconnect()
            attempts -= 1
