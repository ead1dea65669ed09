// Saves per second: 20 editors at once, each posting the edit form on rows of its own county that
// no other editor touches; afterwards the lost-update check.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { DatabaseHandle } from '../../app/utils/db.server'
import type { GenerateResult } from '../generate'
import { editorRows, formHistoryCount, recordSave, rowsNotAsSaved, saveForm, type RowTarget } from './rows'
import type { Server } from './server'
import { percentile, round } from './stats'

export type SaveResult = {
  status: 'ok' | 'fehlt' | 'fehler'
  note?: string
  savesPerSecond?: number
  ok?: number
  conflicts?: number
  invalid?: number
  otherErrors?: number
  p50?: number
  p95?: number
  historyRecords?: number
  lostUpdates?: number
  firstProblem?: string
}

export async function saves(server: Server, handle: DatabaseHandle, gen: GenerateResult, args: { duration: number }): Promise<SaveResult> {
  if (!existsSync(resolve(process.cwd(), 'app/routes/kreise.$ags.leistungen.$ozgId.tsx'))) return { status: 'fehlt', note: 'Route fehlt' }
  const { db } = handle
  const work = await editorRows(db, gen.editors)
  const before = await formHistoryCount(db, gen.editors)

  // Probe one save first: a missing or broken action is reported, not hammered.
  const url = (t: RowTarget) => `${server.base}/kreise/${t.ags}/leistungen/${t.ozgId}`
  let firstProblem: string | undefined
  const post = async (editorIndex: number, t: RowTarget, counter: number) => {
    const note = `Benchmark-Änderung ${editorIndex + 1}-${counter}-${Date.now()}`
    const body = saveForm(t, note)
    const t0 = performance.now()
    const res = await fetch(url(t), {
      method: 'POST',
      body,
      redirect: 'manual',
      headers: { Cookie: work[editorIndex].editor.cookie, Origin: server.base, 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    const text = res.status >= 300 && res.status < 400 ? '' : await res.text()
    const ms = performance.now() - t0
    if (res.status >= 300 && res.status < 400) recordSave(t, note)
    else if (!firstProblem) {
      firstProblem = `HTTP ${res.status}: ${text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300)}`
    }
    return { status: res.status, ms }
  }
  const probeTarget = work[0].targets[0]
  if (!probeTarget) return { status: 'fehler', note: 'keine Zeilen für die Redaktionen' }
  const first = await post(0, probeTarget, 0)
  if (first.status === 404) return { status: 'fehlt', note: '404' }
  if (first.status < 300 || first.status >= 400) return { status: 'fehler', note: firstProblem }

  const latencies: number[] = []
  const counts = { ok: 1, conflicts: 0, invalid: 0, other: 0 }
  const deadline = performance.now() + args.duration * 1000
  const started = performance.now()
  await Promise.all(
    work.map(async ({ targets }, e) => {
      let i = e === 0 ? 1 : 0
      while (performance.now() < deadline && targets.length > 0) {
        const t = targets[i % targets.length]
        i++
        try {
          const r = await post(e, t, i)
          latencies.push(r.ms)
          if (r.status >= 300 && r.status < 400) counts.ok++
          else if (r.status === 409) counts.conflicts++
          else if (r.status === 400) counts.invalid++
          else counts.other++
        } catch (error) {
          counts.other++
          firstProblem ??= String(error)
        }
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000

  // No lost update: one history record per successful save, and every row's version and note
  // are exactly what this client's successful saves produced.
  const historyRecords = (await formHistoryCount(db, gen.editors)) - before
  const lost = await rowsNotAsSaved(db, work.flatMap((w) => w.targets))
  return {
    status: 'ok',
    savesPerSecond: round((counts.ok - 1) / seconds),
    ok: counts.ok,
    conflicts: counts.conflicts,
    invalid: counts.invalid,
    otherErrors: counts.other,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    historyRecords,
    lostUpdates: lost + Math.abs(historyRecords - counts.ok),
    firstProblem,
  }
}
