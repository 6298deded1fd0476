// After `vite build`: writes dist/preload-hints.json, which tells the server (modules/web-app) which chunks each kind
// of page should start fetching from the HTML itself, before the tiny entry (src/boot.ts) has run and asked for them.
// An idea opened straight away gets the quick open's editor (and not the app: the two would share the connection);
// every other screen gets the app.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'))

/** A chunk and its static imports, recursively, with their CSS; minus what the HTML already loads. */
function closure(key, loaded, acc = { modules: new Set(), styles: new Set() }) {
  const chunk = manifest[key]
  if (!chunk) throw new Error(`preload hints: no chunk for ${key} in the manifest`)
  const file = `/${chunk.file}`
  if (acc.modules.has(file) || loaded.has(file)) return acc
  acc.modules.add(file)
  for (const css of chunk.css ?? []) if (!loaded.has(`/${css}`)) acc.styles.add(`/${css}`)
  for (const dep of chunk.imports ?? []) closure(dep, loaded, acc)
  return acc
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry)
const entry = closure(entryKey, new Set())
const loaded = new Set([...entry.modules, ...entry.styles])
/** What a page of that pattern loads first: the chunk, and with `andItsImports` the chunks it imports at once. */
const hint = (pattern, key, { andItsImports = false } = {}) => {
  const acc = closure(key, loaded)
  if (andItsImports) for (const dynamic of manifest[key].dynamicImports ?? []) closure(dynamic, loaded, acc)
  return { pattern, modules: [...acc.modules], styles: [...acc.styles] }
}
const hints = {
  routes: [
    // The quick open, and the editor chunk it imports as soon as it runs.
    hint('^/networks/[^/]+/ideas/[^/]+/?$', 'src/editor/quick-open.ts', { andItsImports: true }),
    hint('^/', 'src/main.tsx'),
  ],
}
writeFileSync(path.join(dist, 'preload-hints.json'), JSON.stringify(hints, null, 2) + '\n')
for (const route of hints.routes) console.log(`preload hints ${route.pattern}: ${route.modules.length} modules, ${route.styles.length} styles`)
