import { createServer, type Server } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { TestBoard } from '../../helpers/virtual-board'

// select.poll as a program uses it on the virtual board: the USB (sys.stdin) and sockets are
// ready only when data waits, as on an ESP32.

const boards: TestBoard[] = []
const servers: Server[] = []
afterEach(async () => {
  await Promise.all(boards.splice(0).map((b) => b.dispose()))
  for (const s of servers.splice(0)) s.close()
})

describe('virtual board select', () => {
  it('polls a socket and sys.stdin together, waiting for whichever has data', async () => {
    const srv = createServer((s) => setTimeout(() => s.write('hola\n'), 300))
    servers.push(srv)
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
    const port = (srv.address() as { port: number }).port
    const main = `import network, socket, select, sys, time
w = network.WLAN(network.STA_IF)
w.active(True)
w.connect('clase', 'secreto')
s = socket.socket()
s.connect(socket.getaddrinfo('127.0.0.1', ${port})[0][-1])
p = select.poll()
p.register(s, select.POLLIN)
p.register(sys.stdin, select.POLLIN)
print('nada', p.poll(50))
r = p.poll(5000)
print('socket', len(r), r[0][0] is s, s.readline())
print('select', select.select([s], [], [], 0.05)[0])
r = p.poll(5000)
print('usb', r[0][0] is sys.stdin, sys.stdin.read(2))
`
    const b = TestBoard.withFiles({ 'main.py': main })
    boards.push(b)
    await b.board.start()
    await b.line('socket')
    b.board.writeSerial(Buffer.from('ok'))
    await b.until(() => b.run !== 'running', 'the end')
    expect(b.out).toEqual(['nada ()', "socket 1 True b'hola\\n'", 'select []', 'usb True ok'])
  })
})
