import { createSnapshotRequest } from '@tandem/shared'
import { Hono } from 'hono'
import { validate } from '../../validate.ts'
import type { SnapshotsService } from './snapshots.service.ts'

/** Mounted at /api/networks/:slug/ideas/:id/snapshots. */
export function snapshotsRoutes(snapshots: SnapshotsService) {
  return new Hono()
    .get('/', async (c) => c.json(await snapshots.list(c.req.param('slug')!, c.req.param('id')!)))
    .post('/', validate('json', createSnapshotRequest), async (c) => {
      const created = await snapshots.create(c.req.param('slug')!, c.req.param('id')!, c.req.valid('json').label, null)
      return c.json(created, 201)
    })
    .get('/:snapshotId', async (c) =>
      c.json(await snapshots.read(c.req.param('slug')!, c.req.param('id')!, c.req.param('snapshotId'))),
    )
    .post('/:snapshotId/restore', async (c) =>
      c.json(await snapshots.restore(c.req.param('slug')!, c.req.param('id')!, c.req.param('snapshotId'), null)),
    )
}
