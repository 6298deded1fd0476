import type { FieldIssue } from '@tandem/shared'
import type { core } from 'zod'

/** How each field of the API is named in an English sentence; others are spelled out from their key. */
const FIELD_NAMES: Record<string, string> = {
  title: 'the title',
  summary: 'the summary',
  email: 'the email address',
  password: 'the password',
  currentPassword: 'the current password',
  newPassword: 'the new password',
  displayName: 'your name',
  organisation: 'the organisation',
  city: 'the city',
  country: 'the country',
  languages: 'the languages',
  slug: 'the short name (slug)',
  name: 'the name',
  region: 'the region',
  role: 'the role',
  label: 'the label',
  cluster: 'the theme cluster',
  sdgs: 'the Sustainable Development Goals',
  status: 'the status',
  coAuthors: 'the co-authors',
  message: 'the message',
  language: 'the language',
}

export interface DescribedIssues {
  /** All the sentences, one per field. */
  message: string
  /** Each field with its sentence ("The title must be at most 200 characters."). */
  fields: Record<string, string>
  /** Each field with the rule it broke, for a client to say it in its reader's language. */
  issues: Record<string, FieldIssue>
}

/**
 * Turns zod's issues into one English sentence per field, naming it, and one machine-readable issue per field. The
 * first issue of a field wins (zod reports the most basic first). `input` is what was checked: a field sent blank
 * reads "required" whichever rule caught it.
 */
export function describeIssues(zodIssues: readonly core.$ZodIssue[], input: unknown, target = 'json'): DescribedIssues {
  const fields: Record<string, string> = {}
  const issues: Record<string, FieldIssue> = {}
  for (const zodIssue of zodIssues) {
    const key = zodIssue.path.map(String).join('.') || '(body)'
    if (key in issues) continue
    const issue = issueOf(zodIssue, valueAt(input, zodIssue.path))
    issues[key] = issue
    fields[key] = sentence(nameOf(zodIssue.path, target), issue, zodIssue)
  }
  return { message: Object.values(fields).join(' '), fields, issues }
}

function issueOf(issue: core.$ZodIssue, value: unknown): FieldIssue {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return { kind: 'required' }
  switch (issue.code) {
    case 'too_small': {
      const limit = Number(issue.minimum)
      if (issue.origin === 'string') return { kind: 'too_short', limit }
      if (issue.origin === 'array' || issue.origin === 'set') return { kind: 'too_few', limit }
      return { kind: 'too_small', limit }
    }
    case 'too_big': {
      const limit = Number(issue.maximum)
      if (issue.origin === 'string') return { kind: 'too_long', limit }
      if (issue.origin === 'array' || issue.origin === 'set') return { kind: 'too_many', limit }
      return { kind: 'too_large', limit }
    }
    case 'invalid_format':
      return { kind: issue.format === 'email' ? 'email' : 'format' }
    case 'invalid_value':
      return { kind: 'choice' }
    case 'custom':
      return { kind: 'format' }
    default:
      return { kind: 'invalid' }
  }
}

function sentence(name: string, issue: FieldIssue, zodIssue: core.$ZodIssue): string {
  const subject = name.charAt(0).toUpperCase() + name.slice(1)
  const limit = issue.limit?.toLocaleString('en')
  switch (issue.kind) {
    case 'required':
      return `${subject} is required.`
    case 'too_short':
      return `${subject} must be at least ${limit} characters.`
    case 'too_long':
      return `${subject} must be at most ${limit} characters.`
    case 'too_few':
      return `${subject} must list at least ${limit}.`
    case 'too_many':
      return `${subject} must list at most ${limit}.`
    case 'too_small':
      return `${subject} must be at least ${limit}.`
    case 'too_large':
      return `${subject} must be at most ${limit}.`
    case 'email':
      return `${subject} is not a valid email address.`
    case 'choice': {
      const values = zodIssue.code === 'invalid_value' ? zodIssue.values.map(String) : []
      return values.length > 0 && values.length <= 20 ? `${subject} must be one of: ${values.join(', ')}.` : `${subject} is not one of the allowed values.`
    }
    case 'format':
      // A refinement's own message says what the form is (a slug: "lower-case letters, digits and single hyphens").
      return zodIssue.code === 'custom' && zodIssue.message ? `${subject} is not valid: ${zodIssue.message}.` : `${subject} is not in the expected form.`
    default:
      return `${subject} is not valid.`
  }
}

/** "the title"; an element of a list: "an item of the languages"; the whole body: "the request". */
function nameOf(path: readonly PropertyKey[], target: string): string {
  if (path.length === 0) return target === 'json' ? 'the request body' : `the request ${target}`
  const root = String(path[0])
  const name = FIELD_NAMES[root] ?? `the ${root.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`
  return path.length > 1 ? `an item of ${name}` : name
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}
