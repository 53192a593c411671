import mqtt from 'mqtt'
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { WeatherSettings, WeatherState } from '../../../electron/contract'
import type { Puente } from '../../../electron/core/puente'
import type { WeatherService } from '../../../electron/core/weather/service'
import { startTestHub, tempDir, until } from '../../helpers/hub'
import { OpenMeteoServer } from '../../helpers/open-meteo-server'

export const MADRID = { place: 'Madrid', latitude: 40.4165, longitude: -3.70256 }
export const SEVILLA = { name: 'Sevilla', latitude: 37.38283, longitude: -5.97317 }

/** A core on free ports whose weather part talks to the fixture server, with fast timings. */
export function startWeatherHub(
  server: OpenMeteoServer,
  weather: Partial<WeatherSettings> = {},
  dataDir = tempDir()
): Promise<Puente> {
  return startTestHub(
    {
      weather: {
        forecastUrl: server.forecastUrl,
        geocodingUrl: server.geocodingUrl,
        timeoutSeconds: 3,
        retryMinSeconds: 0.1,
        retryMaxSeconds: 5,
        ...weather
      }
    },
    dataDir
  )
}

/**
 * The hooks every weather suite needs: one fixture server for the suite, and after each test
 * the cores it started stopped and the server healed with an empty request log.
 */
export function weatherSuite(): {
  server: OpenMeteoServer
  startHub: (weather?: Partial<WeatherSettings>, dataDir?: string) => Promise<Puente>
} {
  const server = new OpenMeteoServer()
  let hubs: Puente[] = []
  beforeAll(() => server.start())
  afterAll(() => server.stop())
  afterEach(async () => {
    for (const hub of hubs) await hub.stop().catch(() => undefined)
    hubs = []
    server.heal()
    server.log.length = 0
  })
  return {
    server,
    startHub: async (weather, dataDir) => {
      const hub = await startWeatherHub(server, weather, dataDir)
      hubs.push(hub)
      return hub
    }
  }
}

/** The weather card's state, as a window gets it. */
export async function weatherState(hub: Puente): Promise<WeatherState> {
  const r = await hub.invoke('weather:get-state', {})
  if (!r.ok) throw new Error(r.error.message)
  return r.value as WeatherState
}

/** The weather service itself (for state() in polling loops). */
export function weather(hub: Puente): WeatherService {
  return hub.services.weather
}

/** Waits until the weather state satisfies `pred`. */
export function untilWeather(
  hub: Puente,
  pred: (s: WeatherState) => boolean,
  what: string,
  ms = 8000
): Promise<void> {
  return until(() => pred(weather(hub).state()), what, ms)
}

/** A subscriber that connects now and collects what arrives on `topic` (retained first). */
export async function subscriber(
  hub: Puente,
  topic: string
): Promise<{
  messages: { payload: Record<string, unknown>; retain: boolean }[]
  client: mqtt.MqttClient
  end: () => Promise<void>
}> {
  const client = await mqtt.connectAsync(hub.brokerUrl, { reconnectPeriod: 0 })
  const messages: { payload: Record<string, unknown>; retain: boolean }[] = []
  client.on('message', (t, payload, packet) => {
    if (t === topic)
      messages.push({
        payload: JSON.parse(payload.toString()) as Record<string, unknown>,
        retain: packet.retain
      })
  })
  await client.subscribeAsync(topic, { qos: 1 })
  return { messages, client, end: () => client.endAsync() }
}
