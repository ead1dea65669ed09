import { PGlite } from '@electric-sql/pglite'
import { readFileSync } from 'node:fs'
const blob = new Blob([readFileSync('/tmp/ozg-radar-pglite-demo_6c66afe70802.tar')])
const a = new PGlite(undefined, { loadDataDir: blob }); await a.waitReady
console.log('A', (await a.query('select count(*) from statuses').catch(e=>({rows:e.message}))).rows)
const b = new PGlite({ loadDataDir: blob }); await b.waitReady
console.log('B', (await b.query('select count(*) from statuses').catch(e=>({rows:e.message}))).rows)
