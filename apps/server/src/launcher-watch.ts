import { readFileSync } from 'node:fs'

/**
 * `npm start` runs the server five processes deep (npm → sh → turbo → npm → sh → node). If someone kills the
 * outer npm with SIGKILL, nothing tells the server, which would keep the port and the database. This watches the
 * processes between the server and the npm that started it (those npm spawned carry `npm_lifecycle_event`, and the
 * first one without it is that npm) and calls onOrphaned once any of them is gone. Linux only (/proc); elsewhere, and
 * when not started by npm, it does nothing.
 */
export function watchLauncher(onOrphaned: () => void, everyMs = 1_000): void {
  const launchers = launcherChain()
  if (launchers.length === 0) return
  const timer = setInterval(() => {
    for (const pid of launchers) {
      if (alive(pid)) continue
      clearInterval(timer)
      onOrphaned()
      return
    }
  }, everyMs)
  timer.unref()
}

function launcherChain(): number[] {
  const chain: number[] = []
  let pid = process.ppid
  for (let depth = 0; depth < 12 && pid > 1; depth++) {
    const environ = read(`/proc/${pid}/environ`)
    if (environ === null) break
    chain.push(pid)
    if (!environ.includes('npm_lifecycle_event=')) break // the npm that was started by a person or a script
    const stat = read(`/proc/${pid}/stat`)
    if (stat === null) break
    pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  }
  return chain
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'latin1')
  } catch {
    return null
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
