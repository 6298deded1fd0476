import { lazy, type ReactElement } from 'react'
import { describe, expect, it } from 'vitest'
import { lazyScreen } from './lazy-screen.ts'

function Hello({ name }: { name: string }) {
  return name
}
const LazyType = (lazy(async () => ({ default: Hello })) as unknown as { $$typeof: symbol }).$$typeof

describe('lazyScreen', () => {
  it('suspends (React.lazy) until its chunk has loaded, then renders the screen itself', async () => {
    let loads = 0
    const Screen = lazyScreen(async () => {
      loads += 1
      return { default: Hello }
    })
    const before = Screen({ name: 'Amina' }) as ReactElement
    expect((before.type as { $$typeof?: symbol }).$$typeof).toBe(LazyType)
    await Screen.preload()
    await Screen.preload()
    const after = Screen({ name: 'Amina' }) as ReactElement<{ name: string }>
    expect(after.type).toBe(Hello)
    expect(after.props.name).toBe('Amina')
    expect(loads).toBe(1)
  })

  it('tries the chunk again after a failed fetch', async () => {
    let attempt = 0
    const Screen = lazyScreen(async () => {
      attempt += 1
      if (attempt === 1) throw new Error('offline')
      return { default: Hello }
    })
    await expect(Screen.preload()).rejects.toThrow('offline')
    await Screen.preload()
    expect((Screen({ name: 'x' }) as ReactElement).type).toBe(Hello)
  })
})
