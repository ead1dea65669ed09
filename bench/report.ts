// The report: the targets judged from a run's results, and the table printed at its end.
import type { JsSize } from './lib/javascript'
import type { LoadResult } from './lib/load'
import type { PgliteResult } from './lib/pglite'
import type { ScaleResult, Target } from './lib/scenario'
import { pad, round } from './lib/stats'
import { scenarios } from './scenarios'

const LABELS: Record<string, string> = {
  dashboard: 'Übersicht /',
  matrix: 'Matrix alle',
  matrixTheme: 'Matrix Themenfeld 2',
  county: 'Kreisseite',
  service: 'Leistungsseite 10519',
  apiSummary: 'API /api/v1/summary',
}

type Judged = { value: string; ok: boolean | null }
const NOT_MEASURED: Judged = { value: 'nicht gemessen (nicht Teil dieses Laufs)', ok: null }

function target(text: string, scale: number | null, judged: Judged): Target {
  return { target: text, scale, ...judged }
}

/** A page's p50 against the SQL behind it: `factor`× at most, and under `ms` if given. */
function againstSql(page: LoadResult | undefined, sqlP50: number | undefined, factor: number, ms?: number): Judged {
  if (!page || page.status !== 'ok' || !sqlP50) return page ? { value: page.status, ok: null } : NOT_MEASURED
  const ratio = round(page.p50! / sqlP50, 2)
  return { value: `p50 ${page.p50} ms = ${ratio}× SQL (${sqlP50} ms)`, ok: ratio <= factor && (ms === undefined || page.p50! < ms) }
}

/**
 * The page one request at a time against the same SQL: information beside a ratio target, which
 * stays judged at 10 connections (decision 044). Missing in results from before 2026-11-30.
 */
function oneAtATimeInfo(r: ScaleResult | undefined, key: string, sqlP50: number | undefined): string | undefined {
  const page = r?.oneAtATime?.[key]
  if (!page) return undefined
  if (page.status !== 'ok') return `einzeln: ${page.status}${page.note ? ` (${page.note})` : ''}`
  const cpu = page.serverCpuMsPerRequest !== undefined ? `, Server-CPU ${page.serverCpuMsPerRequest} ms/Anfrage` : ''
  return `einzeln: p50 ${page.p50} ms${sqlP50 ? ` = ${round(page.p50! / sqlP50, 2)}× SQL` : ''}${cpu}`
}

/** The targets of issue 15 in its order, then the scenarios' own, then those of issue 6 still kept. */
export function evaluate(results: ScaleResult[], js: JsSize[] | { error: string }, pglite: PgliteResult | undefined): Target[] {
  const at = (n: number) => results.find((r) => r.counties === n)
  const s16 = at(16)
  const s400 = at(400)
  const s10800 = at(10800)
  const out: Target[] = []
  const d16 = s16?.pages.dashboard
  out.push(
    target(
      'Übersicht Durchsatz ≥ 0,5× triviale Route (1 Prozess)',
      16,
      !s16 || !d16
        ? NOT_MEASURED
        : d16.status === 'ok' && s16.trivial.status === 'ok'
          ? { value: `${d16.rps} vs ${s16.trivial.rps} req/s = ${round(d16.rps! / s16.trivial.rps!, 3)}×`, ok: d16.rps! >= 0.5 * s16.trivial.rps! }
          : { value: d16.status, ok: null },
    ),
  )
  for (const s of scenarios) {
    const ran = results.flatMap((r) => (r.scenarios[s.key] && !(typeof r.scenarios[s.key] === 'object' && 'error' in (r.scenarios[s.key] as object)) ? [{ counties: r.counties, result: r.scenarios[s.key] }] : []))
    out.push(...(s.targets?.(ran) ?? []))
  }
  if (!s16?.scenarios.mixed) out.push(target('zwei Prozesse vs. einer, gemischte Last ≥ 1,7×', 16, NOT_MEASURED))
  for (const [text, key, sql, factor, ms] of [
    ['Übersicht p50 < 100 ms und ≤ 3× ihr SQL', 'dashboard', 'dashboard', 3, 100],
    ['API-Kennzahlen p50 ≤ 2× ihr SQL', 'apiSummary', 'apiSummary', 2, undefined],
  ] as const) {
    const sqlP50 = s400?.rawSql[sql].p50
    const info = oneAtATimeInfo(s400, key, sqlP50)
    out.push({ ...target(text, 400, s400 ? againstSql(s400.pages[key], sqlP50, factor, ms) : NOT_MEASURED), ...(info ? { info } : {}) })
  }
  const d10800 = s10800?.pages.dashboard
  out.push(
    target(
      'Übersicht bei ~6,2 Mio. Zeilen p50 < 500 ms',
      10800,
      !d10800 ? NOT_MEASURED : d10800.status === 'ok' ? { value: `p50 ${d10800.p50} ms`, ok: d10800.p50! < 500 } : { value: d10800.status, ok: null },
    ),
  )
  const saves400 = s400?.saves
  out.push(
    target(
      '≥ 300 Speicherungen/s mit Historie, 20 Redaktionen, nichts verloren',
      400,
      !saves400
        ? NOT_MEASURED
        : saves400.status === 'ok'
          ? { value: `${saves400.savesPerSecond}/s, verloren ${saves400.lostUpdates}`, ok: saves400.savesPerSecond! >= 300 && saves400.lostUpdates === 0 }
          : { value: `${saves400.status}: ${saves400.note ?? ''}`, ok: null },
    ),
  )
  const pgliteMeasured = pglite?.status === 'ok'
  out.push(
    target('PGlite RSS nach Demodaten < 400 MB', null, !pglite ? NOT_MEASURED : pgliteMeasured ? { value: `${pglite.idleRssMb} MB (Spitze ${pglite.peakRssMb} MB)`, ok: pglite.idleRssMb! < 400 } : { value: `fehler: ${pglite.note}`, ok: null }),
  )
  out.push(
    target(
      'PGlite: erste Seite nach Neustart binnen 3 s',
      null,
      !pglite ? NOT_MEASURED : pgliteMeasured ? { value: `${pglite.restartFirstPageSeconds} s`, ok: pglite.restartFirstPageSeconds! <= 3 } : { value: 'fehler', ok: null },
    ),
  )
  return [...out, ...issue6Targets(results, s400, js)]
}

