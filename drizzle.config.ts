import { defineConfig } from 'drizzle-kit'

// Generation only reads db/schema.ts; it never connects, so it cannot touch a running PGlite.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
})
