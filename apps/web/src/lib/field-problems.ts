import type { FieldIssue } from '@tandem/shared'
import type { TFunction } from 'i18next'
import { ApiError } from './api.ts'

export interface FieldProblem {
  /** The field as the server named it (`title`, `sdgs.0`). */
  field: string
  /** What is wrong, for under the field: "Use at most 200 characters." */
  problem: string
  /** The same, naming the field, for a summary at the top of the form: "Title: Use at most 200 characters." */
  sentence: string
}

/**
 * The fields a refused request named (a 400 with the server's `issues`), each with what is wrong in the reader's
 * language, in the order the server named them. Anything else has no field problems.
 */
export function fieldProblems(t: TFunction, error: unknown, language = 'en'): FieldProblem[] {
  if (!(error instanceof ApiError) || error.status !== 400 || !error.issues) return []
  return Object.entries(error.issues).map(([field, issue]) => {
    const problem = problemText(t, issue, language)
    return { field, problem, sentence: t('fieldProblems.sentence', { field: fieldName(t, field), problem }) }
  })
}

/** `fieldProblems` by field, for forms that show each one under its input (`problems.title`). */
export function problemsByField(t: TFunction, error: unknown, language = 'en'): Record<string, string> {
  return Object.fromEntries(fieldProblems(t, error, language).map((p) => [p.field, p.problem]))
}

/** What is wrong with a value, in the reader's language, numbers in their digits. */
export function problemText(t: TFunction, issue: FieldIssue, language = 'en'): string {
  const limit = issue.limit === undefined ? '' : new Intl.NumberFormat(language).format(issue.limit)
  switch (issue.kind) {
    case 'required':
      return t('fieldProblems.required')
    case 'too_short':
      return t('fieldProblems.tooShort', { limit })
    case 'too_long':
      return t('fieldProblems.tooLong', { limit })
    case 'too_few':
      return t('fieldProblems.tooFew', { limit })
    case 'too_many':
      return t('fieldProblems.tooMany', { limit })
    case 'too_small':
      return t('fieldProblems.tooSmall', { limit })
    case 'too_large':
      return t('fieldProblems.tooLarge', { limit })
    case 'email':
      return t('fieldProblems.email')
    case 'format':
      return t('fieldProblems.format')
    case 'choice':
      return t('fieldProblems.choice')
    default:
      return t('fieldProblems.invalid')
  }
}

/** The field's name as the forms label it; an item of a list is named by its list, the whole request as such. */
function fieldName(t: TFunction, field: string): string {
  const root = field.split('.')[0] ?? field
  if (root === '(body)') return t('fieldNames.request')
  const key = `fieldNames.${root}`
  const name = t(key, { defaultValue: '' })
  return name === '' || name === key ? root : name
}
