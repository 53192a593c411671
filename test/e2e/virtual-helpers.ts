/// <reference lib="dom" />
import type { Page } from '@playwright/test'

/** Exercises 1 and 3 as a student pastes them: tabs, a BOOT irq, three PWM pins on clase_eoi/led. */
export function program(port: number): string {
  return [
    'import json',
    'import time',
    'import network',
    'from machine import Pin, PWM',
    'from umqtt.simple import MQTTClient',
    '',
    'wlan = network.WLAN(network.STA_IF)',
    'wlan.active(True)',
    'wlan.connect("aula", "clave")',
    'while not wlan.isconnected():',
    '\ttime.sleep_ms(100)',
    '',
    'rojo = PWM(Pin(25), freq=1000)',
    'verde = PWM(Pin(26), freq=1000)',
    'azul = PWM(Pin(27), freq=1000)',
    '',
    'def al_llegar(tema, mensaje):',
    '\tc = json.loads(mensaje)',
    '\trojo.duty(c["r"] * 1023 // 255)',
    '\tverde.duty(c["g"] * 1023 // 255)',
    '\tazul.duty(c["b"] * 1023 // 255)',
    '',
    'pulsado = False',
    'enviados = 0',
    'def al_pulsar(pin):',
    '\tglobal pulsado',
    '\tpulsado = True',
    '',
    'boton = Pin(0, Pin.IN, Pin.PULL_UP)',
    'boton.irq(trigger=Pin.IRQ_FALLING, handler=al_pulsar)',
    '',
    `cliente = MQTTClient("virtual-e2e", "127.0.0.1", port=${port})`,
    'cliente.set_callback(al_llegar)',
    'cliente.connect()',
    'cliente.subscribe(b"clase_eoi/led")',
    'print("lista para la clase")',
    'while True:',
    '\tcliente.check_msg()',
    '\tif pulsado:',
    '\t\tpulsado = False',
    '\t\tcliente.publish(b"clase_eoi", b"hola desde la placa virtual")',
    '\t\tenviados += 1',
    '\t\tprint("mensaje", enviados)',
    '\ttime.sleep_ms(20)',
    ''
  ].join('\n')
}

/** Pastes `text` into the code editor as the clipboard would (CodeMirror reads the paste event). */
export async function paste(page: Page, text: string): Promise<void> {
  const content = page.getByTestId('virtual-editor').locator('.cm-content')
  await content.click()
  await page.keyboard.press('ControlOrMeta+A')
  await content.evaluate((el, t) => {
    const data = new DataTransfer()
    data.setData('text/plain', t)
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }))
  }, text)
}

/** Buttons smaller than 24×24 px and text under 12 px in the Board tab. */
export function tooSmall(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const view = document.querySelector('.board-view')!
    // the chooser's radios are hidden: their labels are the targets
    const targets = 'button, select, input[type=text], input:not([type]), .chooser label'
    for (const el of view.querySelectorAll<HTMLElement>(targets)) {
      const r = el.getBoundingClientRect()
      if (r.width && (r.width < 24 || r.height < 24))
        out.push(`${el.tagName} "${el.textContent?.trim()}" ${r.width}×${r.height}`)
    }
    for (const el of view.querySelectorAll<HTMLElement>('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim())
      const size = parseFloat(getComputedStyle(el).fontSize)
      if (own && el.getBoundingClientRect().width && size < 12)
        out.push(`${el.tagName} "${el.textContent?.trim().slice(0, 20)}" ${size}px`)
    }
    return out
  })
}
