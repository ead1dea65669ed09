// Loads the OZG catalogue (Themenfelder, Lebenslagen, Leistungen, LeiKa entries) from the
// reference CSVs; see seeds/reference/SOURCES.md.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { leikaEntries, lifeSituations, services, themes } from '../db/schema'
import { deriveAppliesTo, deriveResponsibilities } from '../app/domain/catalogue'
import { readCsv, type CsvRow } from '../app/utils/csv.server'
import type { Tx } from '../app/utils/db.server'
import { bulkInsert } from './bulk.server'

// Resolved like the migrations folder: the server bundle lives elsewhere, the app root does not move.
const referenceFolder = resolve(process.cwd(), 'seeds/reference')

export function readReference(file: string): CsvRow['values'][] {
  return readCsv(readFileSync(resolve(referenceFolder, file))).rows.map((row) => row.values)
}

const NOT_IN_LEIKA = 'nicht im LeiKa'

export async function loadCatalogue(tx: Tx): Promise<void> {
  const themeRows = readReference('ozg_themenfelder.csv')
  await tx.insert(themes).values(themeRows.map((r) => ({ id: Number(r.themenfeld_id), name: r.themenfeld })))
  const themeIdByName = new Map(themeRows.map((r) => [r.themenfeld, Number(r.themenfeld_id)]))

  const situationRows = readReference('ozg_lebenslagen.csv')
  await tx.insert(lifeSituations).values(
    situationRows.map((r) => ({ id: Number(r.lebenslage_id), name: r.lebenslage, themeId: Number(r.themenfeld_id) })),
  )
  const situationIdByName = new Map(situationRows.map((r) => [r.lebenslage, Number(r.lebenslage_id)]))

  // Rows without an OZG-ID are LeiKa services the catalogue has not mapped to an OZG service.
  const leikaRows = readReference('leika_leistungen_ozg.csv').filter((r) => r.ozg_id !== '')
  const typesByOzgId = new Map<string, string[]>()
  for (const r of leikaRows) {
    const types = typesByOzgId.get(r.ozg_id) ?? []
    types.push(r.leika_typ)
    typesByOzgId.set(r.ozg_id, types)
  }

  const serviceValues = readReference('ozg_leistungen.csv').map((r) => {
    const responsibilities = deriveResponsibilities(typesByOzgId.get(r.ozg_id) ?? [])
    return {
      ozgId: r.ozg_id,
      name: r.ozg_leistung,
      themeId: required(themeIdByName.get(r.themenfeld), `Themenfeld ${r.themenfeld}`),
      lifeSituationId: situationIdByName.get(r.lebenslage) ?? null,
      responsibilities,
      appliesTo: deriveAppliesTo(responsibilities),
    }
  })
  const inserted = await bulkInsert<typeof services, { id: number; ozg_id: string }>(tx, services, serviceValues, ['id', 'ozg_id'])
  const serviceIdByOzgId = new Map(inserted.map((s) => [s.ozg_id, s.id]))

  // The source repeats some LeiKa entries verbatim under the same service.
  const seen = new Set<string>()
  const entryValues = []
  for (const r of leikaRows) {
    const key = r.leika_schluessel === NOT_IN_LEIKA || r.leika_schluessel === '' ? null : r.leika_schluessel
    const identity = `${r.ozg_id}|${key}|${r.leika_bezeichnung}`
    if (seen.has(identity)) continue
    seen.add(identity)
    entryValues.push({
      serviceId: required(serviceIdByOzgId.get(r.ozg_id), `OZG-ID ${r.ozg_id}`),
      key,
      name: r.leika_bezeichnung,
      leikaType: r.leika_typ || null,
      legalBasis: r.rechtsgrundlage || null,
    })
  }
  await bulkInsert(tx, leikaEntries, entryValues)
}

export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Referenzdaten unvollständig: ${what} fehlt.`)
  return value
}
