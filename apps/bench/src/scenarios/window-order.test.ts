import { describe, expect, it } from 'vitest'
import { completeRounds, windowOrder } from './window-order.ts'

/** How often server b is measured right after server a, over the rounds and across their boundaries. */
function followers(count: number, rounds: number): Map<string, number> {
  const sequence = Array.from({ length: rounds }, (_, round) => windowOrder(count, round)).flat()
  const pairs = new Map<string, number>()
  for (let i = 1; i < sequence.length; i++) {
    const key = `${sequence[i - 1]}>${sequence[i]}`
    pairs.set(key, (pairs.get(key) ?? 0) + 1)
  }
  return pairs
}

describe('windowOrder', () => {
  it('measures every server once per round', () => {
    for (const count of [1, 2, 3, 5]) {
      for (let round = 0; round < 12; round++) {
        expect([...windowOrder(count, round)].sort()).toEqual(Array.from({ length: count }, (_, i) => i))
      }
    }
  })

  it('within rounds, lets every server follow every other equally often over 2 × count rounds', () => {
    for (const count of [2, 3, 4, 5]) {
      const within = new Map<string, number>()
      for (let round = 0; round < 2 * count; round++) {
        const order = windowOrder(count, round)
        for (let i = 1; i < order.length; i++) {
          const key = `${order[i - 1]}>${order[i]}`
          within.set(key, (within.get(key) ?? 0) + 1)
        }
      }
      expect(within.size).toBe(count * (count - 1))
      expect(new Set(within.values())).toEqual(new Set([2]))
    }
  })

  it('does not let one server always follow the same one, as turns alone did', () => {
    // Three servers, four rounds (the A/A runs): each has at least two different predecessors.
    const pairs = followers(3, 4)
    for (const server of [0, 1, 2]) {
      const before = [...pairs.keys()].filter((key) => key.endsWith(`>${server}`) && !key.startsWith(`${server}>`))
      expect(before.length).toBe(2)
    }
  })

  it('over the rounds of a complete design, gives every server one window straight after its own', () => {
    for (const count of [2, 3, 4, 5]) {
      const rounds = completeRounds(count)
      const again = Array.from({ length: count }, () => 0)
      for (let round = 1; round < rounds; round++) {
        const last = windowOrder(count, round - 1).at(-1)!
        if (windowOrder(count, round)[0] === last) again[last]!++
      }
      expect(again).toEqual(Array.from({ length: count }, () => 1))
    }
    expect(completeRounds(1)).toBe(1)
  })
})
