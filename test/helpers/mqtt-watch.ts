import mqtt, { type MqttClient } from 'mqtt'

export interface Seen {
  topic: string
  text: string
  retain: boolean
}

/** An mqtt.js client on `url` that records every message on `filters` (what a class would see). */
export class MqttWatch {
  readonly seen: Seen[] = []
  private constructor(readonly client: MqttClient) {}

  /** Connects and waits for the SUBACK, so nothing published afterwards is missed. */
  static async start(url: string, filters: string[]): Promise<MqttWatch> {
    const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, connectTimeout: 5000 })
    const w = new MqttWatch(client)
    client.on('message', (topic, payload, packet) =>
      w.seen.push({ topic, text: payload.toString('utf8'), retain: packet.retain })
    )
    await client.subscribeAsync(filters, { qos: 0 })
    return w
  }

  /** The texts seen on `topic`, in order. */
  on(topic: string): string[] {
    return this.seen.filter((m) => m.topic === topic).map((m) => m.text)
  }

  /** Waits for a message on `topic` whose text passes `pred`; fails after `ms` with what was seen. */
  async waitFor(topic: string, pred: (text: string) => boolean, ms = 10_000): Promise<string> {
    const hit = await this.waitForAny((m) => m.topic === topic && pred(m.text), topic, ms)
    return hit.text
  }

  /** Waits for any message that passes `pred` (a topic with a wildcard part, say). */
  async waitForAny(pred: (m: Seen) => boolean, what: string, ms = 10_000): Promise<Seen> {
    const end = Date.now() + ms
    for (;;) {
      const hit = this.seen.find(pred)
      if (hit !== undefined) return hit
      if (Date.now() > end)
        throw new Error(
          `nothing matching on ${what} within ${ms} ms; seen:\n${this.seen
            .slice(-30)
            .map((m) => `${m.topic} ${m.text}`)
            .join('\n')}`
        )
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  /** Publishes as another client of the class would. */
  async publish(topic: string, text: string, retain = false): Promise<void> {
    await this.client.publishAsync(topic, text, { qos: 0, retain })
  }

  async stop(): Promise<void> {
    await this.client.endAsync(true)
  }
}
