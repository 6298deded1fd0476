import { readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The node flags of a Tandem tree's `npm start` (apps/server's start script, `node <flags> --import tsx src/main.ts`),
 * so that the bench runs each tree's Tandem as its `npm start` does. `--import` and its module are left out: the
 * bench's launcher imports tsx, and its probe, itself.
 */
export function startScriptFlags(root: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(root, 'apps/server/package.json'), 'utf8')) as {
    scripts?: { start?: string }
  }
  const words = (manifest.scripts?.start ?? '').split(/\s+/).filter(Boolean)
  if (words[0] !== 'node') throw new Error(`apps/server's start script does not run node: "${manifest.scripts?.start}"`)
  const flags: string[] = []
  for (let i = 1; i < words.length && words[i]!.startsWith('-'); i++) {
    if (words[i] === '--import') i++
    else flags.push(words[i]!)
  }
  return flags
}
