import { StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app.tsx'
import './i18n/i18n.ts'
import { registerServiceWorker } from './lib/service-worker.ts'
import { SessionProvider } from './lib/session.tsx'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={<div className="page-loading" aria-busy="true" />}>
      <SessionProvider>
        <App />
      </SessionProvider>
    </Suspense>
  </StrictMode>,
)

registerServiceWorker()
