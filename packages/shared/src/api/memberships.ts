import { z } from 'zod'
import { text } from '../text.ts'

export const networkRoleSchema = z.enum(['observer', 'member', 'facilitator'])
export type NetworkRoleName = z.infer<typeof networkRoleSchema>

export const joinRequestBody = z.object({ message: text().trim().max(1000, 'message is at most 1,000 characters').optional() })
export const decideJoinRequestBody = z.object({ role: networkRoleSchema.default('member') })
export const addMemberBody = z.object({ email: text().trim().email('a valid email address'), role: networkRoleSchema })
export const changeRoleBody = z.object({ role: networkRoleSchema })
export const createInvitationBody = z.object({
  role: networkRoleSchema.default('member'),
  email: text().trim().email('a valid email address').optional(),
})

export const memberSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  organisation: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  role: networkRoleSchema,
  since: z.string(),
})

export const joinRequestSchema = z.object({
  id: z.string(),
  message: z.string().nullable(),
  createdAt: z.string(),
  user: z.object({
    id: z.string(),
    displayName: z.string(),
    organisation: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string().nullable(),
  }),
})

export const invitationSchema = z.object({
  id: z.string(),
  token: z.string(),
  networkSlug: z.string(),
  role: networkRoleSchema,
  email: z.string().nullable(),
  expiresAt: z.string(),
})

/** GET /api/invitations/{token}: what the link admits to, before it is accepted; nothing more. */
export const invitationPreviewSchema = z.object({
  networkSlug: z.string(),
  networkName: z.string(),
  role: networkRoleSchema,
  expiresAt: z.string(),
})
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>
