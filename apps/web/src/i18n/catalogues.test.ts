import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { languageCodes, namespaces } from './languages.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const srcDir = path.resolve(here, '..')

function flatten(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key))
}

function catalogue(language: string, namespace: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(here, 'locales', language, `${namespace}.json`), 'utf8'))
}

/** Plural forms are keys with a suffix (`_one`, `_other`, Arabic's `_zero` … `_many`): compare their stems. */
const stem = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return name === 'locales' ? [] : sourceFiles(full)
    return /\.(tsx?|ts)$/.test(name) && !name.endsWith('.test.ts') ? [full] : []
  })
}

describe('message catalogues', () => {
  for (const namespace of namespaces) {
    const english = new Set(flatten(catalogue('en', namespace)).map(stem))
    for (const language of languageCodes) {
      it(`${language}/${namespace}.json has exactly the English keys, none empty`, () => {
        const entries = flatten(catalogue(language, namespace))
        const keys = new Set(entries.map(stem))
        expect([...english].filter((k) => !keys.has(k)), 'missing').toEqual([])
        expect([...keys].filter((k) => !english.has(k)), 'unknown').toEqual([])
        const flat = entries.map((key) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], catalogue(language, namespace)))
        expect(flat.filter((v) => typeof v !== 'string' || v.trim() === ''), 'empty').toEqual([])
      })
    }
  }

  it('every key the code asks for exists in the English catalogue', () => {
    const known = new Map(namespaces.map((ns) => [ns, new Set(flatten(catalogue('en', ns)).map(stem))]))
    const missing: string[] = []
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8')
      // The namespace a file reads from: useTranslation('editor') (or a TFunction<'editor'> it is given), else common.
      const namespace = /useTranslation\(\s*'editor'|TFunction<'editor'>/.test(text) ? 'editor' : 'common'
      for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g)) {
        const raw = match[1]!
        const [ns, key] = raw.includes(':') ? (raw.split(':') as [string, string]) : [namespace, raw]
        if (!known.get(ns as (typeof namespaces)[number])?.has(stem(key))) missing.push(`${path.relative(srcDir, file)}: ${raw}`)
      }
    }
    expect(missing).toEqual([])
  })
})
