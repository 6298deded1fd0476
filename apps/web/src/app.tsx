import { lazy, Suspense } from 'react'
import { Redirect, Route, Switch } from 'wouter'
import { AppShell } from './components/app-shell.tsx'
import { ideaScreenOf } from './editor/idea-path.ts'
import { useSession } from './lib/session.tsx'

// Every screen is its own chunk: the sign-in page does not pay for the network pages, and nothing but the idea
// screens pays for the editor (TipTap, Yjs, the providers).
const SignIn = lazy(() => import('./routes/sign-in.tsx'))
const SignUp = lazy(() => import('./routes/sign-up.tsx'))
const Profile = lazy(() => import('./routes/profile.tsx'))
const Networks = lazy(() => import('./routes/networks.tsx'))
const NetworkHome = lazy(() => import('./routes/network-home.tsx'))
const NetworkManage = lazy(() => import('./routes/network-manage.tsx'))
const Invitation = lazy(() => import('./routes/invitation.tsx'))
const loadIdeaPage = () => import('./routes/idea.tsx')
const loadIdeaHistory = () => import('./routes/idea-history.tsx')
const IdeaPage = lazy(loadIdeaPage)
const IdeaHistory = lazy(loadIdeaHistory)

// Opened straight on an idea (a link, a reload): fetch the editor's chunks now, alongside the language catalogue and
// the session, instead of after them. On a slow connection the round trips saved are seconds.
const openedOn = ideaScreenOf(location.pathname)?.screen
if (openedOn === 'history') void loadIdeaHistory()
else if (openedOn === 'editor') void loadIdeaPage()
const NotFound = lazy(() => import('./routes/not-found.tsx'))

export function App() {
  const { me } = useSession()
  return (
    <AppShell>
      <Suspense fallback={<div className="page-loading" aria-busy="true" />}>
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
