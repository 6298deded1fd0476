import type { TypingResult } from '../scenarios/typing.ts'
import type { ServerKind } from '../servers/types.ts'
import { percentile } from '../stats.ts'
import { mb, ms, withRatio } from './format.ts'
import { eachResult, plain, type Outcome } from './outcome.ts'

/** Issue 24: a keystroke in a 1 MB idea shows within a frame at 60 Hz, 95 times in 100. */
export const TYPING_TARGET_MS = 16

export function typingOutcome(title: string, kinds: ServerKind[], results: Map<string, TypingResult | Error>): Outcome {
  const rows: string[][] = []
  const notes: string[] = []
  const misses: string[] = []
  const failed = eachResult(kinds, results, { width: 8, rows, notes }, (kind, r) => {
    const base50 = percentile(r.baseline, 50)
    const base95 = percentile(r.baseline, 95)
    const large50 = percentile(r.large, 50)
    const large95 = percentile(r.large, 95)
    rows.push([
      kind.label,
      ms(base50),
      ms(base95),
      withRatio(ms(large50), large50, base50),
      withRatio(ms(large95), large95, base95),
      ms(Math.max(...r.large)),
      `${(r.largeChars / 1e6).toFixed(2)} M chars, ${r.largeBlocks.toLocaleString('en')} blocks, ${mb(r.largeStateBytes)} Yjs`,
      ms(r.largeOpenMs),
    ])
    if (!(large95 <= TYPING_TARGET_MS)) misses.push(`${kind.label}: a keystroke in the 1 MB idea, p95 ${ms(large95)} > ${ms(TYPING_TARGET_MS)}`)
    if (r.profile) notes.push(`Browser CPU profile of the typing: ${r.profile}`)
  })
  for (const kind of failed) misses.push(`${kind.label}: the scenario failed, so the target is not shown to be met`)
  notes.push(
    'Debian Chromium at 1280×900 against the real server; one keystroke at a time, 8 a second, in alternating blocks on the ' +
      'two ideas. A keystroke is timed in the page from its keydown event to the next painted frame (a message posted from ' +
      'that frame’s requestAnimationFrame callback). The baseline, measured in the same run, is the concept-note template with ' +
      'a few paragraphs; the 1 MB idea is that template with a long report (headings, paragraphs, lists) pasted into section 2. ' +
      `Target: p95 ≤ ${TYPING_TARGET_MS} ms in the 1 MB idea (one frame at 60 Hz).`,
  )
  return {
    id: '8',
    title,
    table: { columns: ['server', 'normal p50', 'normal p95', '1 MB p50', '1 MB p95', '1 MB max', '1 MB idea', 'opened in'], rows },
    notes,
    misses,
    results: plain(results),
  }
}
