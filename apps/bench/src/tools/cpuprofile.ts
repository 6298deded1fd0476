/** A V8 .cpuprofile (node --cpu-prof) as the profile tools read it: its nodes by id, each node's parent, and a frame's name. */
import { readFileSync } from 'node:fs'

export interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

export interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  /** Microseconds from the previous sample (wall time). */
  timeDeltas: number[]
  startTime: number
  endTime: number
}

export function readProfile(file: string) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  return { profile, byId, parent }
}

/** `function path:line`, the path shortened to where it starts in apps/, packages/ or node_modules/. */
export function frameName(node: ProfileNode): string {
  const url = node.callFrame.url.replace(/^file:\/\//, '').replace(/^.*\/(apps|packages|node_modules)\//, '$1/')
  return `${node.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${node.callFrame.lineNumber + 1}` : ''}`.trim()
}
