# Configuración de la placa: en qué pines están el LED y el botón.
# Puente escribe este archivo al instalar el firmware con lo que diga su
# ajuste "board"; también puedes editarlo a mano (se lee al arrancar).
LED = 'pwm'  # 'pwm': LED RGB en tres pines; 'neopixel': un LED direccionable
PINES_RGB = (25, 26, 27)  # pines de rojo, verde y azul (modo 'pwm')
ANODO_COMUN = False  # True si el LED RGB es de ánodo común (el pin común a 3.3 V)
PIN_NEOPIXEL = 48  # pin del NeoPixel (modo 'neopixel')
PIN_BOTON = 0  # GPIO0 es el botón BOOT de casi todas las placas ESP32
