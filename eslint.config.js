// Lint holds the layers of STYLE.md: routes → models → domain, routes → components → domain,
// models → infra (app/utils) → schema; the domain does no I/O; nothing imports in a circle.
import boundaries from 'eslint-plugin-boundaries'
import importX from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

const elements = [
  { type: 'route', pattern: 'app/routes/**' },
  { type: 'jobs', pattern: 'app/jobs/**' },
  { type: 'guard', pattern: 'app/guards/**' },
  { type: 'model', pattern: 'app/models/**' },
  { type: 'component', pattern: 'app/components/**' },
  { type: 'domain', pattern: 'app/domain/**' },
  { type: 'infra', pattern: 'app/utils/**' },
  { type: 'schema', pattern: 'db/**' },
  { type: 'seed', pattern: 'seeds/**' },
]

// Only models (and the seeds) reach the database; other infra is no back door to it.
const files = [
  { category: 'database', pattern: 'app/utils/db.server.ts' },
  // The server build's entry is the app's composition root: it wires seeding and jobs to the start.
  { category: 'entry', pattern: 'app/entry.server.tsx' },
  { category: 'shell', pattern: 'app/{root,entry.client}.tsx' },
]

const may = (from, to) => ({ from: { element: { type: from } }, allow: { to: { element: { types: { anyOf: to } } } } })

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'data/**', 'public/**', '.cache/**', 'coverage/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        (await import('eslint-import-resolver-typescript')).createTypeScriptImportResolver({ project: './tsconfig.json' }),
      ],
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      // Without this import-x skips TypeScript files when it follows imports, and sees no cycle.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'boundaries/elements': elements,
      'boundaries/files': files,
      'boundaries/include': ['app/**', 'db/**', 'seeds/**'],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            may('route', ['route', 'guard', 'model', 'domain', 'component', 'infra']),
            may('guard', ['model', 'domain', 'infra']),
            {
              from: { file: { categories: 'shell' } },
              allow: { to: { element: { types: { anyOf: ['guard', 'model', 'domain', 'component', 'infra'] } } } },
            },
            {
              from: { file: { categories: 'entry' } },
              allow: { to: [{ file: { categories: { anyOf: ['shell', 'database'] } } }, { element: { types: { anyOf: ['guard', 'model', 'domain', 'component', 'infra', 'jobs', 'seed'] } } }] },
            },
            may('jobs', ['jobs', 'model', 'domain', 'infra']),
            may('model', ['model', 'domain', 'infra', 'schema']),
            may('component', ['component', 'domain']),
            may('domain', ['domain']),
            may('infra', ['infra', 'domain']),
            may('infra', ['schema']),
            {
              from: { element: { types: { anyOf: ['route', 'guard', 'jobs', 'component', 'domain', 'schema'] } } },
              disallow: { to: { file: { categories: 'database' } } },
            },
            { from: { file: { categories: 'shell' } }, disallow: { to: { file: { categories: 'database' } } } },
            may('schema', ['schema', 'domain']),
            may('seed', ['seed', 'model', 'domain', 'infra', 'schema']),
          ],
        },
      ],
      'import-x/no-cycle': 'error',
      'no-control-regex': 'error',
    },
  },
)
