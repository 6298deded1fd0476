import { dialectsUnderTest } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { eventually } from '../test/providers.ts'
import { docFromFrames, rawSocket, type RawSocket } from '../test/raw-socket.ts'
import { startTestServer, type TestServer } from '../test/test-server.ts'
import { encodeSyncStep1, encodeUpdate } from './protocol.ts'

/** A change a fresh client makes: a paragraph with `text` at the top of the editor's document. */
function paragraphFrame(text: string): Uint8Array {
  const doc = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  doc.getXmlFragment('default').insert(0, [paragraph])
  return encodeUpdate(Y.encodeStateAsUpdate(doc))
}


describe.each(dialectsUnderTest())('joining a cold room (%s)', (dialect) => {
  let server: TestServer
  const sockets: RawSocket[] = []

  beforeAll(async () => {
    server = await startTestServer(dialect)
  })
  afterAll(async () => {
    for (const raw of sockets) raw.socket.terminate()
    await server?.close()
    await server?.testDb.destroy()
  })

  it('gives a reader answered from the snapshot the change a co-author made before the reader was in the room', async () => {
    const idea = await server.createIdea()
    // A slow load, so that both sockets wait for it: the writer's first.
    const store = server.collab.store
    const load = store.load.bind(store)
    store.load = async (docId) => {
      await new Promise((r) => setTimeout(r, 300))
      return load(docId)
    }
    try {
      const writer = rawSocket(`${server.wsUrl}/${idea.room}`)
      sockets.push(writer)
      writer.socket.on('open', () => writer.send(paragraphFrame('Written while the room loaded.')))
      await eventually(() => server.collab.registry.loadingCount === 1, 'the writer waits for the load')
      const reader = rawSocket(`${server.wsUrl}/${idea.room}`)
      sockets.push(reader)
      // Asks for everything at once: answered from the snapshot before the room exists.
      reader.socket.on('open', () => reader.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))))
      await eventually(
        () => docFromFrames(reader.frames).getXmlFragment('default').toString().includes('Written while the room loaded.'),
        'the reader has the writer’s change',
        5_000,
      )
      expect(docFromFrames(reader.frames).getXmlFragment('default').length).toBeGreaterThan(20)
    } finally {
      store.load = load
    }
  })
})
