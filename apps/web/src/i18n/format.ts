import { i18next } from './i18n.ts'

/** Dates and numbers in the reader's language (Arabic digits and month names included). */
export function formatDate(iso: string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso
  return new Intl.DateTimeFormat(i18next.resolvedLanguage ?? 'en', options).format(date)
}

export function formatDateTime(iso: string | Date): string {
  return formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' })
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(i18next.resolvedLanguage ?? 'en', options).format(value)
}

/** "3 minutes ago" in the reader's language. */
export function formatRelative(iso: string | Date, now = Date.now()): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso
  const seconds = Math.round((date.getTime() - now) / 1000)
  const rtf = new Intl.RelativeTimeFormat(i18next.resolvedLanguage ?? 'en', { numeric: 'auto' })
  const abs = Math.abs(seconds)
  if (abs < 60) return rtf.format(seconds, 'second')
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute')
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour')
  return rtf.format(Math.round(seconds / 86400), 'day')
}
