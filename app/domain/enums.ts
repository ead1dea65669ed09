// The closed value sets of the domain. Code uses the English codes; CSV files, forms and the UI
// use the German words from DESIGN.md. One table per set keeps code, file value and label together.

export type Option<C extends string> = { code: C; value: string; label: string }

function options<const C extends string>(list: readonly Option<C>[]) {
  const codes = list.map((o) => o.code) as [C, ...C[]]
  const byCode = new Map(list.map((o) => [o.code, o]))
  const byValue = new Map(list.map((o) => [o.value, o]))
  return {
    list,
    codes,
    label: (code: C | null | undefined) => (code ? (byCode.get(code)?.label ?? code) : ''),
    value: (code: C | null | undefined) => (code ? (byCode.get(code)?.value ?? code) : ''),
    fromValue: (value: string) => byValue.get(value)?.code,
  }
}

export const Approach = options([
  { code: 'pending', value: 'offen', label: 'Offen' },
  { code: 'own', value: 'eigen', label: 'Eigene Umsetzung' },
  { code: 'efa', value: 'efa', label: 'EfA-Nachnutzung' },
  { code: 'not_applicable', value: 'nicht_zustaendig', label: 'Nicht zuständig' },
] as const)
export type ApproachCode = (typeof Approach.codes)[number]

export const PendingPlan = options([
  { code: 'undecided', value: 'unentschieden', label: 'Unentschieden' },
  { code: 'awaiting_efa', value: 'warten_auf_efa', label: 'Warten auf EfA' },
  { code: 'planned_own', value: 'eigenumsetzung_geplant', label: 'Eigenumsetzung geplant' },
] as const)
export type PendingPlanCode = (typeof PendingPlan.codes)[number]

export const Connection = options([
  { code: 'interest', value: 'interesse', label: 'Interesse' },
  { code: 'agreement', value: 'vereinbarung', label: 'Vereinbarung' },
  { code: 'connecting', value: 'in_anbindung', label: 'In Anbindung' },
  { code: 'live', value: 'produktiv', label: 'Produktiv' },
] as const)
export type ConnectionCode = (typeof Connection.codes)[number]

export const Stage = options([
  { code: 'planned', value: 'geplant', label: 'Geplant' },
  { code: 'in_progress', value: 'in_umsetzung', label: 'In Umsetzung' },
  { code: 'partially_online', value: 'teilweise_online', label: 'Teilweise online' },
  { code: 'online', value: 'online', label: 'Online' },
] as const)
export type StageCode = (typeof Stage.codes)[number]

export const InterfaceStatus = options([
  { code: 'not_needed', value: 'nicht_benoetigt', label: 'Nicht benötigt' },
  { code: 'none', value: 'keine', label: 'Keine' },
  { code: 'negotiating', value: 'in_verhandlung', label: 'In Verhandlung' },
  { code: 'in_development', value: 'in_entwicklung', label: 'In Entwicklung' },
  { code: 'testing', value: 'im_test', label: 'Im Test' },
  { code: 'live', value: 'produktiv', label: 'Produktiv' },
] as const)
export type InterfaceStatusCode = (typeof InterfaceStatus.codes)[number]

export const InternalProcessing = options([
  { code: 'manual', value: 'manuell', label: 'Manuell' },
  { code: 'rpa', value: 'rpa', label: 'RPA (Software-Roboter)' },
  { code: 'interface', value: 'schnittstelle', label: 'Schnittstelle' },
] as const)
export type InternalProcessingCode = (typeof InternalProcessing.codes)[number]

export const Funding = options([
  { code: 'own_budget', value: 'eigenmittel', label: 'Eigenmittel' },
  { code: 'efa_fee', value: 'efa_entgelt', label: 'EfA-Entgelt' },
  { code: 'state_programme', value: 'landesmittel', label: 'Landesmittel' },
  { code: 'federal_programme', value: 'bundesmittel', label: 'Bundesmittel' },
  { code: 'community_shared', value: 'community_umlage', label: 'Community-Umlage' },
  { code: 'unclear', value: 'ungeklaert', label: 'Ungeklärt' },
] as const)
export type FundingCode = (typeof Funding.codes)[number]

export const OnlineServiceKind = options([
  { code: 'efa', value: 'efa', label: 'EfA-Dienst' },
  { code: 'community', value: 'community', label: 'Community-Lösung' },
  { code: 'product', value: 'produkt', label: 'Produkt' },
  { code: 'own', value: 'eigen', label: 'Eigenes Formular' },
] as const)
export type OnlineServiceKindCode = (typeof OnlineServiceKind.codes)[number]

export const Availability = options([
  { code: 'planned', value: 'geplant', label: 'Geplant' },
  { code: 'in_development', value: 'in_entwicklung', label: 'In Entwicklung' },
  { code: 'available', value: 'verfuegbar', label: 'Verfügbar' },
  { code: 'retired', value: 'eingestellt', label: 'Eingestellt' },
] as const)
export type AvailabilityCode = (typeof Availability.codes)[number]

