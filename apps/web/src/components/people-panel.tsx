import { useState, type ReactNode } from 'react'
import { whereFrom } from '../lib/network-admin-types.ts'
import type { ApiResource } from '../lib/use-api-resource.ts'
import { ErrorAlert } from './error-alert.tsx'
import { Loading } from './loading.tsx'
import { StatusMessage } from './status-message.tsx'

/**
 * A change a facilitator makes to a list of people: clears what the panel last said, then says `done` and reloads
 * the list, or shows what went wrong. Resolves to whether the change was made.
 */
export function usePeopleChange(reload: () => Promise<void>) {
  const [error, setError] = useState<unknown>(undefined)
  const [done, setDone] = useState<string | null>(null)
  async function change(work: () => Promise<unknown>, message: string): Promise<boolean> {
    setError(undefined)
    setDone(null)
    try {
      await work()
      setDone(message)
      await reload()
      return true
    } catch (caught) {
      setError(caught)
      return false
    }
  }
  return { error, done, change }
}

/** A facilitator's card of people (join requests, members): what went wrong or was done, then the list. */
export function PeoplePanel<T>({
  headingId,
  title,
  people,
  error,
  errorMessage = null,
  done,
  emptyText,
  row,
  children,
}: {
  headingId: string
  title: string
  people: ApiResource<T[]>
  error: unknown
  /** Says what went wrong in the panel's own words instead (a failure it knows how to explain). */
  errorMessage?: string | null
  done: string | null
  emptyText: string
  row(person: T): ReactNode
  /** Below the list (the form to add someone). */
  children?: ReactNode
}) {
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <ErrorAlert error={error ?? people.error} message={errorMessage} />
      <StatusMessage message={done} />
      {people.data === undefined ? (
        people.loading ? <Loading /> : null
      ) : people.data.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <ul className="plain-list people-list">{people.data.map(row)}</ul>
      )}
      {children}
    </section>
  )
}

type Person = { displayName: string; organisation: string | null; city: string | null; country: string | null }

/** One person in such a list: name (and `badges`), where from, `children` (dates, their message), then `actions`. */
export function PersonRow({ person, badges, actions, children }: { person: Person; badges?: ReactNode; actions: ReactNode; children: ReactNode }) {
  const from = whereFrom(person)
  return (
    <li className="person-row">
      <div className="person-info">
        <h3 className="person-name">
          <bdi>{person.displayName}</bdi>
          {badges}
        </h3>
        {from ? (
          <p className="muted">
            <bdi>{from}</bdi>
          </p>
        ) : null}
        {children}
      </div>
      <div className="person-actions">{actions}</div>
    </li>
  )
}
