import { isUtf8 } from 'node:buffer'
import type { Encoding } from '../../contract'

/** Text for a payload: UTF-8 when it is valid UTF-8, base64 otherwise, so binary is never mangled. */
export function encodePayload(payload: Buffer): { payload: string; enc: Encoding } {
  return isUtf8(payload)
    ? { payload: payload.toString('utf8'), enc: 'utf8' }
    : { payload: payload.toString('base64'), enc: 'base64' }
}

/** The bytes of a payload written by encodePayload. */
export function decodePayload(payload: string, enc: Encoding): Buffer {
  return Buffer.from(payload, enc === 'base64' ? 'base64' : 'utf8')
}
