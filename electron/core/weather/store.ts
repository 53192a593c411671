import { promises as fs } from 'node:fs'
import path from 'node:path'
import * as v from 'valibot'
import type { WeatherPlace, WeatherReading, WeatherState } from '../../contract'
import { writeFileAtomic } from '../util/atomic'

/** What weather.json keeps across restarts: the last good reading and today's readings. */
export interface WeatherMemory {
  reading: WeatherReading | null
  today: WeatherState['today']
}

const unit = v.picklist(['°C', '°F'])
const MemorySchema = v.object({
  version: v.literal(1),
  reading: v.nullable(
    v.object({
      temperature: v.number(),
      unit,
      time: v.string(),
      name: v.string(),
      latitude: v.number(),
      longitude: v.number(),
      country: v.optional(v.string()),
      admin1: v.optional(v.string()),
      fetchedAt: v.string()
    })
  ),
  today: v.array(v.object({ t: v.string(), temperature: v.number(), unit }))
})

/** Most readings kept for the chart (a day at one a minute, with room). */
export const MAX_TODAY = 2000

/** weather.json in the data directory, written atomically. */
export class WeatherStore {
  readonly file: string

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'weather.json')
  }

  /** The saved memory; a missing or unreadable file is an empty one (it is only a cache). */
  async load(): Promise<WeatherMemory> {
    try {
      const parsed = v.safeParse(MemorySchema, JSON.parse(await fs.readFile(this.file, 'utf8')))
      if (parsed.success) return { reading: parsed.output.reading, today: parsed.output.today }
      console.error(
        `weather: ${this.file} is not usable (${parsed.issues[0].message}); starting without it`
      )
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        console.error(`weather: cannot read ${this.file}:`, err)
    }
    return { reading: null, today: [] }
  }

  /** Saves the memory (old or new file for a reader, never half of one). */
  async save(memory: WeatherMemory): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify({ version: 1, ...memory }) + '\n')
  }
}

/** True when `reading` was taken at `place` (same coordinates). */
export function samePlace(a: WeatherPlace | null, b: WeatherPlace | null): boolean {
  return !!a && !!b && a.latitude === b.latitude && a.longitude === b.longitude
}

/** The readings of `today` taken on the local day of `now`. */
export function todayOnly(today: WeatherState['today'], now = new Date()): WeatherState['today'] {
  const day = now.toDateString()
  return today.filter((r) => new Date(r.t).toDateString() === day)
}
