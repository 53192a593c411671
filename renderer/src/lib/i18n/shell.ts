/** Words of the desktop shell: where the tray icon is, the keyring notice, start-up settings. */
export const shell = {
  es: {
    'problem.shell-tray-hint':
      'Puente sigue abierto en la bandeja del panel. Si tu escritorio no muestra bandeja (GNOME sin la extensión AppIndicator), vuelve a abrir Puente para traer esta ventana.',
    'problem.shell-secrets-basic-text':
      'Este ordenador no tiene un llavero del sistema activo, así que Puente guarda las contraseñas en un archivo sellado que solo tu usuario puede leer.',
    'problem.shell-autostart-failed':
      'No se pudo cambiar si Puente arranca con el ordenador: {reason}',
    'problem.shell-autostart-approval':
      'macOS pide tu permiso para que Puente arranque con el ordenador: abre Ajustes del Sistema → General → Ítems de inicio y activa Puente.',
    'problem.shell-autostart-not-found':
      'macOS no encuentra Puente para arrancarlo con el ordenador: mueve Puente a la carpeta Aplicaciones, ábrelo desde allí y vuelve a marcar la opción.',
    'settings.shell': 'Escritorio',
    'settings.shell.showWindowAtStart': 'Mostrar la ventana al arrancar',
    'settings.shell.openAtLogin': 'Arrancar con el ordenador'
  },
  en: {
    'problem.shell-tray-hint':
      "Puente keeps running in the panel's tray area. If your desktop shows no tray (GNOME without the AppIndicator extension), start Puente again to bring this window back.",
    'problem.shell-secrets-basic-text':
      'This computer has no system keyring running, so Puente keeps passwords in a sealed file only your user can read.',
    'problem.shell-autostart-failed':
      'Puente could not change whether it starts with the computer: {reason}',
    'problem.shell-autostart-approval':
      'macOS asks for your permission before Puente starts with the computer: open System Settings → General → Login Items and turn Puente on.',
    'problem.shell-autostart-not-found':
      'macOS cannot find Puente to start it with the computer: move Puente into the Applications folder, open it from there and tick the option again.',
    'settings.shell': 'Desktop',
    'settings.shell.showWindowAtStart': 'Show the window at start',
    'settings.shell.openAtLogin': 'Start with the computer'
  }
} as const
