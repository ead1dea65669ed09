import { z } from 'zod'

const Env = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL muss mit postgres:// oder postgresql:// beginnen')
      .optional(),
    PGLITE_DIR: z.string().min(1).default('./data'),
    SESSION_SECRET: z.string().min(16, 'SESSION_SECRET braucht mindestens 16 Zeichen').optional(),
    DEMO_DATA: z.enum(['true', 'false', '1', '0']).optional(),
  })
  .transform((e) => ({
    ...e,
    // Demo mode is on by default only for the zero-setup embedded database.
    demoData: e.DEMO_DATA === undefined ? !e.DATABASE_URL : e.DEMO_DATA === 'true' || e.DEMO_DATA === '1',
  }))
  .refine((e) => e.NODE_ENV !== 'production' || e.demoData || e.SESSION_SECRET, {
    message: 'SESSION_SECRET ist in Produktion Pflicht (mindestens 16 Zeichen).',
    path: ['SESSION_SECRET'],
  })

export type AppEnv = z.infer<typeof Env>

export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  // Empty variables count as unset, as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const result = Env.safeParse(cleaned)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || 'Umgebung'}: ${i.message}`)
    throw new Error(`Ungültige Konfiguration:\n${lines.join('\n')}`)
  }
  return result.data
}

let cached: AppEnv | undefined
export function env(): AppEnv {
  cached ??= parseEnv(process.env)
  return cached
}
