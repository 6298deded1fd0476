/**
 * "in 5 minutes" / "dans 5 minutes" / "خلال 5 دقائق" for a Retry-After of `seconds`, in `language`. Pure (no i18next),
 * so error messages can be built and tested anywhere.
 */
export function formatRetryAfter(seconds: number, language: string): string {
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'always' })
  const whole = Math.max(1, Math.ceil(seconds))
  if (whole < 60) return rtf.format(whole, 'second')
  if (whole < 3600) return rtf.format(Math.ceil(whole / 60), 'minute')
  return rtf.format(Math.ceil(whole / 3600), 'hour')
}
