// After `vite build`: writes a brotli (.br) and a gzip (.gz) copy of every text asset over 1 KB, so the server sends
// compressed bytes without compressing on each request (serveStatic's `precompressed`). Weak connections pay for bytes.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? walk(full) : [full]
  })
}

let count = 0
for (const file of walk(dist)) {
  if (!TEXT.test(file) || file.includes(`${path.sep}.vite${path.sep}`)) continue
  const bytes = readFileSync(file)
  if (bytes.length < 1024) continue
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }))
  writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
  count++
}
console.log(`precompressed ${count} files (.br, .gz)`)
