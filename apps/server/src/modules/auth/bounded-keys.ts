/**
 * Keeps a per-key map of a limiter under `maxKeys` before a new key goes in: entries that no longer hold anything
 * (`spent`) go first, then the least recently used (the map is kept in use order: touch a key by deleting and setting
 * it), a tenth at a time so this stays rare. A flood of new addresses costs memory up to the cap, never beyond.
 */
export function makeRoom<V>(entries: Map<string, V>, maxKeys: number, spent: (value: V) => boolean): void {
  if (entries.size < maxKeys) return
  for (const [key, value] of entries) if (spent(value)) entries.delete(key)
  if (entries.size < maxKeys) return
  let drop = Math.max(1, Math.floor(maxKeys / 10))
  for (const key of entries.keys()) {
    if (drop-- <= 0) break
    entries.delete(key)
  }
}
