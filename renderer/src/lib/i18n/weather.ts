/** Texts of the weather card, the place search and Open-Meteo's problems (es + en). */
export const weather = {
  es: {
    'weather.card': 'Temperatura actual',
    'weather.choose':
      'Elige un lugar (búscalo por su nombre o escribe su latitud y longitud) para publicar su temperatura.',
    'weather.waiting': 'Esperando la primera lectura…',
    'weather.measured': 'Medida a las {time} (hora local de {place})',
    'weather.next': 'Próxima consulta: {time}',
    'weather.next.none': 'Sin consultas programadas',
    'weather.last': 'Última consulta: {time}',
    'weather.stale': 'Valor antiguo',
    'weather.stale.why': 'No es una lectura reciente: {reason}',
    'weather.failed': 'No se pudo consultar el tiempo: {reason}',
    'weather.refresh': 'Actualizar ahora',
    'weather.refreshing': 'Consultando Open-Meteo…',
    'weather.published':
      'Se publica, retenido, en {topic}; cualquiera puede pedir una lectura nueva en {topic}/pedir.',
    'weather.chart': 'Hoy',
    'weather.chart.label': 'Lecturas de hoy: {n}, mínima {min}, máxima {max}',
    'weather.chart.empty': 'Aún no hay lecturas de hoy.',
    'weather.chart.one': 'Una lectura hoy: la línea sale con la siguiente.',
    'weather.place': 'Lugar',
    'weather.search': 'Buscar un lugar',
    'weather.search.placeholder': 'Madrid, Sevilla…',
    'weather.search.hint':
      'Escribe al menos dos letras y elige una sugerencia con las flechas y Intro.',
    'weather.search.none': 'Open-Meteo no conoce ningún lugar con ese nombre.',
    'weather.search.busy': 'Buscando…',
    'weather.search.results': '{n} sugerencias',
    'weather.search.results.one': '{n} sugerencia',
    'weather.coords': 'O con coordenadas',
    'weather.lat': 'Latitud',
    'weather.lon': 'Longitud',
    'weather.coords.use': 'Usar estas coordenadas',
    'weather.coords.bad': 'La latitud va de -90 a 90 y la longitud de -180 a 180.',
    'weather.interval': 'Cada (minutos)',
    'weather.unit': 'Unidad',
    'weather.unit.celsius': 'Celsius (°C)',
    'weather.unit.fahrenheit': 'Fahrenheit (°F)',
    'weather.population': '{n} hab.',

    'problem.weather-timeout': '{service} ({host}) no respondió en {seconds} s.',
    'problem.weather-network':
      'No se puede llegar a {service} ({host}): {reason}. ¿Hay conexión a internet?',
    'problem.weather-http': '{service} ({host}) respondió con el error HTTP {status}.',
    'problem.weather-rate-limited':
      '{service} pide ir más despacio (HTTP 429); se reintentará en {seconds} s.',
    'problem.weather-malformed':
      '{service} ({host}) envió una respuesta que Puente no puede usar: {reason}.',
    'problem.weather-restored':
      'Lectura de antes de reiniciar Puente ({at}); llegará una nueva enseguida.',
    'problem.weather-place-unknown':
      'Open-Meteo no conoce ningún lugar llamado «{place}». Elige uno en la ventana.',
    'problem.weather-off': 'La parte del tiempo no está en marcha.',
    'problem.weather-failed': 'No se pudo obtener el tiempo: {reason}',
    'problem.weather-stopped': 'Puente se está cerrando.'
  },
  en: {
    'weather.card': 'Current temperature',
    'weather.choose':
      'Choose a place (search it by name or type its latitude and longitude) to publish its temperature.',
    'weather.waiting': 'Waiting for the first reading…',
    'weather.measured': 'Measured at {time} ({place} local time)',
    'weather.next': 'Next fetch: {time}',
    'weather.next.none': 'No fetch scheduled',
    'weather.last': 'Last fetch: {time}',
    'weather.stale': 'Stale value',
    'weather.stale.why': 'Not a recent reading: {reason}',
    'weather.failed': 'The weather could not be fetched: {reason}',
    'weather.refresh': 'Refresh now',
    'weather.refreshing': 'Asking Open-Meteo…',
    'weather.published':
      'Published, retained, on {topic}; anyone may ask for a fresh reading on {topic}/pedir.',
    'weather.chart': 'Today',
    'weather.chart.label': "Today's readings: {n}, lowest {min}, highest {max}",
    'weather.chart.empty': 'No readings today yet.',
    'weather.chart.one': 'One reading today: the line appears with the next one.',
    'weather.place': 'Place',
    'weather.search': 'Search a place',
    'weather.search.placeholder': 'Madrid, Sevilla…',
    'weather.search.hint':
      'Type at least two letters and pick a suggestion with the arrows and Enter.',
    'weather.search.none': 'Open-Meteo knows no place by that name.',
    'weather.search.busy': 'Searching…',
    'weather.search.results': '{n} suggestions',
    'weather.search.results.one': '{n} suggestion',
    'weather.coords': 'Or by coordinates',
    'weather.lat': 'Latitude',
    'weather.lon': 'Longitude',
    'weather.coords.use': 'Use these coordinates',
    'weather.coords.bad': 'Latitude goes from -90 to 90 and longitude from -180 to 180.',
    'weather.interval': 'Every (minutes)',
    'weather.unit': 'Unit',
    'weather.unit.celsius': 'Celsius (°C)',
    'weather.unit.fahrenheit': 'Fahrenheit (°F)',
    'weather.population': '{n} people',

    'problem.weather-timeout': '{service} ({host}) did not answer within {seconds} s.',
    'problem.weather-network':
      '{service} ({host}) cannot be reached: {reason}. Is this computer online?',
    'problem.weather-http': '{service} ({host}) answered with HTTP error {status}.',
    'problem.weather-rate-limited':
      '{service} asks Puente to slow down (HTTP 429); retrying in {seconds} s.',
    'problem.weather-malformed': '{service} ({host}) sent an answer Puente cannot use: {reason}.',
    'problem.weather-restored':
      'Reading from before Puente restarted ({at}); a fresh one is on its way.',
    'problem.weather-place-unknown':
      'Open-Meteo knows no place called "{place}". Choose one in the window.',
    'problem.weather-off': 'The weather part is not running.',
    'problem.weather-failed': 'Fetching the weather failed: {reason}',
    'problem.weather-stopped': 'Puente is stopping.'
  }
} as const
