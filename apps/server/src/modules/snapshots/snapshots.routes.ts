import { createRoute, z } from '@hono/zod-openapi'
import { createSnapshotRequest, snapshotSummarySchema, text } from '@tandem/shared'
import type { AppEnv } from '../../app-env.ts'
import { createRouter, errors, ideaParams, json, jsonBody } from '../../openapi.ts'
import type { SnapshotsService } from './snapshots.service.ts'

const snapshotParams = ideaParams.extend({ snapshotId: text() })
const base = '/networks/{slug}/ideas/{id}/snapshots'

const snapshotSchema = snapshotSummarySchema.extend({
  content: z.object({ json: z.unknown(), html: z.string() }),
})
const restoreSchema = z.object({ restored: snapshotSummarySchema, restorePoint: snapshotSummarySchema })

const listSnapshots = createRoute({
  method: 'get',
  path: base,
  tags: ['snapshots'],
  summary: 'Named snapshots of an idea, newest first',
  request: { params: ideaParams },
  responses: { 200: json(z.array(snapshotSummarySchema), 'The snapshots'), ...errors(401, 403, 404) },
})
const createSnapshot = createRoute({
  method: 'post',
  path: base,
  tags: ['snapshots'],
  summary: 'Keep the current state of the idea under a label',
  request: { params: ideaParams, body: jsonBody(createSnapshotRequest) },
  responses: { 201: json(snapshotSummarySchema, 'The snapshot'), ...errors(400, 401, 403, 404) },
})
const readSnapshot = createRoute({
  method: 'get',
  path: `${base}/{snapshotId}`,
  tags: ['snapshots'],
  summary: 'A snapshot with its content as ProseMirror JSON and HTML',
  request: { params: snapshotParams },
  responses: { 200: json(snapshotSchema, 'The snapshot'), ...errors(401, 403, 404) },
})
const restoreSnapshot = createRoute({
  method: 'post',
  path: `${base}/{snapshotId}/restore`,
  tags: ['snapshots'],
  summary: 'Restore a snapshot as a new change on top of the current document (the current state is kept first)',
  request: { params: snapshotParams },
  responses: { 200: json(restoreSchema, 'Restored'), ...errors(401, 403, 404) },
})

const repairSchema = z.object({
  removed: z.number().int().describe('how many parts were removed (an element with everything in it counts once)'),
  fixed: z.number().int().describe('how many elements were completed (or removed, when empty) because their content no longer fit'),
  reasons: z.array(z.string()).describe('what they were, by kind (at most 20), never their content'),
  restorePoint: snapshotSummarySchema.nullable().describe('the version kept before the repair; null when nothing was removed'),
})
const repairDocument = createRoute({
  method: 'post',
  path: '/networks/{slug}/ideas/{id}/repair',
  tags: ['snapshots'],
  summary: 'Make the document readable by the editor again (the state before is kept as a restore point)',
  request: { params: ideaParams },
  responses: { 200: json(repairSchema, 'Repaired (or nothing to repair)'), ...errors(401, 403, 404) },
})

export function snapshotsRoutes(snapshots: SnapshotsService) {
  return createRouter<AppEnv>()
    .openapi(listSnapshots, async (c) => {
      const { slug, id } = c.req.valid('param')
      return c.json(await snapshots.list(c.get('user'), slug, id), 200)
    })
    .openapi(createSnapshot, async (c) => {
      const { slug, id } = c.req.valid('param')
      return c.json(await snapshots.create(c.get('user'), slug, id, c.req.valid('json').label), 201)
    })
    .openapi(readSnapshot, async (c) => {
      const { slug, id, snapshotId } = c.req.valid('param')
      return c.json(await snapshots.read(c.get('user'), slug, id, snapshotId), 200)
    })
    .openapi(restoreSnapshot, async (c) => {
      const { slug, id, snapshotId } = c.req.valid('param')
      return c.json(await snapshots.restore(c.get('user'), slug, id, snapshotId), 200)
    })
    .openapi(repairDocument, async (c) => {
      const { slug, id } = c.req.valid('param')
      return c.json(await snapshots.repair(c.get('user'), slug, id), 200)
    })
}
