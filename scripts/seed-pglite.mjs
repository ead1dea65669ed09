// Seeds a fresh PGlite directory in a short-lived process for server.mjs (`node
// scripts/seed-pglite.mjs <build URL>`, same environment): the seed grows PGlite's WebAssembly
// memory and the heap by hundreds of megabytes, which only the end of a process returns to the
// operating system (docs/decisions/031-pglite-memory.md).
const build = await import(process.argv[2])
await build.entry.module.openAppDatabase()
await build.entry.module.closeDatabase()
