// The one OnlineServiceInput schema (coordinator form). Form values are strings; '' is missing.
import { z } from 'zod'
import { Availability, MaturityModel, maxMaturity, OnlineServiceKind, type AvailabilityCode, type MaturityModelCode, type OnlineServiceKindCode } from './enums'
import { parseAmount } from './status'
import { text as plainText } from './text'
import { OZG_ID_PATTERN } from './rules'

export const ONLINE_SERVICE_FIELDS = [
  'name',
  'art',
  'anbieter',
  'federfuehrung',
  'betreiber',
  'verfuegbarkeit',
  'reifegrad',
  'reifegradmodell',
  'adresse',
  'marktplatz',
  'einmalentgelt_eur',
  'jahresentgelt_eur',
  'entgeltnotiz',
  'schnittstellenstandards',
  'beschreibung',
  'leistungen',
] as const
export type OnlineServiceFormValues = Record<(typeof ONLINE_SERVICE_FIELDS)[number], string>

const text = (max: number, message: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), plainText().max(max, message)).transform((v) => (v === '' ? null : v))

const url = (what: string) =>
  text(500, `Die ${what} darf höchstens 500 Zeichen lang sein.`).refine(
    (v) => v === null || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v),
    `Geben Sie die ${what} mit https:// ein, z. B. https://www.example.de.`,
  )

const amount = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()).transform((raw, ctx) => {
  const parsed = parseAmount(raw)
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message })
    return z.NEVER
  }
  return parsed.value
})

function enumField<C extends string>(set: { list: readonly { code: C; value: string; label: string }[] }, message: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().transform((raw, ctx) => {
      const option = set.list.find((o) => o.value === raw || o.code === raw)
      if (!option) {
        ctx.addIssue({ code: 'custom', message })
        return z.NEVER
      }
      return option.code
    }),
  )
}

export const OnlineServiceInput = z
  .object({
    name: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : ''),
      plainText().min(1, 'Geben Sie den Namen des Online-Dienstes ein.').max(200, 'Der Name darf höchstens 200 Zeichen lang sein.'),
    ),
    art: enumField(OnlineServiceKind, 'Wählen Sie die Art des Online-Dienstes: EfA-Dienst, Community-Lösung, Produkt oder eigenes Formular.'),
    anbieter: text(200, 'Der Anbieter darf höchstens 200 Zeichen lang sein.'),
    federfuehrung: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : ''),
      z
        .string()
        .regex(/^([0-9]{5}|[0-9]{8})?$/, 'Wählen Sie den federführenden Kreis aus der Liste.')
        .transform((v) => (v === '' ? null : v)),
    ),
    betreiber: text(200, 'Der Betreiber darf höchstens 200 Zeichen lang sein.'),
    verfuegbarkeit: enumField(Availability, 'Wählen Sie die Verfügbarkeit: geplant, in Entwicklung, verfügbar oder eingestellt.'),
    reifegrad: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string()).transform((raw, ctx) => {
      if (raw === '') return null
      if (!/^\d$/.test(raw)) {
        ctx.addIssue({ code: 'custom', message: 'Der Reifegrad ist eine ganze Zahl zwischen 0 und 4 (Modell 2.0: 0 bis 7).' })
        return z.NEVER
      }
      return Number(raw)
    }),
    reifegradmodell: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : '1.1'),
      enumField(MaturityModel, 'Wählen Sie das Reifegradmodell 1.1 oder 2.0.'),
    ),
    adresse: url('Adresse'),
    marktplatz: url('Adresse im Marktplatz'),
    einmalentgelt_eur: amount,
    jahresentgelt_eur: amount,
    entgeltnotiz: text(1000, 'Die Notiz zum Entgelt darf höchstens 1000 Zeichen lang sein.'),
    schnittstellenstandards: text(500, 'Die Schnittstellenstandards dürfen höchstens 500 Zeichen lang sein.'),
    beschreibung: text(4000, 'Die Beschreibung darf höchstens 4000 Zeichen lang sein.'),
    leistungen: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()).transform((raw, ctx) => {
      const ids = raw.split(/[\s,;]+/).filter(Boolean)
      const bad = ids.filter((id) => !OZG_ID_PATTERN.test(id))
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `Geben Sie OZG-IDs mit fünf Ziffern ein, durch Komma getrennt (nicht erkannt: ${bad.slice(0, 3).join(', ')}).` })
        return z.NEVER
      }
      return [...new Set(ids)]
    }),
  })
  // `when: () => true` runs the cross-field checks even when another field failed, so that
  // every problem is reported at once; the values are then unchecked, hence the guards.
  .superRefine(
    (v, ctx) => {
      if (v.art === 'community' && !v.federfuehrung) {
        ctx.addIssue({ code: 'custom', path: ['federfuehrung'], message: 'Eine Community-Lösung braucht einen federführenden Kreis.' })
      }
      const model = v.reifegradmodell === '2.0' ? '2.0' : '1.1'
      if (typeof v.reifegrad === 'number' && v.reifegrad > maxMaturity[model]) {
        ctx.addIssue({
          code: 'custom',
          path: ['reifegrad'],
          message: `Der Reifegrad liegt zwischen 0 und ${maxMaturity[model]} (Modell ${model}).`,
        })
      }
    },
    { when: () => true },
  )
  .transform((v) => ({
    name: v.name,
    kind: v.art as OnlineServiceKindCode,
    provider: v.anbieter,
    leadCountyAgs: v.federfuehrung,
    operator: v.betreiber,
    availability: v.verfuegbarkeit as AvailabilityCode,
    maturity: v.reifegrad,
    maturityModel: v.reifegradmodell as MaturityModelCode,
    url: v.adresse,
    marketplaceUrl: v.marktplatz,
    feeOneOff: v.einmalentgelt_eur,
    feeAnnual: v.jahresentgelt_eur,
    feeNote: v.entgeltnotiz,
    interfaceStandards: v.schnittstellenstandards,
    description: v.beschreibung,
    serviceOzgIds: v.leistungen,
  }))
export type OnlineServiceInput = z.infer<typeof OnlineServiceInput>

/** Stored values back into the form's strings (German words, comma amounts). */
export function onlineServiceFormValues(o: {
  name: string
  kind: string
  provider: string | null
  leadCountyAgs: string | null
  operator: string | null
  availability: string
  maturity: number | null
  maturityModel: string
  url: string | null
  marketplaceUrl: string | null
  feeOneOff: string | null
  feeAnnual: string | null
  feeNote: string | null
  interfaceStandards: string | null
  description: string | null
  serviceOzgIds: string[]
}): OnlineServiceFormValues {
  const amount = (v: string | null) => (v === null ? '' : v.replace('.', ','))
  return {
    name: o.name,
    art: OnlineServiceKind.value(o.kind as OnlineServiceKindCode),
    anbieter: o.provider ?? '',
    federfuehrung: o.leadCountyAgs ?? '',
    betreiber: o.operator ?? '',
    verfuegbarkeit: Availability.value(o.availability as AvailabilityCode),
    reifegrad: o.maturity === null ? '' : String(o.maturity),
    reifegradmodell: o.maturityModel,
    adresse: o.url ?? '',
    marktplatz: o.marketplaceUrl ?? '',
    einmalentgelt_eur: amount(o.feeOneOff),
    jahresentgelt_eur: amount(o.feeAnnual),
    entgeltnotiz: o.feeNote ?? '',
    schnittstellenstandards: o.interfaceStandards ?? '',
    beschreibung: o.description ?? '',
    leistungen: o.serviceOzgIds.join(', '),
  }
}
