import { describe, expect, it } from 'vitest'
import { median, pairedDifference, percentile, ratio, signTestP, summarize } from './stats.ts'

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1) // 1..100
    expect(percentile(values, 50)).toBe(50)
    expect(percentile(values, 99)).toBe(99)
    expect(percentile(values, 100)).toBe(100)
    expect(percentile(values, 0)).toBe(1)
    expect(percentile([5, 1, 3], 50)).toBe(3)
  })

  it('does not depend on the order of the samples', () => {
    expect(percentile([9, 1, 8, 2, 7, 3], 99)).toBe(9)
    expect(median([3, 1, 2])).toBe(2)
  })

  it('sees the one slow sample among a hundred at p99 but not at p50', () => {
    const values = [...Array<number>(99).fill(1), 500]
    expect(percentile(values, 50)).toBe(1)
    expect(percentile(values, 99)).toBe(1)
    expect(percentile([...Array<number>(98).fill(1), 500, 500], 99)).toBe(500)
  })

  it('summarizes, and says NaN when there is nothing', () => {
    expect(summarize([4, 2, 6])).toEqual({ count: 3, p50: 4, p99: 6, max: 6, mean: 4 })
    const empty = summarize([])
    expect(empty.count).toBe(0)
    expect(empty.p99).toBeNaN()
  })

  it('ratio refuses missing or zero floors', () => {
    expect(ratio(3, 2)).toBe(1.5)
    expect(ratio(3, 0)).toBeNaN()
    expect(ratio(null, 2)).toBeNaN()
  })
})

describe('paired differences', () => {
  it('compares round by round and counts the rounds where the first is above', () => {
    expect(pairedDifference([5, 3, 8, 4], [4, 4, 6, 4])).toEqual({ pairs: 4, above: 2, min: -1, median: 0, max: 2 })
  })

  it('leaves out a round either series lacks', () => {
    expect(pairedDifference([5, Number.NaN, 2], [4, 1, 3, 9])).toEqual({ pairs: 2, above: 1, min: -1, median: -1, max: 1 })
    expect(pairedDifference([], [1]).pairs).toBe(0)
    expect(pairedDifference([], [1]).median).toBeNaN()
  })
})

describe('the sign test', () => {
  it('gives the chance of at least that many rounds above among fair coin tosses', () => {
    expect(signTestP(10, 10)).toBeCloseTo(1 / 1024, 10)
    expect(signTestP(9, 10)).toBeCloseTo(11 / 1024, 10)
    expect(signTestP(8, 10)).toBeCloseTo(56 / 1024, 10)
    expect(signTestP(0, 10)).toBe(1)
    expect(signTestP(5, 8)).toBeCloseTo(93 / 256, 10)
  })

  it('has nothing to say without rounds', () => {
    expect(signTestP(0, 0)).toBeNaN()
  })
})
