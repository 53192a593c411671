# mip de la placa virtual: no descarga nada de Internet. Las bibliotecas de la clase
# (umqtt.simple, umqtt.robust, requests/urequests) ya están en la placa; otra biblioteca
# se añade copiando su .py a la carpeta lib/ de la placa.
_INCLUIDAS = {
    "umqtt.simple": "umqtt.simple",
    "micropython-umqtt.simple": "umqtt.simple",
    "umqtt.robust": "umqtt.robust",
    "micropython-umqtt.robust": "umqtt.robust",
    "requests": "requests",
    "micropython-requests": "requests",
    "urequests": "urequests",
    "micropython-urequests": "urequests",
    "ssl": "ssl",
    "socket": "socket",
}


def _nombre(package):
    for prefijo in ("github:", "gitlab:", "http://", "https://"):
        if package.startswith(prefijo):
            return None
    return package.split("@")[0].strip()


def install(package, index=None, target=None, version=None, mpy=True):
    nombre = _nombre(package)
    modulo = _INCLUIDAS.get(nombre) if nombre else None
    if modulo:
        print("%s: ya está instalado en la placa virtual (import %s)" % (package, modulo))
        print("%s: already installed on the virtual board" % package)
        return
    print("%s: la placa virtual no descarga paquetes; copia su .py a lib/" % package)
    print("%s: the virtual board does not download packages; copy its .py into lib/" % package)
