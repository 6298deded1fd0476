import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { REPO_ROOT } from './launch.ts'
import { startScriptFlags } from './start-flags.ts'

describe('startScriptFlags', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  const treeWithStart = (start: string) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-start-flags-'))
    dirs.push(root)
    mkdirSync(path.join(root, 'apps/server'), { recursive: true })
    writeFileSync(path.join(root, 'apps/server/package.json'), JSON.stringify({ scripts: { start } }))
    return root
  }

  it("takes the flags before the script, without --import and its module (the launcher's own)", () => {
    expect(startScriptFlags(treeWithStart('node --no-memory-reducer --import tsx --max-old-space-size=512 src/main.ts'))).toEqual([
      '--no-memory-reducer',
      '--max-old-space-size=512',
    ])
    expect(startScriptFlags(treeWithStart('node --import tsx src/main.ts'))).toEqual([])
  })

  it('refuses a start script that does not run node, rather than measure something else', () => {
    expect(() => startScriptFlags(treeWithStart('tsx src/main.ts'))).toThrow(/does not run node/)
  })

  it("reads this tree's npm start", () => {
    expect(startScriptFlags(REPO_ROOT)).toContain('--no-memory-reducer')
  })
})
