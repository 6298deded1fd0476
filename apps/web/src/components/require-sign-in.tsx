import type { MeResponse } from '@tandem/shared'
import type { ReactNode } from 'react'
import { Redirect, useLocation, useSearch } from 'wouter'
import { withReturnPath } from '../lib/return-path.ts'
import { useSession } from '../lib/session.tsx'
import { Loading } from './loading.tsx'

/** Renders its children with the signed-in person; sends anyone else to sign in, and back here afterwards. */
export function RequireSignIn({ children }: { children: (me: MeResponse) => ReactNode }) {
  const { me } = useSession()
  const [location] = useLocation()
  const search = useSearch()
  if (me === undefined) return <Loading />
  if (me === null) return <Redirect to={withReturnPath('/signin', search ? `${location}?${search}` : location)} replace />
  return <>{children(me)}</>
}
