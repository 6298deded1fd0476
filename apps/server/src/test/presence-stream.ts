import type { PresenceEvent } from '@tandem/shared'

/** Reads a Server-Sent Events stream as a browser's EventSource would, keeping every `presence` event. */
export function readPresence(server: { url: string }, slug: string, cookie: string | null) {
  const events: PresenceEvent[] = []
  const controller = new AbortController()
  let ended = false
  const opened = fetch(`${server.url}/api/networks/${slug}/presence`, {
    headers: cookie ? { cookie, accept: 'text/event-stream' } : { accept: 'text/event-stream' },
    signal: controller.signal,
  })
  const done = opened.then(async (response) => {
    if (response.status !== 200 || !response.body) return response
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const lines = block.split('\n')
          if (lines.includes('event: presence')) {
            const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n')
            events.push(JSON.parse(data) as PresenceEvent)
          }
        }
      }
    } catch {
      // aborted by the test
    }
    ended = true
    return response
  })
  return {
    opened,
    events,
    latest: () => events.at(-1)?.users ?? null,
    ended: () => ended,
    done,
    close: () => controller.abort(),
  }
}
