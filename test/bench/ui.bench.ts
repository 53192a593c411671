/// <reference lib="dom" />
/**
 * UI responsiveness benchmark (not a test): 5,000 messages a second over 200 topics for 30 s
 * are published into the web host's embedded broker while Debian's Chromium shows the window.
 * It counts the window's updates per second (traffic:batch frames on its WebSocket) and the
 * time from a real click on a tab to the next painted frame, under load and, as the reference
 * of the same run, with the broker idle. Prints medians (and p95).
 * Knobs: BENCH_UI_RATE (msg/s), BENCH_UI_SECONDS, BENCH_UI_TOPICS.
 */
import { chromium, type Page } from '@playwright/test'
import mqtt from 'mqtt'
import { startWebHost } from '../e2e/helpers'

const RATE = Number(process.env.BENCH_UI_RATE ?? 5000)
const SECONDS = Number(process.env.BENCH_UI_SECONDS ?? 30)
const TOPICS = Number(process.env.BENCH_UI_TOPICS ?? 200)
const TICK_MS = 50

function quantile(xs: number[], q: number): number {
  if (!xs.length) return NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}
const fmt = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '-')

/** Records, in the page, the time from each click's input event to the frame painted after it. */
async function watchClicks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __clicks: number[]; __long: number[] }
    w.__clicks = []
    w.__long = []
    // tasks over 50 ms on the window's main thread: what would make a click wait
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => w.__long.push(e.duration))
    ).observe({
      entryTypes: ['longtask']
    })
    document.addEventListener(
      'click',
      (e) => {
        const t0 = e.timeStamp
        // rAF runs just before the paint; a task queued from it runs just after
        requestAnimationFrame(() => setTimeout(() => w.__clicks.push(performance.now() - t0), 0))
      },
      true
    )
  })
}

/** Clicks the Messages and Topics tabs in turn for `ms`; returns the click-to-paint times. */
async function clickTabs(page: Page, ms: number, names: [string, string]): Promise<number[]> {
  await page.evaluate(() => ((window as unknown as { __clicks: number[] }).__clicks = []))
  const until = Date.now() + ms
  let i = 0
  while (Date.now() < until) {
    await page.getByRole('tab', { name: names[i++ % 2] }).click()
    await page.waitForTimeout(400)
  }
  await page.waitForTimeout(200)
  return page.evaluate(() => (window as unknown as { __clicks: number[] }).__clicks)
}

async function main(): Promise<void> {
  const host = await startWebHost()
  const browser = await chromium.launch({
    executablePath: process.env.PUENTE_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
  })
  const publisher = mqtt.connect(`mqtt://127.0.0.1:${host.brokerPort}`, { clientId: 'ui-bench' })
  try {
    await new Promise<void>((resolve, reject) => {
      publisher.once('connect', () => resolve())
      publisher.once('error', reject)
    })
    const page = await browser.newPage({ viewport: { width: 420, height: 600 }, locale: 'en-US' })
    // every traffic:batch frame the window receives, by second, and the messages in them
    const batches: number[] = []
    let delivered = 0
    let dropped = 0
    let counting = false
    page.on('websocket', (ws) =>
      ws.on('framereceived', (f) => {
        if (
          !counting ||
          typeof f.payload !== 'string' ||
          !f.payload.startsWith('{"event":"traffic:batch"')
        )
          return
        batches.push(Date.now())
        const b = JSON.parse(f.payload) as { payload: { messages: unknown[]; dropped: number } }
        delivered += b.payload.messages.length
        dropped += b.payload.dropped
      })
    )
    await page.goto(host.url)
    await page.getByText('Connected', { exact: true }).waitFor()
    await watchClicks(page)
    const tabs: [string, string] = ['Topics', 'Messages']

    const idle = await clickTabs(page, 5000, tabs)

    // 5,000 msg/s: a burst every TICK_MS, round-robin over the topics, ~60-byte JSON payloads
    let sent = 0
    counting = true
    const started = Date.now()
    const timer = setInterval(() => {
      const due = Math.floor(((Date.now() - started) / 1000) * RATE) - sent
      for (let k = 0; k < due; k++, sent++) {
        const topic = `clase_eoi/bench/t${sent % TOPICS}`
        publisher.publish(
          topic,
          JSON.stringify({ n: sent, v: (sent % 1000) / 10, at: Date.now() }),
          { qos: 0 }
        )
      }
    }, TICK_MS)
    await page.waitForTimeout(2000) // let the stream settle before measuring clicks
    const loaded = await clickTabs(page, SECONDS * 1000 - 2000, tabs)
    clearInterval(timer)
    const elapsed = (Date.now() - started) / 1000
    // let what is still queued in the core reach the window
    for (let last = -1; last !== delivered;) {
      last = delivered
      await page.waitForTimeout(1000)
    }
    counting = false
    await page.getByRole('tab', { name: 'Messages' }).click()
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long)

    const perSecond = new Map<number, number>()
    for (const t of batches)
      perSecond.set(
        Math.floor((t - started) / 1000),
        (perSecond.get(Math.floor((t - started) / 1000)) ?? 0) + 1
      )
    const rates = [...perSecond.entries()]
      .filter(([s]) => s >= 1 && s < SECONDS - 1)
      .map(([, n]) => n)
    const shown = await page
      .getByTestId('count')
      .textContent()
      .catch(() => '')

    console.log(
      `published ${sent} messages over ${TOPICS} topics in ${elapsed.toFixed(1)} s (${Math.round(sent / elapsed)} msg/s)`
    )
    console.log(
      `window updates/s: median ${quantile(rates, 0.5)}, max ${Math.max(...rates)} (target: at most ~10)`
    )
    console.log(
      `messages pushed to the window: ${delivered} of ${sent} (+${dropped} the core counted as not shown)`
    )
    console.log(
      `long tasks (>50 ms) in the window: ${long.length}, longest ${fmt(Math.max(0, ...long))} ms`
    )
    console.log(
      `click → paint, idle (reference): median ${fmt(quantile(idle, 0.5))} ms, p95 ${fmt(quantile(idle, 0.95))} ms (${idle.length} clicks)`
    )
    console.log(
      `click → paint, under load:       median ${fmt(quantile(loaded, 0.5))} ms, p95 ${fmt(quantile(loaded, 0.95))} ms (${loaded.length} clicks; target < 100 ms)`
    )
    console.log(`list at the end: ${shown}`)
  } finally {
    publisher.end(true)
    await browser.close()
    await host.stop()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
