// The coordinator's applicability decisions (issue 12): the override form and the labels.
import { z } from 'zod'
import { idSchema } from './id'
import { text } from './text'
import { AGS_PATTERN, OZG_ID_PATTERN } from './rules'

export const ASSUMPTION_LABEL = 'Annahme – bitte bestätigen'

export const OverrideInput = z.object({
  ozgId: z.string().trim().regex(OZG_ID_PATTERN, 'Geben Sie die OZG-ID der Leistung ein (fünf Ziffern, z. B. 10042).'),
  ags: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().regex(AGS_PATTERN, 'Wählen Sie einen Kreis aus der Liste.').optional()),
  applies: z.enum(['ja', 'nein'], { message: 'Wählen Sie, ob die Kreise zuständig sind.' }).transform((v) => v === 'ja'),
  reason: text().trim().min(5, 'Begründen Sie die Festlegung (mindestens 5 Zeichen), z. B. mit der Rechtsgrundlage.').max(1000, 'Die Begründung darf höchstens 1000 Zeichen lang sein.'),
})
export type OverrideInput = z.infer<typeof OverrideInput>

export const RemoveOverrideInput = z.object({
  id: idSchema('Diese Festlegung gibt es nicht. Laden Sie die Seite neu.'),
  reason: text().trim().min(5, 'Begründen Sie, warum die Festlegung entfällt (mindestens 5 Zeichen).').max(1000, 'Die Begründung darf höchstens 1000 Zeichen lang sein.'),
})
