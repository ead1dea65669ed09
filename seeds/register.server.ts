// Loads the official register of all Kreise and kreisfreie Städte and the shipped applicability
// rules; see seeds/reference/SOURCES.md.
import { applicabilityRules, countyRegister } from '../db/schema'
import { CountyKind, type CountyKindCode } from '../app/domain/enums'
import type { Tx } from '../app/utils/db.server'
import { readReference, required } from './catalogue.server'

function kindOf(kreistyp: string): CountyKindCode {
  // The source writes „Region (Region Hannover)“.
  if (kreistyp.startsWith('Region')) return 'region'
  return required(CountyKind.fromValue(kreistyp), `Kreistyp ${kreistyp}`)
}

export async function loadRegister(tx: Tx): Promise<void> {
  const kinds = new Map(readReference('kreise_niedersachsen.csv').map((r) => [r.ags, kindOf(r.kreistyp)]))
  const rows = readReference('kreise_deutschland.csv').map((r) => ({
    ags: r.ags,
    name: r.name,
    land: r.bundesland,
    kind: kinds.get(r.ags) ?? null,
    population: r.einwohner_2018_12_31 ? Number(r.einwohner_2018_12_31) : null,
    wikidata: r.wikidata || null,
  }))
  await tx.insert(countyRegister).values(rows)
}

export async function loadApplicabilityRules(tx: Tx): Promise<void> {
  const rows = readReference('zustaendigkeit_niedersachsen.csv').map((r) => ({
    land: r.land,
    countyKind: required(CountyKind.codes.find((c) => c === r.kreistyp), `Kreistyp ${r.kreistyp}`),
    topic: r.thema,
    ozgIds: r.ozg_ids.split(/\s+/).filter(Boolean),
    applies: r.zustaendig === 'ja',
    legalBasis: r.rechtsgrundlage || null,
    source: r.quelle || null,
    isAssumption: r.annahme === 'ja',
  }))
  await tx.insert(applicabilityRules).values(rows)
}
