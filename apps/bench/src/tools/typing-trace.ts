/**
 * Where a keystroke's time goes in Chromium (scenario 8's 1 MB idea): a DevTools trace of typing into it, summed by
 * event on the page's main thread (script, style, layout, paint …) per keystroke. A CPU profile shows native work
 * only as "(program)"; the trace names it. Times are CPU time (the machine is shared). Needs the built web app.
 *   node --import tsx apps/bench/src/tools/typing-trace.ts [keystrokes] [bytes]
 * TRACE_EVAL=<expression> runs in the page before typing (an A/B: a style sheet that turns something off);
 * TRACE_PARENTS=<event name> prints what the first long ones ran inside, and what ran inside them.
 */
import { launchChromium } from '../scenarios/browser-open.ts'
import { openForTyping, prepareTypingIdeas, typeKeys, WARMUP_KEYS } from '../scenarios/typing.ts'
import { tandemKind } from '../servers/tandem.ts'

const keystrokes = Number(process.argv[2] ?? 40)
const bytes = Number(process.argv[3] ?? 1_000_000)

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  /** Thread (CPU) time of a complete event, when the trace has it. */
  tdur?: number
  args?: { name?: string }
}

const server = await tandemKind('pglite').start({})
try {
  const { large } = await prepareTypingIdeas(server, bytes)
  const browser = await launchChromium()
  try {
    const page = await openForTyping(browser, server, large.room, large.marker)
    if (process.env.TRACE_EVAL) await page.evaluate(process.env.TRACE_EVAL)
    await typeKeys(page, WARMUP_KEYS)
    const cdp = await page.context().newCDPSession(page)
    const events: TraceEvent[] = []
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])))
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink,v8.execute',
      transferMode: 'ReportEvents',
    })
    const samples = await typeKeys(page, keystrokes)
    await cdp.send('Tracing.end')
    await done

    // The page's main thread: the renderer thread named CrRendererMain with the most events.
    const names = new Map<string, string>()
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '')
    const counts = new Map<string, number>()
    for (const e of events) {
      const key = `${e.pid}:${e.tid}`
      if (names.get(key) === 'CrRendererMain') counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0]
    // Self time of each event: its duration less that of the events nested in it (complete events nest properly).
    const mainEvents = events
      .filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined)
      .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
    // CPU time where the trace has it (the machine is shared: wall time includes others' turns), else wall time.
    const cost = (e: TraceEvent) => e.tdur ?? e.dur!
    const totals = new Map<string, { total: number; self: number }>()
    const stack: Array<{ event: TraceEvent; children: number }> = []
    const close = (entry: { event: TraceEvent; children: number }) => {
      const t = totals.get(entry.event.name) ?? { total: 0, self: 0 }
      t.total += cost(entry.event) / 1000
      t.self += Math.max(0, cost(entry.event) - entry.children) / 1000
      totals.set(entry.event.name, t)
    }
    for (const event of mainEvents) {
      while (stack.length > 0 && stack.at(-1)!.event.ts + stack.at(-1)!.event.dur! <= event.ts) close(stack.pop()!)
      if (stack.length > 0) stack.at(-1)!.children += cost(event)
      stack.push({ event, children: 0 })
    }
    while (stack.length > 0) close(stack.pop()!)
    if (process.env.TRACE_PARENTS) {
      // Where an event is called from: the chain of events around its first long occurrences.
      const wanted = process.env.TRACE_PARENTS
      const open: TraceEvent[] = []
      let shown = 0
      for (const event of mainEvents) {
        while (open.length > 0 && open.at(-1)!.ts + open.at(-1)!.dur! <= event.ts) open.pop()
        open.push(event)
        if (event.name === wanted && event.dur! > 2_000 && shown++ < 3) {
          console.log(open.map((e) => `${e.name} ${(e.dur! / 1000).toFixed(1)}`).join(' > '))
          const inside = mainEvents.filter((e) => e.ts >= event.ts && e.ts + e.dur! <= event.ts + event.dur! && e !== event)
          for (const e of inside.slice(0, 15)) console.log(`    ${e.name} ${(e.dur! / 1000).toFixed(2)}`)
        }
      }
    }
    const sorted = [...samples].sort((a, b) => a - b)
    console.log(`${keystrokes} keystrokes into ${(large.chars / 1e6).toFixed(2)} M characters (${large.blocks} blocks)`)
    console.log(`keydown → next frame: p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`)
    console.log('main-thread events, CPU ms per keystroke: self (without the events nested in it), then total')
    for (const [name, t] of [...totals].sort((a, b) => b[1].self - a[1].self).slice(0, 30)) {
      console.log(`  ${(t.self / keystrokes).toFixed(2).padStart(8)} ${(t.total / keystrokes).toFixed(2).padStart(8)}  ${name}`)
    }
  } finally {
    await browser.close()
  }
} finally {
  await server.stop({ drop: true })
}
