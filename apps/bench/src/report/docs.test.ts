import { describe, expect, it } from 'vitest'
import { replaceBlock, replaceBlocks } from './docs.ts'
import { renderTable } from './table.ts'

const doc = `# Performance

Prose before.

<!-- bench:scenario-1 -->
old table
<!-- /bench:scenario-1 -->

Why Tandem stands where it does (kept).
`

describe('the docs rewriter', () => {
  it('replaces only what is between the markers and keeps the prose', () => {
    const out = replaceBlock(doc, 'scenario-1', '| a |\n| - |')
    expect(out).toContain('<!-- bench:scenario-1 -->\n| a |\n| - |\n<!-- /bench:scenario-1 -->')
    expect(out).not.toContain('old table')
    expect(out).toContain('Prose before.')
    expect(out).toContain('Why Tandem stands where it does (kept).')
  })

  it('is idempotent', () => {
    const once = replaceBlock(doc, 'scenario-1', 'new')
    expect(replaceBlock(once, 'scenario-1', 'new')).toBe(once)
  })

  it('appends a block the document does not have', () => {
    const out = replaceBlocks(doc, { 'scenario-1': 'one', run: 'the command' })
    expect(out.trimEnd().endsWith('<!-- bench:run -->\nthe command\n<!-- /bench:run -->')).toBe(true)
    expect(out.indexOf('<!-- bench:scenario-1 -->')).toBeLessThan(out.indexOf('<!-- bench:run -->'))
  })

  it('refuses a block with one marker only', () => {
    expect(() => replaceBlock('<!-- bench:x -->\nno end', 'x', 'y')).toThrow(/one of its two markers/)
  })

  it('renders Markdown tables with escaped pipes', () => {
    expect(renderTable({ columns: ['server', 'p99'], rows: [['a|b', '1 ms']] })).toBe(
      '| server | p99  |\n| ------ | ---- |\n| a\\|b   | 1 ms |',
    )
  })
})
