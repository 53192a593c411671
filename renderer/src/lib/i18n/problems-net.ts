/** Texts of the core's problems about brokers, windows, settings and the log (es + en). */
export const problemsNet = {
  es: {
    'problem.host-gone': 'Se perdió el enlace con Puente; vuelve a intentarlo en un momento.',
    'problem.traffic-log-stopped':
      'El registro de tráfico dejó de escribir en {dir}: {reason}. El puente sigue funcionando; los mensajes esperan en memoria (hasta 4 MB) y el registro vuelve solo cuando se pueda escribir.',
    'problem.traffic-log-resumed': 'El registro de tráfico vuelve a escribir en {dir}.',
    'problem.traffic-log-slow':
      'El disco de {dir} es más lento que el tráfico: el registro deja fuera las líneas nuevas hasta que se ponga al día. El puente sigue funcionando.',
    'problem.log-disabled': 'El registro de tráfico está desactivado en Ajustes.',
    'problem.web-client-too-slow':
      'Una ventana en {address} dejó de recibir las novedades de Puente y se desconectó; al recargarla vuelve a conectarse.',
    'problem.invalid-input': 'Dato no válido ({field}): {reason}',
    'problem.invalid-base64': 'El contenido no es base64 válido.',
    'problem.unknown-command': 'Orden desconocida: «{command}».',
    'problem.internal': 'Falló {command}: {reason}',
    'problem.bad-frame': 'La ventana envió algo que Puente no entiende; recárgala.',
    'problem.forbidden-sender': '{command} rechazado: no venía de la ventana de Puente.',
    'problem.settings-corrupt':
      'No se pudo leer el archivo de ajustes ({reason}). Se guardó aparte como {file} y se usan los valores por defecto.',
    'problem.secrets-unavailable':
      'La contraseña no se guardó: este ordenador no ofrece almacén cifrado (en Linux, un llavero como GNOME Keyring o KWallet). Arranca un llavero, o usa el servidor web, que la guarda en un archivo que solo tú puedes leer.',
    'problem.data-dir-not-writable':
      'Este usuario no puede escribir en {dir}: ahí guarda Puente sus ajustes y el registro de tráfico. Elige otra carpeta con --data-dir.',
    'problem.data-dir-read-only':
      '{dir} es de solo lectura: ahí guarda Puente sus ajustes y el registro de tráfico. Elige una carpeta con escritura con --data-dir.',
    'problem.http-port-taken':
      'El servidor web no puede usar el puerto {port} en {host}: lo usa otro programa. Elige otro con --http-port.',
    'problem.http-listen-failed': 'El servidor web no puede escuchar en {host}:{port}: {reason}',
    'problem.token-required':
      'Este Puente necesita el código de acceso que mostró al arrancar: abre la dirección completa que imprimió (…/?token=…).',
    'problem.origin-refused': 'Una página de otro sitio intentó usar Puente: rechazada.',
    'problem.host-refused':
      'Sin código de acceso, Puente solo responde a 127.0.0.1, localhost o [::1]: rechazado.',
    'problem.mqtt-offline': 'No hay conexión con el broker: el mensaje no se envió.',
    'problem.mqtt-lost': 'Se perdió la conexión con {broker}.',
    'problem.mqtt-refused':
      '{broker} rechazó la conexión: ¿hay un broker en esa dirección y puerto?',
    'problem.mqtt-host-not-found':
      'No se encuentra el servidor de {broker}: revisa la dirección y la red.',
    'problem.mqtt-timeout':
      '{broker} no contestó a tiempo: revisa la dirección, el puerto y la red.',
    'problem.mqtt-reset': 'El otro lado cortó la conexión con {broker}.',
    'problem.mqtt-unreachable': 'No se llega a {broker} desde esta red.',
    'problem.mqtt-bad-credentials': '{broker} rechazó el usuario o la contraseña.',
    'problem.mqtt-not-authorized':
      '{broker} dice que este cliente no tiene permiso para conectarse.',
    'problem.mqtt-bad-client-id': '{broker} rechazó el id de cliente: elige otro en Ajustes.',
    'problem.mqtt-unavailable': '{broker} dice que el servicio MQTT no está disponible ahora.',
    'problem.mqtt-bad-protocol': '{broker} no habla esta versión de MQTT.',
    'problem.mqtt-tls': 'Falló la conexión segura con {broker}: {reason}',
    'problem.mqtt-error': 'Falló la conexión con {broker}: {reason}',
    'problem.mqtt-subscribe-refused': 'El broker rechazó la suscripción a {filter}.',
    'problem.mqtt-ca-file': 'No se puede leer el archivo CA {file}: {reason}.',
    'problem.broker-port-taken':
      'El broker integrado no puede usar el puerto {port} en {host}: otro programa (¿mosquitto?) ya lo usa. Ciérralo o elige otro puerto ({setting}).',
    'problem.broker-listen-failed':
      'El broker integrado no puede escuchar en {host}:{port}: {reason}.',
    'problem.broker-not-running':
      'El broker propio de Puente no está en marcha: elige el perfil «Este ordenador».',
    'problem.broker-own-queue-full':
      'Mientras Puente estaba desconectado de su propio broker, le esperaban {limit} mensajes: los nuevos no se guardan hasta que se reconecte.',
    'problem.broker-store-failed': 'No se puede abrir el almacén del broker en {dir}: {reason}.',
    'problem.broker-store-in-memory':
      'No se puede abrir el almacén del broker en {dir} ({reason}): los mensajes retenidos y las sesiones persistentes del alumnado se guardan en memoria solo durante esta sesión. Libera espacio en la carpeta de datos y reinicia Puente para volver a guardarlos.',
    'problem.broker-store-locked':
      'El almacén del broker en {dir} lo usa otro Puente: ciérralo o arranca este con otro --data-dir.',
    'problem.classroom-needs-embedded':
      'El broker de la clase es el propio de Puente: elige primero el perfil «Este ordenador».',
    'problem.broker-refused-anonymous':
      '{client} ({address}) se conectó sin el usuario y la contraseña de la clase: rechazado.',
    'problem.broker-refused-credentials.one':
      '{count} intento fallido desde {address}: usuario o contraseña incorrectos ({client}).',
    'problem.broker-refused-credentials':
      '{count} intentos fallidos desde {address}: usuario o contraseña incorrectos (el último, {client}).',
    'problem.broker-refused-client-id':
      '{client} ({address}) intentó usar el identificador de cliente de Puente: rechazado.',
    'problem.broker-publish-refused': '{client} intentó publicar en {topic}: desconectado.',
    'problem.broker-full':
      'El broker de la clase ya tiene {limit} clientes (su límite): {client} ({address}) fue rechazado.',
    'problem.broker-message-too-large':
      '{client} envió {size} bytes en {topic}, más que el límite de {limit} bytes: desconectado.',
    'problem.profile-builtin':
      'Los perfiles incluidos no se pueden cambiar ni borrar: crea uno nuevo.',
    'problem.profile-not-found': 'No hay ningún perfil «{id}».',
    'problem.profile-test-no-url': 'Escribe la dirección del broker que quieres probar.'
  },
  en: {
    'problem.host-gone': 'The link to Puente was lost; try again in a moment.',
    'problem.traffic-log-stopped':
      'The traffic log stopped writing to {dir}: {reason}. The bridge keeps working; messages wait in memory (up to 4 MB) and the log resumes by itself when it can write again.',
    'problem.traffic-log-resumed': 'The traffic log writes again to {dir}.',
    'problem.traffic-log-slow':
      'The disk under {dir} is slower than the traffic: the log drops new lines until it catches up. The bridge keeps working.',
    'problem.log-disabled': 'The traffic log is turned off in Settings.',
    'problem.web-client-too-slow':
      "A window at {address} stopped taking Puente's updates and was disconnected; reloading it reconnects.",
    'problem.invalid-input': 'Invalid value ({field}): {reason}',
    'problem.invalid-base64': 'The payload is not valid base64.',
    'problem.unknown-command': 'Unknown command "{command}".',
    'problem.internal': '{command} failed: {reason}',
    'problem.bad-frame': 'The window sent something Puente does not understand; reload it.',
    'problem.forbidden-sender': "{command} was refused: it did not come from Puente's own window.",
    'problem.settings-corrupt':
      'The settings file could not be read ({reason}). It was kept as {file} and the defaults are in use.',
    'problem.secrets-unavailable':
      'The password was not saved: this computer offers no encrypted storage for it (on Linux, a keyring such as GNOME Keyring or KWallet). Start a keyring, or use the web host, which keeps it in a file only you can read.',
    'problem.data-dir-not-writable':
      'This user cannot write to {dir}: Puente keeps its settings and traffic log there. Choose another with --data-dir.',
    'problem.data-dir-read-only':
      '{dir} is read-only: Puente keeps its settings and traffic log there. Choose a writable directory with --data-dir.',
    'problem.http-port-taken':
      'The web host cannot use port {port} on {host}: another program uses it. Choose another with --http-port.',
    'problem.http-listen-failed': 'The web host cannot listen on {host}:{port}: {reason}',
    'problem.token-required':
      'This Puente needs the access token printed when it started: open the full address it printed (…/?token=…).',
    'problem.origin-refused': 'A page from another site tried to use Puente: refused.',
    'problem.host-refused':
      'Puente answers only to 127.0.0.1, localhost or [::1] without a token: refused.',
    'problem.mqtt-offline': 'Not connected to a broker: the message was not sent.',
    'problem.mqtt-lost': 'The connection to {broker} was lost.',
    'problem.mqtt-refused':
      '{broker} refused the connection: is a broker running there, on that port?',
    'problem.mqtt-host-not-found':
      'The host of {broker} was not found: check the address and the network.',
    'problem.mqtt-timeout':
      '{broker} did not answer in time: check the address, the port and the network.',
    'problem.mqtt-reset': 'The connection to {broker} was cut by the other side.',
    'problem.mqtt-unreachable': '{broker} cannot be reached from this network.',
    'problem.mqtt-bad-credentials': '{broker} refused the user name or password.',
    'problem.mqtt-not-authorized':
      '{broker} refused this client as not authorised: check the user name and password.',
    'problem.mqtt-bad-client-id': '{broker} rejected the client id: choose another in Settings.',
    'problem.mqtt-unavailable': '{broker} says the MQTT service is unavailable right now.',
    'problem.mqtt-bad-protocol': '{broker} does not speak this MQTT version.',
    'problem.mqtt-tls': 'The secure connection to {broker} failed: {reason}',
    'problem.mqtt-error': 'The connection to {broker} failed: {reason}',
    'problem.mqtt-subscribe-refused': 'The broker refused the subscription to {filter}.',
    'problem.mqtt-ca-file': 'The CA file {file} cannot be read: {reason}.',
    'problem.broker-port-taken':
      'The embedded broker cannot use port {port} on {host}: another program (perhaps mosquitto) already uses it. Stop that program or choose another port ({setting}).',
    'problem.broker-listen-failed': 'The embedded broker cannot listen on {host}:{port}: {reason}.',
    'problem.broker-not-running':
      'Puente\'s own broker is not running: choose the profile "This computer".',
    'problem.broker-own-queue-full':
      'While Puente was disconnected from its own broker, {limit} messages waited for it: newer ones are not kept until it reconnects.',
    'problem.broker-store-failed':
      "The embedded broker's store in {dir} cannot be opened: {reason}.",
    'problem.broker-store-in-memory':
      "The embedded broker's store in {dir} cannot be opened ({reason}): retained messages and the students' persistent sessions are kept in memory for this run only. Free some space in the data directory and restart Puente to keep them again.",
    'problem.broker-store-locked':
      "The embedded broker's store in {dir} is in use by another Puente: close it, or start this one with another --data-dir.",
    'problem.classroom-needs-embedded':
      'The class broker is Puente\'s own broker: choose the profile "This computer" first.',
    'problem.broker-refused-anonymous':
      '{client} ({address}) connected without the class user name and password: refused.',
    'problem.broker-refused-credentials.one':
      '{count} failed attempt from {address}: a wrong user name or password ({client}).',
    'problem.broker-refused-credentials':
      '{count} failed attempts from {address}: a wrong user name or password (the last from {client}).',
    'problem.broker-refused-client-id':
      "{client} ({address}) tried to use Puente's own client id: refused.",
    'problem.broker-publish-refused': '{client} tried to publish on {topic}: it was disconnected.',
    'problem.broker-full':
      'The class broker already has {limit} clients (its limit): {client} ({address}) was refused.',
    'problem.broker-message-too-large':
      "{client} sent {size} bytes on {topic}, more than the class broker's limit of {limit} bytes: it was disconnected.",
    'problem.profile-builtin':
      'The built-in profiles cannot be changed or deleted: make a new one.',
    'problem.profile-not-found': 'There is no profile "{id}".',
    'problem.profile-test-no-url': 'Give the broker address to test.'
  }
}
