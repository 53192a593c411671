/** Texts of the core's problems about the board: serial port, firmware, colours (es + en). */
export const problemsBoard = {
  es: {
    'problem.serial-missing': 'Falta el puerto serie {port}: ¿está la placa enchufada?',
    'problem.serial-permission':
      'Permiso denegado en {port}. En Linux, añádete al grupo dialout: sudo usermod -aG dialout $USER, y cierra y abre la sesión.',
    'problem.serial-busy':
      'El puerto {port} está ocupado: otro programa (Thonny, el IDE de Arduino, un monitor serie…) lo tiene abierto. Ciérralo y Puente lo reintenta.',
    'problem.serial-failed': 'Puerto serie {port}: {reason}',
    'problem.serial-list-failed':
      'Aquí no se pueden listar los puertos serie ({reason}); escribe la ruta del puerto.',
    'problem.board-unplugged':
      'Se desenchufó la placa de {port}. Al volver a enchufarla se reconecta sola.',
    'problem.serial-line-too-long':
      'La placa de {port} envió una línea de más de 64 KB sin salto de línea; se descartó.',
    'problem.serial-not-tty': '{port} no es un puerto serie.',
    'problem.serial-not-text':
      'La placa de {port} envía bytes que no son texto: ¿es correcta la velocidad ({baud})?',
    'problem.board-not-connected': 'No hay ninguna placa conectada: enchúfala o elige su puerto.',
    'problem.firmware-busy': 'Ya se está instalando el firmware.',
    'problem.firmware-no-micropython':
      'La placa de {port} no responde como MicroPython. Instálale MicroPython primero (con Thonny o esptool) y vuelve a probar.',
    'problem.firmware-timeout': 'La placa de {port} dejó de responder.',
    'problem.firmware-verify': '{file} no llegó entero a la placa de {port}. Vuelve a intentarlo.',
    'problem.firmware-write': 'Falló la instalación: {reason}',
    'problem.bad-colour':
      'No es un color: {fault}. Envía {"r":0..255,"g":0..255,"b":0..255} o "#rrggbb".',
    'problem.bad-colour.fault.hex': 'el texto debe ser "#rrggbb"',
    'problem.bad-colour.fault.not-object': 'no es un objeto JSON',
    'problem.bad-colour.fault.missing': 'falta "{key}"',
    'problem.bad-colour.fault.not-number': '"{key}" no es un número',
    'problem.bad-colour.fault.not-whole': '"{key}" no es un número entero',
    'problem.bad-colour.fault.range': '"{key}" está fuera de 0..255',
    'problem.bad-colour.fault.extra': 'sobra el campo "{key}"',
    'problem.bad-colour.fault.empty': 'el mensaje está vacío',
    'problem.bad-colour.fault.too-long': 'el mensaje es demasiado largo',
    'problem.bad-colour.fault.not-utf8': 'el mensaje no es texto UTF-8',
    'problem.bad-colour.fault.not-json': 'el mensaje no es JSON'
  },
  en: {
    'problem.serial-missing': 'Serial port {port} is missing: is the board plugged in?',
    'problem.serial-permission':
      'Permission denied on {port}. On Linux add yourself to the dialout group: sudo usermod -aG dialout $USER, then log out and in again.',
    'problem.serial-busy':
      'Serial port {port} is busy: another program (Thonny, the Arduino IDE, a serial monitor…) has it open. Close it and Puente retries.',
    'problem.serial-failed': 'Serial port {port}: {reason}',
    'problem.serial-list-failed':
      "Serial ports cannot be listed here ({reason}); type the port's path instead.",
    'problem.board-unplugged':
      'The board on {port} was unplugged. Plugging it in again reconnects it.',
    'problem.serial-line-too-long':
      'The board on {port} sent a line longer than 64 KB without a newline; it was dropped.',
    'problem.serial-not-tty': '{port} is not a serial port.',
    'problem.serial-not-text':
      'The board on {port} sent bytes that are not text: is the baud rate right ({baud})?',
    'problem.board-not-connected': 'No board is connected: plug it in or choose its port first.',
    'problem.firmware-busy': 'The firmware is already being installed.',
    'problem.firmware-no-micropython':
      'The board on {port} does not answer as MicroPython. Put MicroPython on it first (for example with Thonny or esptool), then try again.',
    'problem.firmware-timeout': 'The board on {port} stopped answering.',
    'problem.firmware-verify': '{file} did not arrive intact on the board on {port}. Try again.',
    'problem.firmware-write': 'Installing failed: {reason}',
    'problem.bad-colour':
      'Not a colour: {fault}. Send {"r":0..255,"g":0..255,"b":0..255} or "#rrggbb".',
    'problem.bad-colour.fault.hex': 'text must be "#rrggbb"',
    'problem.bad-colour.fault.not-object': 'it is not a JSON object',
    'problem.bad-colour.fault.missing': '"{key}" is missing',
    'problem.bad-colour.fault.not-number': '"{key}" is not a number',
    'problem.bad-colour.fault.not-whole': '"{key}" is not a whole number',
    'problem.bad-colour.fault.range': '"{key}" is outside 0..255',
    'problem.bad-colour.fault.extra': 'unexpected field "{key}"',
    'problem.bad-colour.fault.empty': 'the message is empty',
    'problem.bad-colour.fault.too-long': 'the message is too long',
    'problem.bad-colour.fault.not-utf8': 'the message is not UTF-8 text',
    'problem.bad-colour.fault.not-json': 'the message is not JSON'
  }
}
