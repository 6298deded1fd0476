import { dialectsUnderTest } from '@tandem/db/testing'
import { titleLivesInRecord, yDocToProseMirrorJson } from '@tandem/editor'
import type { Idea, Network } from '@tandem/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, signUp, type SignedInAccount } from '../../test/accounts.ts'
import { connectProvider, waitForSync, type TestClient } from '../../test/providers.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'
import { testLogger } from '../../test/test-server.ts'
import { seedDemoContent } from './demo-content.ts'
import { demoIdeas } from './demo-ideas.ts'

describe.each(dialectsUnderTest())('demo content of a new embedded instance (%s)', (dialect) => {
  let server: TestServer
  let newcomer: SignedInAccount
  const clients: TestClient[] = []

  beforeAll(async () => {
    server = await startTestServer(dialect, { DEMO_CONTENT: true })
    newcomer = await signUp(server, { displayName: 'First Real Person' })
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server?.close()
    await server?.testDb.destroy()
  })

  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${server.url}/api${path}`, { headers: { cookie: newcomer.cookie } })
    expect(response.status, path).toBe(200)
    return (await response.json()) as T
  }

  it('leaves the first real sign-up as the admin', () => {
    expect(newcomer.user.isAdmin).toBe(true)
  })

  it('shows the sample ideas in their networks, with documents to read', async () => {
    const networks = await get<Network[]>('/networks')
    expect(networks.find((n) => n.slug === 'sub-saharan-africa')).toMatchObject({ ideaCount: 1, memberCount: 2 })
    const ideas = await get<Idea[]>('/networks/sub-saharan-africa/ideas')
    const kiosks = ideas.find((i) => i.title === demoIdeas[0]!.title)!
    expect(kiosks).toMatchObject({ status: 'draft', cluster: 'municipal-services', sdgs: [6, 7, 11] })
    expect(kiosks.coAuthors.map((a) => a.displayName).sort()).toEqual(['Amina Odhiambo (demo)', 'João Matsinhe (demo)'])
    const reader = connectProvider(server.wsUrl, kiosks.room, { cookie: newcomer.cookie })
    clients.push(reader)
    await waitForSync(reader)
    const json = JSON.stringify(yDocToProseMirrorJson(reader.doc))
    expect(json).toContain('Kisumu (Kenya) and Beira (Mozambique)')
    // The title is the record's, shown above the document, not a heading inside it.
    expect(json).not.toContain('Solar-powered water kiosks for informal settlements')
    expect(titleLivesInRecord(reader.doc)).toBe(true)
    expect(json).toContain('"type":"table"')
    expect(json).toContain('"type":"taskList"')
  })

  it('cannot be signed into, and is written only once', async () => {
    const demoUser = await server.testDb.db.selectFrom('users').select('email').where('is_demo', '=', true).executeTakeFirstOrThrow()
    await expect(login(server, { email: demoUser.email, password: '!demo-account' })).rejects.toThrow(/401/)
    expect(await seedDemoContent(server.testDb.db, testLogger)).toBe(false)
    const count = await server.testDb.db.selectFrom('ideas').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(demoIdeas.length)
  })
})
