/**
 * Run as its own process (a fresh V8, like a server's): times Y.applyUpdate of a state into a new Y.Doc. The first
 * run is cold; the floor is the median of the warm runs after it.
 */
import * as Y from 'yjs'

process.once('message', (state: Uint8Array) => {
  const runs: number[] = []
  for (let i = 0; i < 6; i++) {
    const doc = new Y.Doc()
    const started = performance.now()
    Y.applyUpdate(doc, state)
    runs.push(performance.now() - started)
    doc.destroy()
  }
  process.send!(runs, () => process.exit(0))
})
