// A meeting's agenda items, decisions (Beschlüsse) and to-dos (Aufgaben).
import { z } from 'zod'
import { PathId } from './id'
import { optionalDateField, optionalId } from './negotiation'
import { text } from './text'
import { todayIso } from './status'
import { AGS_PATTERN, OZG_ID_PATTERN } from './rules'

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v ?? '')
const requiredText = (max: number, missing: string, label: string) =>
  z.preprocess(trimmed, text().min(1, missing).max(max, `${label} darf höchstens ${max} Zeichen lang sein.`))

/** An agenda item may point at one service (OZG-ID), online service or negotiation. */
export const AgendaItemInput = z
  .object({
    top_titel: requiredText(300, 'Geben Sie den Tagesordnungspunkt ein.', 'Der Tagesordnungspunkt'),
    top_leistung: z.preprocess(trimmed, z.union([z.literal(''), z.string().regex(OZG_ID_PATTERN, 'Geben Sie die OZG-ID der Leistung ein (5 Ziffern).')]).transform((v) => v || null)),
    top_online_dienst: optionalId('Wählen Sie einen Online-Dienst aus der Liste.'),
    top_verhandlung: optionalId('Wählen Sie eine Verhandlung aus der Liste.'),
    top_notiz: z.preprocess(trimmed, text().max(5000, 'Die Notiz darf höchstens 5.000 Zeichen lang sein.').transform((v) => v || null)),
  })
  .transform((v) => ({ title: v.top_titel, serviceOzgId: v.top_leistung, onlineServiceId: v.top_online_dienst, negotiationId: v.top_verhandlung, note: v.top_notiz }))
export type AgendaItemInput = z.infer<typeof AgendaItemInput>

export const DecisionInput = z
  .object({
    beschluss: requiredText(5000, 'Geben Sie den Wortlaut des Beschlusses ein.', 'Der Beschluss'),
    beschluss_top: optionalId('Wählen Sie einen Tagesordnungspunkt aus der Liste.'),
  })
  .transform((v) => ({ text: v.beschluss, agendaItemId: v.beschluss_top }))
export type DecisionInput = z.infer<typeof DecisionInput>

/** A to-do needs an owner (a county, a person or both) and a due date from today on. */
export const TaskInput = z
  .object({
    aufgabe: requiredText(500, 'Beschreiben Sie die Aufgabe.', 'Die Aufgabe'),
    verantwortlich_kreis: z.preprocess(
      trimmed,
      z.union([z.literal(''), z.string().regex(AGS_PATTERN, 'Wählen Sie den verantwortlichen Kreis aus der Liste.')]).transform((v) => v || null),
    ),
    verantwortlich_person: optionalId('Wählen Sie die verantwortliche Person aus der Liste.'),
    faellig_am: optionalDateField(),
    aufgabe_top: optionalId('Wählen Sie einen Tagesordnungspunkt aus der Liste.'),
  })
  .superRefine((v, ctx) => {
    if (!v.verantwortlich_kreis && !v.verantwortlich_person) {
      ctx.addIssue({ code: 'custom', path: ['verantwortlich_kreis'], message: 'Wählen Sie, wer die Aufgabe übernimmt: einen Kreis oder eine Person.' })
    }
    if (!v.faellig_am) {
      ctx.addIssue({ code: 'custom', path: ['faellig_am'], message: 'Geben Sie an, bis wann die Aufgabe erledigt sein soll, z. B. 01.03.2026.' })
    } else if (v.faellig_am < todayIso()) {
      ctx.addIssue({ code: 'custom', path: ['faellig_am'], message: 'Das Fälligkeitsdatum liegt in der Vergangenheit. Wählen Sie heute oder einen späteren Tag.' })
    }
  })
  .transform((v) => ({ title: v.aufgabe, ownerCountyAgs: v.verantwortlich_kreis, ownerUserId: v.verantwortlich_person, dueDate: v.faellig_am as string, agendaItemId: v.aufgabe_top }))
export type TaskInput = z.infer<typeof TaskInput>

export const TaskParams = z.object({ id: PathId })
