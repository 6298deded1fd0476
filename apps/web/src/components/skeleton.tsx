import { useTranslation } from 'react-i18next'

/**
 * Grey shapes where data is about to appear, so a screen's frame shows at once and the page does not jump when the
 * data lands. Hidden from screen readers, which hear one "Loading…" instead.
 */
export function SkeletonBlock({ className = '' }: { className?: string }) {
  return <span className={`skeleton ${className}`} aria-hidden="true" />
}

/** A few lines of text to come (the last one shorter, like a paragraph). */
export function SkeletonLines({ lines = 3 }: { lines?: number }) {
  return (
    <span className="skeleton-lines" aria-hidden="true">
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className={`skeleton skeleton-line${i === lines - 1 && lines > 1 ? ' skeleton-line-short' : ''}`} />
      ))}
    </span>
  )
}

/** What a screen reader hears while the shapes are shown. */
export function LoadingStatus() {
  const { t } = useTranslation()
  return (
    <span className="visually-hidden" role="status">
      {t('common.loading')}
    </span>
  )
}

/** Cards to come (networks, ideas): `count` placeholders in the given list layout. */
export function SkeletonCards({ count = 3, className = '', announce = true }: { count?: number; className?: string; announce?: boolean }) {
  return (
    <div className={`skeleton-cards ${className}`} aria-busy="true">
      {announce ? <LoadingStatus /> : null}
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="card skeleton-card" aria-hidden="true">
          <SkeletonBlock className="skeleton-title" />
          <SkeletonLines lines={2} />
        </div>
      ))}
    </div>
  )
}

/** Any screen whose code is still on its way: a heading and a few cards where it will be. */
export function ScreenSkeleton() {
  return (
    <div className="stack screen-skeleton" aria-busy="true">
      <LoadingStatus />
      <SkeletonBlock className="skeleton-heading" />
      <SkeletonLines lines={2} />
      <SkeletonCards count={2} className="skeleton-grid" announce={false} />
    </div>
  )
}
