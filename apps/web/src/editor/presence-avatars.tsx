import { useTranslation } from 'react-i18next'
import type { Person } from './collab-session.ts'
import { initialsOf } from './user-colour.ts'

/** Who is in the document right now: one avatar per person (several tabs of one person count once). */
export function PresenceAvatars({ people }: { people: Person[] }) {
  const { t } = useTranslation('editor')
  const unique = dedupe(people)
  return (
    <div className="presence">
      <h2 className="visually-hidden">{t('presence.heading')}</h2>
      <ul className="presence-list" aria-label={t('presence.label', { count: unique.length })}>
        {unique.map((person) => (
          <li key={person.id} className="presence-person" title={person.self ? t('presence.you', { name: person.name }) : person.name}>
            <span className="avatar" style={{ backgroundColor: person.color }} aria-hidden="true">
              {initialsOf(person.name)}
            </span>
            <span className="visually-hidden">{person.self ? t('presence.you', { name: person.name }) : person.name}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** One entry per user id, the viewer's own first. */
export function dedupe(people: Person[]): Person[] {
  const byId = new Map<string, Person>()
  for (const person of people) {
    const existing = byId.get(person.id)
    if (!existing || person.self) byId.set(person.id, person)
  }
  return [...byId.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name))
}
