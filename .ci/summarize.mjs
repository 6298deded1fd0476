// Sums the vitest JSON reports of every workspace into one line: "N passed, N failed" (", N skipped" when any).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

let passed = 0
let failed = 0
let skipped = 0
let reports = 0
for (const group of ['apps', 'packages']) {
  if (!existsSync(group)) continue
  for (const name of readdirSync(group)) {
    const file = path.join(group, name, '.vitest-report.json')
    if (!existsSync(file)) continue
    const report = JSON.parse(readFileSync(file, 'utf8'))
    reports++
    passed += report.numPassedTests
    failed += report.numFailedTests + filesFailedWithoutTests(report)
    if (!report.success && report.numFailedTests === 0 && filesFailedWithoutTests(report) === 0) failed++
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
  }
}
if (reports === 0) {
  console.log('0 passed, 1 failed')
  console.error('no test reports were written')
  process.exit(1)
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 ? 1 : 0)

/** A file that failed to load has no failed test in it, but is a failure all the same. */
function filesFailedWithoutTests(report) {
  return (report.testResults ?? []).filter(
    (r) => r.status === 'failed' && !(r.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length
}
