import { describe, expect, it } from 'vitest'
import { parseArgs } from './args.ts'

describe('the command line', () => {
  it('defaults to every scenario', () => {
    const o = parseArgs([])
    expect(o.scenarios).toEqual(['1', '2', '3', '4', '5', '6', '7', '8'])
    expect(o.servers).toBeNull()
    expect(o.quick).toBe(false)
  })

  it('reads lists, numbers and flags, with = or a space', () => {
    const o = parseArgs(['--scenarios', '1,2', '--servers=tandem,relay', '--duration', '10', '--quick', '--update-docs'])
    expect(o).toMatchObject({ scenarios: ['1', '2'], servers: ['tandem', 'relay'], durationSeconds: 10, quick: true, updateDocs: true })
    expect(parseArgs(['--rounds', '4']).rounds).toBe(4)
    expect(parseArgs(['--compare-ref', 'HEAD~2']).compareRef).toBe('HEAD~2')
  })

  it('refuses what it does not know', () => {
    expect(() => parseArgs(['--fast'])).toThrow(/unknown option/)
    expect(() => parseArgs(['--scenarios', '9'])).toThrow(/unknown scenario/)
    expect(() => parseArgs(['--duration', '-1'])).toThrow(/positive/)
    expect(() => parseArgs(['--rounds', '1.5'])).toThrow(/whole number/)
    expect(() => parseArgs(['--compare-ref'])).toThrow(/needs a commit/)
  })
})