function issue6Targets(results: ScaleResult[], s400: ScaleResult | undefined, js: JsSize[] | { error: string }): Target[] {
  const out: Target[] = []
  const m = s400?.pages.matrixTheme
  out.push(target('Matrix ein Themenfeld p50 < 200 ms', 400, !m ? NOT_MEASURED : m.status === 'ok' ? { value: `${m.p50} ms`, ok: m.p50! < 200 } : { value: m.status, ok: null }))
  const imp = s400?.import
  out.push(
    target(
      'Import 230k Zeilen < 30 s',
      400,
      !imp ? NOT_MEASURED : imp.status === 'ok' ? { value: `${imp.totalSeconds} s (${imp.rows} Zeilen, ${imp.files} Datei(en))`, ok: imp.totalSeconds! < 30 } : { value: `${imp.status}: ${imp.note ?? ''}`, ok: null },
    ),
  )
  const peak = Math.max(0, ...results.map((r) => r.serverPeakRssMb ?? 0))
  out.push(target('Server-Spitzenspeicher (RSS, PostgreSQL) < 400 MB', null, { value: `${peak} MB`, ok: peak > 0 ? peak < 400 : null }))
  const dash = 'error' in js ? undefined : js.find((j) => j.page === '/')
  out.push(
    target('JavaScript der Übersicht ≤ 200 KB gzip', null, {
      value: dash?.status === 'ok' ? `${dash.gzipKb} KB` : 'error' in js ? js.error : 'fehlt',
      ok: dash?.status === 'ok' ? dash.gzipKb! <= 200 : null,
    }),
  )
  return out
}

