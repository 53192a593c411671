import { promises as fs } from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import { CSP } from '../shared/csp'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2'
}

/** Serves the built renderer from `root`, nothing outside it, with the CSP on every answer. */
export async function serveStatic(
  root: string,
  req: http.IncomingMessage,
  res: http.ServerResponse
): Promise<void> {
  const headers = {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache'
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, headers).end()
    return
  }
  let pathname: string
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
  } catch {
    res.writeHead(400, headers).end()
    return
  }
  if (pathname.endsWith('/')) pathname += 'index.html'
  const file = path.join(root, path.normalize(pathname))
  if (!file.startsWith(root + path.sep)) {
    res.writeHead(403, headers).end()
    return
  }
  try {
    const body = await fs.readFile(file)
    res.writeHead(200, {
      ...headers,
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream'
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  } catch {
    res
      .writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' })
      .end('Not found\n')
  }
}
