// After `vite build`: prints every chunk's size (raw and gzip) and fails the build when a weak-connection page
// (sign-in, the network directory, a network's home) would load more than BUDGET_KB of JavaScript, gzip.
// A page's JavaScript is the entry's static import closure plus its route chunk's closure plus its language catalogue.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const BUDGET_KB = 200
const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'))

const gzipCache = new Map()
function sizes(file) {
  if (!gzipCache.has(file)) {
    const bytes = readFileSync(path.join(dist, file))
    gzipCache.set(file, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length })
  }
  return gzipCache.get(file)
}

/** The JS files a manifest entry loads before it runs: itself and its static imports, recursively. */
function closure(key, seen = new Set()) {
  const chunk = manifest[key]
  if (!chunk || seen.has(chunk.file)) return seen
  seen.add(chunk.file)
  for (const dep of chunk.imports ?? []) closure(dep, seen)
  return seen
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry)
// Every page runs the tiny entry (src/boot.ts) and then the app (src/main.tsx) with their static imports.
const entry = closure('src/main.tsx', closure(entryKey))

const rows = Object.values(manifest)
  .filter((chunk) => chunk.file.endsWith('.js'))
  .map((chunk) => ({ name: chunk.src ?? chunk.name ?? chunk.file, file: chunk.file, ...sizes(chunk.file) }))
  .sort((a, b) => b.gzip - a.gzip)
console.log('\nchunks (gzip level 9):')
for (const row of rows) console.log(`  ${kb(row.gzip).padStart(9)} gzip  ${kb(row.raw).padStart(10)} raw  ${row.file}  (${row.name})`)

const pages = {
  'sign-in': 'src/routes/sign-in.tsx',
  'network directory': 'src/routes/networks.tsx',
  'network home': 'src/routes/network-home.tsx',
}
const catalogue = Object.keys(manifest)
  .filter((key) => /locales\/[a-z]+\/common\.json$/.test(key))
  .map((key) => sizes(manifest[key].file).gzip)
  .reduce((a, b) => Math.max(a, b), 0)

let failed = false
console.log(`\nweak-connection budget: ${BUDGET_KB} KB of JavaScript (gzip) per page`)
for (const [page, key] of Object.entries(pages)) {
  if (!manifest[key]) {
    console.log(`  ${page}: no chunk for ${key}`)
    failed = true
    continue
  }
  const files = closure(key, new Set(entry))
  const total = [...files].reduce((sum, file) => sum + sizes(file).gzip, 0) + catalogue
  const over = total > BUDGET_KB * 1024
  failed ||= over
  console.log(`  ${over ? '✗' : '✓'} ${page}: ${kb(total)} (${files.size} files + largest catalogue ${kb(catalogue)})`)
}
if (failed) {
  console.error(`\nbuild fails: a page is over the ${BUDGET_KB} KB budget (or missing)`)
  process.exit(1)
}
