/**
 * The main.py a new virtual board starts with: the class's exercise 1 (the BOOT button sends an
 * MQTT message), written as the tutorial does, aimed at the broker Puente uses now so it runs
 * as it is.
 */
export function starterMain(host: string, port: number): string {
  return `# Ejercicio 1: al pulsar el botón BOOT, la placa envía un mensaje MQTT.
# Pulsa "Ejecutar" y luego el botón BOOT del dibujo (o mantén Espacio).
import time
import network
from machine import Pin
from umqtt.simple import MQTTClient

BROKER = ${JSON.stringify(host)}  # el broker de la clase
PUERTO = ${port}
TEMA = b"clase_eoi/boton"

# 1. Conectarse a la wifi (en la placa virtual conecta al momento)
wlan = network.WLAN(network.STA_IF)
wlan.active(True)
wlan.connect("aula", "contraseña")
while not wlan.isconnected():
    time.sleep_ms(100)
print("Wifi conectada:", wlan.ifconfig()[0])

# 2. Conectarse al broker MQTT
cliente = MQTTClient("placa-virtual", BROKER, port=PUERTO)
cliente.connect()
print("Conectada al broker", BROKER)

# 3. El botón BOOT está en el pin 0: vale 1 suelto y 0 pulsado (PULL_UP)
boton = Pin(0, Pin.IN, Pin.PULL_UP)
antes = boton.value()
while True:
    ahora = boton.value()
    if antes == 1 and ahora == 0:
        cliente.publish(TEMA, b'{"pressed": true}')
        print("¡Botón pulsado! Mensaje enviado a", TEMA)
    antes = ahora
    time.sleep_ms(20)
`
}

/** The broker a new board's starter program connects to: the one Puente uses, if plain MQTT. */
export function starterBroker(url: string, embeddedPort: number): { host: string; port: number } {
  const u = new URL(url)
  if (u.protocol !== 'mqtt:') return { host: '127.0.0.1', port: embeddedPort }
  return { host: u.hostname, port: Number(u.port || 1883) }
}
