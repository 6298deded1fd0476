import { z } from 'zod'
import { IDEA_SUMMARY_MAX, IDEA_TITLE_MAX } from './idea-limits.ts'
import { text } from './text.ts'

/** Requests and responses of the HTTP API; the server validates with these, clients infer their types. */
export const networkSchema = z.object({
  slug: z.string(),
  name: z.string(),
  region: z.string(),
  memberCount: z.number().int(),
  ideaCount: z.number().int(),
})
export type Network = z.infer<typeof networkSchema>

export const ideaStatusSchema = z.enum(['idea', 'draft', 'proposal', 'submitted', 'withdrawn'])
export const clusterSchema = z.enum([
  'good-urban-governance',
  'integrated-urban-development',
  'municipal-services',
  'local-economic-development',
])
const sdgsSchema = z.array(z.number().int().min(1).max(17)).max(17)

export const createIdeaRequest = z.object({
  title: text().trim().min(1, 'title is required').max(IDEA_TITLE_MAX, `title is at most ${IDEA_TITLE_MAX} characters`),
  summary: text().trim().max(IDEA_SUMMARY_MAX, 'summary is at most 2,000 characters').optional(),
  cluster: clusterSchema.nullable().optional(),
  sdgs: sdgsSchema.optional(),
  /** The language the new document's concept-note template is written in (default English). */
  language: z.enum(['en', 'fr', 'es', 'ar', 'pt', 'de']).optional(),
})
export type CreateIdeaRequest = z.infer<typeof createIdeaRequest>

export const updateIdeaRequest = createIdeaRequest.omit({ language: true }).partial().extend({
  status: ideaStatusSchema.optional(),
  /** The full list of co-authors' user ids (members of the network). */
  coAuthors: z.array(z.string().uuid()).max(50).optional(),
})
export type UpdateIdeaRequest = z.infer<typeof updateIdeaRequest>

export const ideaSchema = z.object({
  id: z.string().uuid(),
  networkSlug: z.string(),
  title: z.string(),
  summary: z.string(),
  cluster: clusterSchema.nullable(),
  sdgs: z.array(z.number().int()),
  status: ideaStatusSchema,
  coAuthors: z.array(z.object({ id: z.string(), displayName: z.string() })),
  room: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Idea = z.infer<typeof ideaSchema>

export const createSnapshotRequest = z.object({
  label: text().trim().min(1, 'label is required').max(200, 'label is at most 200 characters'),
})

export const snapshotSummarySchema = z.object({
  id: z.string().uuid(),
  label: z.string(),
  /** named: kept by a person; restore-point: just before a restore; automatic: at a status change (label `from → to`). */
  kind: z.enum(['named', 'restore-point', 'automatic']),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
})
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>

/** Someone online in a network: its pages open, or a socket in one of its ideas (`ideaIds`). */
export const presenceUserSchema = z.object({ id: z.string(), displayName: z.string(), ideaIds: z.array(z.string()) })
export type PresenceUser = z.infer<typeof presenceUserSchema>
/** The data of each `presence` event on GET /api/networks/{slug}/presence (Server-Sent Events). */
export const presenceEventSchema = z.object({ users: z.array(presenceUserSchema) })
export type PresenceEvent = z.infer<typeof presenceEventSchema>
