import { describe, expect, it } from 'vitest'
import { NetworkPresence } from './network-presence.ts'

const amina = { id: 'u-amina', displayName: 'Amina' }
const bruno = { id: 'u-bruno', displayName: 'Bruno' }
const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('NetworkPresence', () => {
  it('lists who is in a network and which ideas they have open, counting each socket', () => {
    const presence = new NetworkPresence()
    const leaveA1 = presence.enter('asia', amina, 'idea-1')
    const leaveA2 = presence.enter('asia', amina, 'idea-1') // a second tab
    const leaveB = presence.enter('asia', bruno, null)
    presence.enter('latin-america', bruno, 'idea-9')
    expect(presence.list('asia')).toEqual([
      { id: 'u-amina', displayName: 'Amina', ideaIds: ['idea-1'] },
      { id: 'u-bruno', displayName: 'Bruno', ideaIds: [] },
    ])
    leaveA1()
    leaveA1() // leaving twice is harmless
    expect(presence.list('asia').map((u) => u.id)).toEqual(['u-amina', 'u-bruno'])
    leaveA2()
    leaveB()
    expect(presence.list('asia')).toEqual([])
    expect(presence.list('latin-america')).toEqual([{ id: 'u-bruno', displayName: 'Bruno', ideaIds: ['idea-9'] }])
  })

  it('tells listeners once per tick, only for their network', async () => {
    const presence = new NetworkPresence()
    const seen: string[][] = []
    const unsubscribe = presence.subscribe('asia', (users) => seen.push(users.map((u) => u.displayName)))
    presence.enter('asia', amina, null)
    presence.enter('asia', bruno, 'idea-2')
    presence.enter('mena', bruno, null)
    await tick()
    expect(seen).toEqual([['Amina', 'Bruno']])
    unsubscribe()
    presence.enter('asia', { id: 'u-c', displayName: 'Chen' }, null)
    await tick()
    expect(seen).toHaveLength(1)
  })
})
