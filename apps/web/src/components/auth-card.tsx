import type { ReactNode } from 'react'

/** The one centred card of the sign-in, sign-up and invitation screens, named by its heading. */
export function AuthCard({ headingId, title, children }: { headingId: string; title: string; children: ReactNode }) {
  return (
    <div className="auth-page">
      <section className="card stack auth-card" aria-labelledby={headingId}>
        <h1 id={headingId}>{title}</h1>
        {children}
      </section>
    </div>
  )
}
