import { z } from 'zod'
import { optionalIdSchema, pageSchema } from './id'
import { emptyToUndefined, text } from './text'

// Query parameters arrive as strings; '' means "not set", as an empty form field does.

export const ServiceSearch = z.object({
  q: z.preprocess(
    emptyToUndefined,
    text().trim().max(200, 'Der Suchbegriff darf höchstens 200 Zeichen lang sein.').optional(),
  ),
  themenfeld: optionalIdSchema('Wählen Sie ein Themenfeld aus der Liste.'),
  seite: pageSchema('Die Seitenzahl muss eine ganze Zahl ab 1 sein.'),
})
export type ServiceSearch = z.infer<typeof ServiceSearch>

export const PAGE_SIZE = 50
