import { z } from 'zod'
import { optionalIdSchema } from './id'
import { FachverfahrenQuery, InterfaceStatusQuery, VendorQuery } from './status'
import { emptyToUndefined, text } from './text'
import { AGS_PATTERN } from './rules'

// Query parameters of the dashboard and the matrix; '' means "not set", as an empty select.

export const ThemeParam = optionalIdSchema('Wählen Sie ein Themenfeld aus der Liste.')

export const AgsParam = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(AGS_PATTERN, 'Ein Kreis wird mit seinem Amtlichen Gemeindeschlüssel angegeben, z. B. 03351.')
    .optional(),
)

/** The dashboard's county search (beyond the Land grouping threshold): part of a name or an AGS's start. */
export const CountySearchParam = z.preprocess(
  emptyToUndefined,
  text().trim().max(100, 'Der Suchbegriff für den Kreis darf höchstens 100 Zeichen lang sein.').optional(),
)

export const DashboardFilter = z.object({ themenfeld: ThemeParam, kreis: AgsParam, kreissuche: CountySearchParam })
export type DashboardFilter = z.infer<typeof DashboardFilter>

export const MatrixFilter = z.object({
  themenfeld: ThemeParam,
  umsetzungsweg: z.preprocess(
    emptyToUndefined,
    z
      .enum(['pending', 'own', 'efa', 'not_applicable'], { message: 'Wählen Sie einen Umsetzungsweg aus der Liste.' })
      .optional(),
  ),
  unterschiede: z.preprocess(emptyToUndefined, z.enum(['1'], { message: 'Der Filter „nur Unterschiede“ ist an oder aus.' }).optional()),
  hersteller: VendorQuery,
  fachverfahren: FachverfahrenQuery,
  schnittstellenstatus: InterfaceStatusQuery,
})
export type MatrixFilter = z.infer<typeof MatrixFilter>

/** `?kreise=03351,03353`: two to six distinct counties. */
export const CompareParam = z.object({
  // A comma list from the address bar, or repeated checkboxes from the form.
  kreise: z
    .preprocess((v) => (Array.isArray(v) ? v.join(',') : v), z.string({ message: 'Wählen Sie zwei bis sechs Kreise zum Vergleich.' }))
    .transform((value) => [...new Set(value.split(',').map((a) => a.trim()).filter(Boolean))])
    .pipe(
      z
        .array(z.string().regex(AGS_PATTERN, 'Jeder Kreis wird mit seinem Amtlichen Gemeindeschlüssel angegeben, z. B. 03351.'))
        .min(2, 'Wählen Sie mindestens zwei Kreise zum Vergleich.')
        .max(6, 'Sie können höchstens sechs Kreise vergleichen.'),
    ),
})
