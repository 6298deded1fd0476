import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT } from './launch.ts'

/**
 * Where the Tandem server to measure lives. By default the working tree (what `npm start` runs now). With
 * `--tandem-ref <commit>`, that commit's server and packages, extracted read-only with `git archive` into a temporary
 * folder whose node_modules links to the repository's (the workspace packages to the extracted ones): to compare
 * two versions, or to measure while the working tree is in the middle of someone's change.
 */
export function tandemTree(ref: string | null): string {
  if (!ref) return REPO_ROOT
  const sha = execFileSync('git', ['-C', REPO_ROOT, 'rev-parse', '--verify', `${ref}^{commit}`], { encoding: 'utf8' }).trim()
  const dir = path.join(os.tmpdir(), `tandem-bench-tree-${sha.slice(0, 12)}`)
  if (existsSync(path.join(dir, '.complete'))) return dir
  const partial = `${dir}.partial-${process.pid}`
  rmSync(partial, { recursive: true, force: true })
  mkdirSync(partial, { recursive: true })
  const tar = execFileSync('git', ['-C', REPO_ROOT, 'archive', sha, 'apps/server', 'packages', 'tsconfig.json', 'package.json'])
  execFileSync('tar', ['-x', '-C', partial], { input: tar })
  const modules = path.join(partial, 'node_modules')
  mkdirSync(path.join(modules, '@tandem'), { recursive: true })
  for (const entry of readdirSync(path.join(REPO_ROOT, 'node_modules'))) {
    if (entry === '@tandem' || entry === '.bin' || entry.startsWith('.')) continue
    symlinkSync(path.join(REPO_ROOT, 'node_modules', entry), path.join(modules, entry))
  }
  for (const pkg of readdirSync(path.join(partial, 'packages'))) {
    symlinkSync(path.join('..', '..', 'packages', pkg), path.join(modules, '@tandem', pkg))
  }
  execFileSync('touch', [path.join(partial, '.complete')])
  rmSync(dir, { recursive: true, force: true })
  renameSync(partial, dir)
  return dir
}