export function printTable(results: ScaleResult[], js: JsSize[] | { error: string }, targets: Target[]) {
  for (const r of results) {
    console.log(`\n${r.counties} Kreise – ${r.generation.rows.statuses.toLocaleString('de-DE')} Statuszeilen`)
    const header = [pad('Messgröße', 30), pad('req/s', 9), pad('p50 ms', 9), pad('p95 ms', 9), pad('× trivial (req/s)', 18), pad('× SQL (p50)', 12)]
    console.log(header.join(' '))
    const trivialRps = r.trivial.rps
    const rawP50 = r.rawSql.dashboard.p50
    const line = (label: string, x: LoadResult) => {
      if (x.status !== 'ok') return console.log(`${pad(label, 30)} ${x.status}${x.note ? ` (${x.note})` : ''}`)
      console.log(
        [
          pad(label, 30),
          pad(String(x.rps), 9),
          pad(String(x.p50), 9),
          pad(String(x.p95), 9),
          pad(trivialRps ? String(round(x.rps! / trivialRps, 3)) : '–', 18),
          pad(rawP50 ? String(round(x.p50! / rawP50, 2)) : '–', 12),
        ].join(' '),
      )
    }
    line('trivial /healthz (Basis)', r.trivial)
    const raw = r.rawSql.dashboard
    console.log(`${pad('SQL der Übersicht direkt (Basis)', 30)} ${pad('', 9)} ${pad(String(raw.p50 ?? raw.status), 9)} ${pad(String(raw.p95 ?? ''), 9)}`)
    const mraw = r.rawSql.matrixTheme
    console.log(`${pad('SQL Matrix Themenfeld 2 direkt', 30)} ${pad('', 9)} ${pad(String(mraw.p50 ?? mraw.status), 9)} ${pad(String(mraw.p95 ?? ''), 9)}`)
    const araw = r.rawSql.apiSummary
    console.log(`${pad('SQL der API-Kennzahlen direkt', 30)} ${pad('', 9)} ${pad(String(araw.p50 ?? araw.status), 9)} ${pad(String(araw.p95 ?? ''), 9)}`)
    for (const [key, value] of Object.entries(r.pages)) line(LABELS[key] ?? key, value)
    const ownSql: Record<string, number | undefined> = { dashboard: rawP50, apiSummary: r.rawSql.apiSummary.p50 }
    for (const key of Object.keys(r.oneAtATime ?? {})) console.log(`${pad(`${LABELS[key] ?? key}`, 30)} ${oneAtATimeInfo(r, key, ownSql[key])} (× ihr eigenes SQL)`)
    const s = r.saves
    console.log(
      s.status === 'ok'
        ? `${pad('Speichern (20 Redaktionen)', 30)} ${pad(String(s.savesPerSecond), 9)} ${pad(String(s.p50), 9)} ${pad(String(s.p95), 9)} ok ${s.ok}, Historie ${s.historyRecords}, verloren ${s.lostUpdates}, Konflikte ${s.conflicts}, ungültig ${s.invalid}`
        : `${pad('Speichern (20 Redaktionen)', 30)} ${s.status} ${s.note ?? ''}`,
    )
    if (s.firstProblem) console.log(`  erstes Problem beim Speichern: ${s.firstProblem}`)
    if (r.import) {
      const i = r.import
      console.log(
        i.status === 'ok'
          ? `${pad('CSV-Import', 30)} ${i.totalSeconds} s (Vorschau ${i.previewSeconds} s + Übernahme ${i.applySeconds} s), ${i.rows} Zeilen, ${i.megabytes} MB, ${i.files} Datei(en), ${i.changedRows} geändert`
          : `${pad('CSV-Import', 30)} ${i.status}: ${i.note ?? ''}`,
      )
      if (i.fullFileRefused) console.log(`  ${i.fullFileRefused}`)
    }
    console.log(`${pad('Server-Spitzenspeicher', 30)} ${r.serverPeakRssMb} MB`)
    for (const s of scenarios) {
      const result = r.scenarios[s.key]
      if (result === undefined) continue
      console.log('')
      if (typeof result === 'object' && result !== null && 'error' in result) console.log(`${s.title}: Fehler ${String(result.error)}`)
      else for (const text of s.print(result)) console.log(text)
    }
  }
  console.log('\nJavaScript je Seite (gzip -9, Einstieg + Routenkette + Importe):')
  if ('error' in js) console.log(`  ${js.error}`)
  else for (const j of js) console.log(`  ${pad(j.page, 32)} ${j.status === 'ok' ? `${j.gzipKb} KB gzip (${j.rawKb} KB roh, ${j.files} Dateien)` : 'fehlt'}`)
  console.log('\nZiele (Issue 15, darunter weitere aus Issue 6 und 11):')
  for (const t of targets) {
    const mark = t.ok === null ? 'offen' : t.ok ? 'erfüllt' : 'VERFEHLT'
    console.log(`  [${pad(mark, 8)}] ${pad(t.target, 52)} ${t.scale ? `@${t.scale}: ` : ''}${t.value}`)
    if (t.info) console.log(`  ${pad('', 10)} ${pad('', 52)} ${t.info} (zur Information)`)
  }
}

