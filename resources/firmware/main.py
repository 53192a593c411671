# main.py: MicroPython lo ejecuta al arrancar la placa.
# Todo el trabajo está en puente.py; aquí solo lo ponemos en marcha.
# Para parar el programa y volver a la consola (REPL), pulsa Ctrl-C.
import puente

puente.arrancar()
