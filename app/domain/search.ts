import { z } from 'zod'

// Query parameters arrive as strings; '' means "not set", as an empty form field does.
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v)

export const ServiceSearch = z.object({
  q: z.preprocess(
    emptyToUndefined,
    z.string().trim().max(200, 'Der Suchbegriff darf höchstens 200 Zeichen lang sein.').optional(),
  ),
  themenfeld: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'Wählen Sie ein Themenfeld aus der Liste.' })
      .int('Wählen Sie ein Themenfeld aus der Liste.')
      .min(1, 'Wählen Sie ein Themenfeld aus der Liste.')
      .optional(),
  ),
  seite: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ message: 'Die Seitenzahl muss eine ganze Zahl ab 1 sein.' })
      .int('Die Seitenzahl muss eine ganze Zahl ab 1 sein.')
      .min(1, 'Die Seitenzahl muss eine ganze Zahl ab 1 sein.')
      .default(1),
  ),
})
export type ServiceSearch = z.infer<typeof ServiceSearch>

export const PAGE_SIZE = 50
