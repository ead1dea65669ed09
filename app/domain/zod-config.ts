// zod's own messages (a wrong type, a missing literal) in German: a schema without its own
// message still answers a crafted request in the users' language. Imported by the shared input
// schemas (id.ts, text.ts), so it is set wherever input is parsed.
import { z } from 'zod'

z.config(z.locales.de())
