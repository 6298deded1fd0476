import { languageCodes } from '../i18n/languages.ts'

/** The languages offered as checkboxes: Tandem's own six, stored by code. */
export const workingLanguages: readonly string[] = languageCodes

/** Splits a stored list into Tandem's six (codes) and the rest (free text, kept as typed). */
export function splitLanguages(value: readonly string[]): { known: string[]; others: string[] } {
  return {
    known: value.filter((v) => workingLanguages.includes(v)),
    others: value.filter((v) => !workingLanguages.includes(v)),
  }
}

/** A language's name in the reader's language ("fr" → "French", "français", "Französisch"); free text as typed. */
export function languageName(code: string, reader: string): string {
  if (!workingLanguages.includes(code)) return code
  try {
    return new Intl.DisplayNames([reader], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}
