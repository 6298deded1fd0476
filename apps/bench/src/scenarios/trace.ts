import * as Y from 'yjs'

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator; same seed, same trace). */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return state / 2 ** 32
  }
}

export interface Edit {
  update: Uint8Array
  /** The writer's clock after this edit: the state vector that covers it (a deletion does not move it). */
  clockAfter: number
  insert: boolean
}

/**
 * A synthetic editing trace shaped like the real-world one of the CRDT benchmarks (259,778 single-character edits,
 * ~70 % insertions, ~30 % deletions, typed at a cursor that mostly moves by one and now and then jumps), written into
 * the editor's document (`default` fragment → paragraph → text). `onEdit` receives each edit's own update, the first
 * being the paragraph and its text (not an insertion of a letter).
 */
export function editTrace(ops: number, seed: number, options: { clientId?: number; onEdit?: (edit: Edit) => void } = {}): Y.Doc {
  const next = random(seed)
  const doc = new Y.Doc()
  if (options.clientId !== undefined) doc.clientID = options.clientId
  let pending: Uint8Array | null = null
  if (options.onEdit) doc.on('update', (update: Uint8Array) => (pending = update))
  const emit = (insert: boolean) => {
    if (!options.onEdit || !pending) return
    options.onEdit({ update: pending, clockAfter: Y.getState(doc.store, doc.clientID), insert })
    pending = null
  }
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  doc.transact(() => {
    doc.getXmlFragment('default').insert(0, [paragraph])
    paragraph.insert(0, [text])
  })
  emit(false)
  let cursor = 0
  for (let i = 0; i < ops; i++) {
    if (next() < 0.02) cursor = Math.floor(next() * (text.length + 1))
    const insert = text.length === 0 || cursor === 0 || next() < 0.7
    if (insert) {
      text.insert(cursor, String.fromCharCode(97 + (i % 26)))
      cursor++
    } else {
      text.delete(cursor - 1, 1)
      cursor--
    }
    emit(insert)
  }
  return doc
}
