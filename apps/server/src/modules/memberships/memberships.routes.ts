import { createRoute, z } from '@hono/zod-openapi'
import {
  addMemberBody,
  changeRoleBody,
  createInvitationBody,
  decideJoinRequestBody,
  invitationPreviewSchema,
  invitationSchema,
  joinRequestBody,
  joinRequestSchema,
  memberSchema,
  networkRoleSchema,
  text,
} from '@tandem/shared'
import type { AppEnv } from '../../app-env.ts'
import { createRouter, errors, json, jsonBody, slugParam } from '../../openapi.ts'
import type { MembershipsService } from './memberships.service.ts'

const tags = ['memberships']
const memberParams = slugParam.extend({ userId: text() })
const requestParams = slugParam.extend({ id: text() })
const membershipSchema = z.object({ userId: z.string(), networkSlug: z.string(), role: networkRoleSchema })

const routes = {
  listMembers: createRoute({
    method: 'get', path: '/networks/{slug}/members', tags, summary: 'Members of a network',
    request: { params: slugParam },
    responses: { 200: json(z.array(memberSchema), 'Members'), ...errors(401, 403, 404) },
  }),
  addMember: createRoute({
    method: 'post', path: '/networks/{slug}/members', tags, summary: 'Add a member by email (facilitators, admins)',
    request: { params: slugParam, body: jsonBody(addMemberBody) },
    responses: { 201: json(membershipSchema.extend({ displayName: z.string() }), 'Added'), ...errors(400, 401, 403, 404, 409) },
  }),
  changeRole: createRoute({
    method: 'patch', path: '/networks/{slug}/members/{userId}', tags, summary: 'Change a member’s role (facilitators, admins)',
    request: { params: memberParams, body: jsonBody(changeRoleBody) },
    responses: { 200: json(membershipSchema, 'Changed'), ...errors(400, 401, 403, 404) },
  }),
  removeMember: createRoute({
    method: 'delete', path: '/networks/{slug}/members/{userId}', tags, summary: 'Remove a member (facilitators, admins)',
    request: { params: memberParams },
    responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404) },
  }),
  requestToJoin: createRoute({
    method: 'post', path: '/networks/{slug}/join-requests', tags, summary: 'Ask to join a network',
    request: { params: slugParam, body: { ...jsonBody(joinRequestBody), required: false } },
    responses: {
      201: json(z.object({ id: z.string(), networkSlug: z.string(), status: z.string(), createdAt: z.string() }), 'Pending'),
      ...errors(400, 401, 404, 409),
    },
  }),
  listJoinRequests: createRoute({
    method: 'get', path: '/networks/{slug}/join-requests', tags, summary: 'Pending join requests (facilitators, admins)',
    request: { params: slugParam },
    responses: { 200: json(z.array(joinRequestSchema), 'Pending requests'), ...errors(401, 403, 404) },
  }),
  approve: createRoute({
    method: 'post', path: '/networks/{slug}/join-requests/{id}/approve', tags, summary: 'Approve with a role (default member)',
    request: { params: requestParams, body: { ...jsonBody(decideJoinRequestBody), required: false } },
    responses: { 200: json(z.object({ id: z.string(), status: z.string(), role: networkRoleSchema.optional() }), 'Approved'), ...errors(400, 401, 403, 404, 409) },
  }),
  reject: createRoute({
    method: 'post', path: '/networks/{slug}/join-requests/{id}/reject', tags, summary: 'Reject a join request',
    request: { params: requestParams },
    responses: { 200: json(z.object({ id: z.string(), status: z.string() }), 'Rejected'), ...errors(401, 403, 404, 409) },
  }),
  invite: createRoute({
    method: 'post', path: '/networks/{slug}/invitations', tags, summary: 'An invitation link that works once and expires in 7 days',
    request: { params: slugParam, body: { ...jsonBody(createInvitationBody), required: false } },
    responses: { 201: json(invitationSchema, 'The invitation; its token is shown only now'), ...errors(400, 401, 403, 404) },
  }),
  describeInvitation: createRoute({
    method: 'get', path: '/invitations/{token}', tags, summary: 'What an invitation is for, before accepting it (anyone with the link)',
    request: { params: z.object({ token: z.string() }) },
    responses: { 200: json(invitationPreviewSchema, 'The network and role it admits to, and when it expires'), ...errors(404, 410) },
  }),
  accept: createRoute({
    method: 'post', path: '/invitations/{token}/accept', tags, summary: 'Accept an invitation',
    request: { params: z.object({ token: text() }) },
    responses: { 200: json(z.object({ networkSlug: z.string(), role: networkRoleSchema }), 'Joined'), ...errors(401, 403, 404, 409) },
  }),
}

export function membershipsRoutes(memberships: MembershipsService) {
  return createRouter<AppEnv>()
    .openapi(routes.listMembers, async (c) => c.json(await memberships.listMembers(c.get('user'), c.req.valid('param').slug), 200))
    .openapi(routes.addMember, async (c) => {
      const { email, role } = c.req.valid('json')
      return c.json(await memberships.addMember(c.get('user'), c.req.valid('param').slug, email, role), 201)
    })
    .openapi(routes.changeRole, async (c) => {
      const { slug, userId } = c.req.valid('param')
      return c.json(await memberships.changeRole(c.get('user'), slug, userId, c.req.valid('json').role), 200)
    })
    .openapi(routes.removeMember, async (c) => {
      const { slug, userId } = c.req.valid('param')
      await memberships.removeMember(c.get('user'), slug, userId)
      return c.body(null, 204)
    })
    .openapi(routes.requestToJoin, async (c) => {
      const body = c.req.valid('json')
      return c.json(await memberships.requestToJoin(c.get('user'), c.req.valid('param').slug, body?.message ?? null), 201)
    })
    .openapi(routes.listJoinRequests, async (c) => c.json(await memberships.listJoinRequests(c.get('user'), c.req.valid('param').slug), 200))
    .openapi(routes.approve, async (c) => {
      const { slug, id } = c.req.valid('param')
      const role = c.req.valid('json')?.role ?? 'member'
      return c.json(await memberships.decide(c.get('user'), slug, id, 'approved', role), 200)
    })
    .openapi(routes.reject, async (c) => {
      const { slug, id } = c.req.valid('param')
      return c.json(await memberships.decide(c.get('user'), slug, id, 'rejected', 'member'), 200)
    })
    .openapi(routes.invite, async (c) => {
      const body = c.req.valid('json')
      return c.json(await memberships.invite(c.get('user'), c.req.valid('param').slug, body?.role ?? 'member', body?.email ?? null), 201)
    })
    .openapi(routes.describeInvitation, async (c) => c.json(await memberships.describeInvitation(c.req.valid('param').token), 200))
    .openapi(routes.accept, async (c) => c.json(await memberships.acceptInvitation(c.get('user'), c.req.valid('param').token), 200))
}
