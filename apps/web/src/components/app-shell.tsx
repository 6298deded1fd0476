import { useEffect, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useSearch } from 'wouter'
import { withReturnPath } from '../lib/return-path.ts'
import { useRouteFocus } from '../lib/use-route-focus.ts'
import { useSession } from '../lib/session.tsx'
import { LanguageSwitcher } from './language-switcher.tsx'
import { OfflineBanner } from './offline-banner.tsx'
import { useSignOut } from './sign-out-dialog.tsx'

/**
 * The frame of every screen: skip link, header (home, language, then networks, profile, sign out), offline banner,
 * main. On a phone the header takes two rows in every language: the name and the language, then the links.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const { me } = useSession()
  const signOut = useSignOut()
  useRouteFocus()
  useSignInWhenEnded()
  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="app-header">
        <Link href="/" className="brand" aria-label={t('shell.home')}>
          <svg aria-hidden="true" width="28" height="28" viewBox="0 0 64 64">
            <rect width="64" height="64" rx="14" fill="currentColor" />
            <circle cx="24" cy="34" r="11" fill="none" stroke="#fff" strokeWidth="5" />
            <circle cx="40" cy="34" r="11" fill="none" stroke="#f4c95d" strokeWidth="5" />
          </svg>
          <span>Tandem</span>
        </Link>
        <LanguageSwitcher />
        <nav aria-label={t('shell.mainNavigation')} className="app-nav">
          {me ? (
            <>
              <Link href="/networks">{t('shell.networks')}</Link>
              <Link href="/profile">{t('shell.profile')}</Link>
              <button type="button" className="link-button" disabled={signOut.busy} onClick={() => signOut.start()}>
                {t('shell.signOut')}
              </button>
            </>
          ) : me === null ? (
            <>
              <Link href="/signin">{t('shell.signIn')}</Link>
              <Link href="/signup">{t('shell.signUp')}</Link>
            </>
          ) : null}
        </nav>
      </header>
      <OfflineBanner />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      {signOut.dialog}
    </>
  )
}

/**
 * A session that ended by itself (a 401 anywhere, sign-out in another tab) leads from any screen to the sign-in
 * page, once, with the way back to where the person was.
 */
function useSignInWhenEnded(): void {
  const { ended, acknowledgeEnded } = useSession()
  const [location, navigate] = useLocation()
  const search = useSearch()
  useEffect(() => {
    if (!ended) return
    acknowledgeEnded()
    if (location === '/signin' || location === '/signup') return
    navigate(withReturnPath('/signin', search ? `${location}?${search}` : location), { replace: true })
  }, [ended, acknowledgeEnded, location, search, navigate])
}
