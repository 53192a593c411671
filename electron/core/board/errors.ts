import type { Problem } from '../../contract'
import { errorText, problem } from '../util/problem'

/** The serial port's failure in words: which port, what happened, what to do. */
export function describeSerialError(err: unknown, port: string): Problem {
  const text = errorText(err)
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? ''
  if (code === 'ENOENT' || /no such file|ENOENT/i.test(text))
    return problem('serial-missing', `Serial port ${port} is missing: is the board plugged in?`, {
      port
    })
  if (code === 'EACCES' || /permission denied|EACCES/i.test(text))
    return problem(
      'serial-permission',
      `Permission denied on ${port}. On Linux add yourself to the dialout group: sudo usermod -aG dialout $USER, then log out and in again.`,
      { port }
    )
  if (code === 'EBUSY' || /busy|lock|temporarily unavailable|EAGAIN/i.test(text))
    return problem(
      'serial-busy',
      `Serial port ${port} is busy: another program (Thonny, the Arduino IDE, a serial monitor…) has it open. Close it and Puente retries.`,
      { port }
    )
  if (/not a (tty|typewriter)|ENOTTY|inappropriate ioctl/i.test(text))
    return problem('serial-not-tty', `${port} is not a serial port.`, { port })
  return problem('serial-failed', `Serial port ${port}: ${text}`, { port, reason: text })
}
