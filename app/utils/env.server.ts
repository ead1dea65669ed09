import { z } from 'zod'
import { DEFAULT_API_RATE_LIMIT } from '~/domain/rate-limit'

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
    HOST: z.string().min(1).optional(),
    // The address users type, e.g. https://ozg-radar.kreis.de: the origin that form posts must
    // come from, and whether cookies are Secure. Without it the Host header is the origin.
    PUBLIC_URL: z.url({ message: 'PUBLIC_URL muss eine Adresse wie https://ozg-radar.example.de sein' }).optional(),
    // Number of reverse proxies in front of the app whose X-Forwarded-* headers are trusted.
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    // SMTP server for invitations, password resets and digests, e.g. smtp://user:pass@mail:587.
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL muss mit smtp:// oder smtps:// beginnen').optional(),
    MAIL_FROM: z.string().min(3).default('OZG-Radar <ozg-radar@localhost>'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    // Database statements slower than this many milliseconds are logged (warn); 0 switches it off.
    SLOW_QUERY_MS: z.coerce.number().int().min(0).max(600_000).default(500),
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    // Requests per minute and API token (decision record 012); 0 switches the limit off.
    API_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(DEFAULT_API_RATE_LIMIT),
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
  .refine((e) => (e.WEB_CONCURRENCY ?? 1) === 1 || e.DATABASE_URL, {
    message: 'Mehrere Prozesse gehen nur mit PostgreSQL (DATABASE_URL): PGlite erlaubt nur einen Prozess. Setzen Sie WEB_CONCURRENCY=1.',
    path: ['WEB_CONCURRENCY'],
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

/**
 * How many server processes share the port: as set, else one per core in production on
 * PostgreSQL; PGlite (one process per directory) and development always run one.
 */
export function workerCount(config: AppEnv, cores: number): number {
  if (config.WEB_CONCURRENCY) return config.WEB_CONCURRENCY
  return config.NODE_ENV === 'production' && config.DATABASE_URL ? Math.max(1, cores) : 1
}

let cached: AppEnv | undefined
export function env(): AppEnv {
  cached ??= parseEnv(process.env)
  return cached
}
