import { Suspense, useEffect } from 'react'
import { Redirect, Route, Switch, useLocation } from 'wouter'
import { AppShell } from './components/app-shell.tsx'
import { ScreenSkeleton } from './components/skeleton.tsx'
import { ideaScreenOf } from './editor/idea-path.ts'
import { i18next } from './i18n/i18n.ts'
import { lazyScreen } from './lib/lazy-screen.ts'
import { useSession } from './lib/session.tsx'
import { whenIdle } from './lib/when-idle.ts'

// Every screen is its own chunk: the sign-in page does not pay for the network pages, and nothing but the idea
// screens pays for the editor (TipTap, Yjs, the providers).
const SignIn = lazyScreen(() => import('./routes/sign-in.tsx'))
const SignUp = lazyScreen(() => import('./routes/sign-up.tsx'))
const Profile = lazyScreen(() => import('./routes/profile.tsx'))
const Networks = lazyScreen(() => import('./routes/networks.tsx'))
const NetworkHome = lazyScreen(() => import('./routes/network-home.tsx'))
const NetworkManage = lazyScreen(() => import('./routes/network-manage.tsx'))
const Invitation = lazyScreen(() => import('./routes/invitation.tsx'))
const IdeaPage = lazyScreen(() => import('./routes/idea.tsx'))
const IdeaHistory = lazyScreen(() => import('./routes/idea-history.tsx'))
const NotFound = lazyScreen(() => import('./routes/not-found.tsx'))

/** The small screens, fetched once the first screen has painted, so moving between them never waits for the network. */
const lightScreens = [SignIn, SignUp, Profile, Networks, NetworkHome, NetworkManage, Invitation, NotFound]

// Opened straight on an idea (a link, a reload): fetch the editor's chunks now, alongside the language catalogue and
// the session, instead of after them. On a slow connection the round trips saved are seconds.
const openedOn = ideaScreenOf(location.pathname)?.screen
if (openedOn === 'history') void IdeaHistory.preload()
else if (openedOn === 'editor') void IdeaPage.preload()

/**
 * Fetches ahead what the next click most likely needs: every small screen after the first paint, and on a network's
 * pages the editor and its catalogue (the chunks are in the service worker's cache already; this also runs them).
 */
function usePreloadNextScreens(location: string) {
  const inNetwork = /^\/networks\/[^/]+/.test(location)
  useEffect(() => whenIdle(() => lightScreens.forEach((screen) => void screen.preload().catch(() => undefined))), [])
  useEffect(() => {
    if (!inNetwork) return
    return whenIdle(() => {
      void IdeaPage.preload().catch(() => undefined)
      void i18next.loadNamespaces('editor').catch(() => undefined)
    })
  }, [inNetwork])
}

export function App() {
  const { me } = useSession()
  const [location] = useLocation()
  usePreloadNextScreens(location)
  return (
    <AppShell>
      <Suspense fallback={<ScreenSkeleton />}>
        <Switch>
          <Route path="/">{me === undefined ? null : me ? <Redirect to="/networks" replace /> : <Redirect to="/signin" replace />}</Route>
          <Route path="/signin" component={SignIn} />
          <Route path="/signup" component={SignUp} />
          <Route path="/profile" component={Profile} />
          <Route path="/networks" component={Networks} />
          <Route path="/networks/:slug" component={NetworkHome} />
          <Route path="/networks/:slug/manage" component={NetworkManage} />
          <Route path="/invitations/:token" component={Invitation} />
          <Route path="/networks/:slug/ideas/:id" component={IdeaPage} />
          <Route path="/networks/:slug/ideas/:id/history" component={IdeaHistory} />
          <Route component={NotFound} />
        </Switch>
      </Suspense>
    </AppShell>
  )
}
