import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { monoMicros, monoMs } from './clock.ts'
import { timestamp } from './payload.ts'

const clockModule = fileURLToPath(new URL('./clock.ts', import.meta.url))

describe('the clock the bench processes share', () => {
  it('reads alike in another process: a child started later reads between our two readings', () => {
    const before = monoMicros()
    const script = `import(${JSON.stringify(clockModule)}).then((clock) => console.log(clock.monoMicros()))`
    const child = Number(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }).trim())
    const after = monoMicros()
    expect(child).toBeGreaterThan(before)
    expect(child).toBeLessThan(after)
  })

  it('gives milliseconds and microseconds of the same clock', () => {
    const ms = monoMs()
    const micros = monoMicros()
    expect(micros / 1000).toBeGreaterThanOrEqual(Math.floor(ms))
    expect(micros / 1000 - ms).toBeLessThan(50)
  })

  it('stamps a write with its microseconds in 16 digits', () => {
    const before = monoMicros()
    const stamped = timestamp()
    expect(stamped).toMatch(/^\d{16}$/)
    expect(Number(stamped)).toBeGreaterThanOrEqual(before)
    expect(Number(stamped)).toBeLessThanOrEqual(monoMicros())
  })
})