export const CountyKind = options([
  { code: 'landkreis', value: 'Landkreis', label: 'Landkreis' },
  { code: 'kreisfreie_stadt', value: 'Kreisfreie Stadt', label: 'Kreisfreie Stadt' },
  { code: 'region', value: 'Region', label: 'Region' },
  { code: 'gemeinde', value: 'Gemeinde', label: 'Gemeinde' },
] as const)
export type CountyKindCode = (typeof CountyKind.codes)[number]

export const Responsibility = options([
  { code: 'federal', value: 'bund', label: 'Bund' },
  { code: 'state', value: 'land', label: 'Land' },
  { code: 'municipal', value: 'kommune', label: 'Kommune' },
] as const)
export type ResponsibilityCode = (typeof Responsibility.codes)[number]

export const BasicComponent = options([
  { code: 'epayment', value: 'epayment', label: 'ePayment' },
  { code: 'servicekonto', value: 'servicekonto', label: 'Servicekonto / BundID' },
  { code: 'postfach', value: 'postfach', label: 'Postfach' },
  { code: 'xta_osci', value: 'xta_osci', label: 'XTA / OSCI' },
  { code: 'fit_connect', value: 'fit_connect', label: 'FIT-Connect' },
  { code: 'eakte', value: 'eakte', label: 'E-Akte' },
] as const)
export type BasicComponentCode = (typeof BasicComponent.codes)[number]

export const BasicComponentStatus = options([
  { code: 'not_started', value: 'nicht_begonnen', label: 'Nicht begonnen' },
  { code: 'planned', value: 'geplant', label: 'Geplant' },
  { code: 'in_progress', value: 'in_einfuehrung', label: 'In Einführung' },
  { code: 'live', value: 'produktiv', label: 'Produktiv' },
] as const)
export type BasicComponentStatusCode = (typeof BasicComponentStatus.codes)[number]

export const Role = options([
  { code: 'viewer', value: 'viewer', label: 'Lesend' },
  { code: 'editor', value: 'editor', label: 'Bearbeitung (eigener Kreis)' },
  { code: 'coordinator', value: 'coordinator', label: 'Koordination' },
  { code: 'admin', value: 'admin', label: 'Administration' },
] as const)
export type RoleCode = (typeof Role.codes)[number]

export const MaturityModel = options([
  { code: '1.1', value: '1.1', label: 'Reifegradmodell 1.1 (0–4)' },
  { code: '2.0', value: '2.0', label: 'Reifegradmodell 2.0 (0–7)' },
] as const)
export type MaturityModelCode = (typeof MaturityModel.codes)[number]

export const maxMaturity: Record<MaturityModelCode, number> = { '1.1': 4, '2.0': 7 }

export const maturityLabels11 = [
  '0 – offline',
  '1 – Information',
  '2 – Formularassistent',
  '3 – Online-Leistung inkl. Nachweise',
  '4 – Online-Transaktion (Once-Only)',
] as const

// Reifegradmodell 2.0 (since July 2025, levels 0–7). Only what the public sources state is named:
// 0 offline only, 7 fully end-to-end digital; 1–3 describe the front end (online application),
// 4–6 process orientation and data inside the administration (ozg.sachsen-anhalt.de,
// "Reifegradmodell", Stand 02-2026). The criteria of each level are in the Bund's PDF; the
// labels of 1–6 name only their group until a coordinator adds the official wording.
export const maturityLabels20 = [
  '0 – nur offline',
  '1 – Frontend (Online-Antrag)',
  '2 – Frontend (Online-Antrag)',
  '3 – Frontend (Online-Antrag)',
  '4 – Prozess und Daten in der Verwaltung',
  '5 – Prozess und Daten in der Verwaltung',
  '6 – Prozess und Daten in der Verwaltung',
  '7 – vollständig Ende-zu-Ende digital',
] as const

// A shared vendor negotiation (Verhandlungen): from preparing a request to an agreed interface.
export const NegotiationStage = options([
  { code: 'preparing', value: 'vorbereitung', label: 'In Vorbereitung' },
  { code: 'requested', value: 'angefragt', label: 'Beim Hersteller angefragt' },
  { code: 'offer_received', value: 'angebot_liegt_vor', label: 'Angebot liegt vor' },
  { code: 'agreed', value: 'vereinbart', label: 'Vereinbart' },
  { code: 'in_development', value: 'in_umsetzung', label: 'In Umsetzung' },
  { code: 'completed', value: 'abgeschlossen', label: 'Abgeschlossen' },
  { code: 'failed', value: 'gescheitert', label: 'Gescheitert' },
] as const)
export type NegotiationStageCode = (typeof NegotiationStage.codes)[number]
/** Stages after which a negotiation no longer carries over into the next meeting. */
export const CLOSED_NEGOTIATION_STAGES: readonly NegotiationStageCode[] = ['completed', 'failed']
export function isOpenNegotiationStage(stage: string): boolean {
  return !CLOSED_NEGOTIATION_STAGES.includes(stage as NegotiationStageCode)
}
