import net from 'node:net'

export interface ProbeReport {
  loop: { p50: number; p99: number; max: number; mean: number; samples: number }
  rss: number
  heapUsed: number
}

/** The bench's side of the probe (see loop-delay.ts): one command, one JSON line back. */
export async function probe(socketPath: string, command: 'reset' | 'pause' | 'resume' | 'report' | 'gc', timeoutMs = 10_000): Promise<ProbeReport> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath)
    let buffered = ''
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`probe ${command} timed out`))
    }, timeoutMs)
    socket.on('connect', () => socket.write(`${command}\n`))
    socket.on('data', (chunk) => {
      buffered += chunk.toString()
      const newline = buffered.indexOf('\n')
      if (newline < 0) return
      clearTimeout(timer)
      socket.end()
      resolve(JSON.parse(buffered.slice(0, newline)) as ProbeReport)
    })
    socket.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
  })
}
