// The scenarios bench/run.ts measures at each scale after its built-in runs (single pages,
// saves, import). To add one: define it with `scenario({...})` (bench/lib/scenario.ts) in a file
// of its own and append it here.
import type { Scenario } from './lib/scenario'
import { mixedWorkload } from './mixed'

export const scenarios: Scenario[] = [mixedWorkload]
