/**
 * Rewrites generated blocks of docs/PERFORMANCE.md in place. A block sits between
 * `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`; everything outside the blocks (the prose) is kept as written.
 * A block the document does not have yet is appended at the end.
 */
export function replaceBlock(document: string, name: string, body: string): string {
  const start = `<!-- bench:${name} -->`
  const end = `<!-- /bench:${name} -->`
  const block = `${start}\n${body.trim()}\n${end}`
  const from = document.indexOf(start)
  const to = document.indexOf(end)
  if (from >= 0 && to > from) return document.slice(0, from) + block + document.slice(to + end.length)
  if (from >= 0 || to >= 0) throw new Error(`docs: block "${name}" has only one of its two markers`)
  return `${document.trimEnd()}\n\n${block}\n`
}

export function replaceBlocks(document: string, blocks: Record<string, string>): string {
  let out = document
  for (const [name, body] of Object.entries(blocks)) out = replaceBlock(out, name, body)
  return out
}
