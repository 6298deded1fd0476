import { z } from 'zod'

/** Requests and responses of the HTTP API; the server validates with these, clients infer their types. */
export const networkSchema = z.object({
  slug: z.string(),
  name: z.string(),
  region: z.string(),
  ideaCount: z.number().int(),
})
export type Network = z.infer<typeof networkSchema>

export const createIdeaRequest = z.object({
  title: z.string().trim().min(1, 'title is required').max(200, 'title is at most 200 characters'),
})
export type CreateIdeaRequest = z.infer<typeof createIdeaRequest>

export const ideaSchema = z.object({
  id: z.string().uuid(),
  networkSlug: z.string(),
  title: z.string(),
  room: z.string(),
  createdAt: z.string(),
})
export type Idea = z.infer<typeof ideaSchema>

export const createSnapshotRequest = z.object({
  label: z.string().trim().min(1, 'label is required').max(200, 'label is at most 200 characters'),
})

export const snapshotSummarySchema = z.object({
  id: z.string().uuid(),
  label: z.string(),
  kind: z.enum(['named', 'restore-point']),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
})
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>
