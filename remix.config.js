// Remix plugin options. vite.config.ts imports this file and passes it to the Remix Vite
// plugin: only appDirectory, future, ignoredRouteFiles, routes and serverModuleFormat matter
// there (classic-compiler keys are ignored). See docs/decisions/002-remix-config-beside-vite.md.
/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  appDirectory: 'app',
  serverModuleFormat: 'esm',
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}', '**/*.css'],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
    // Server-only packages (PGlite, postgres.js) otherwise reload the dev server mid-session.
    unstable_optimizeDeps: true,
  },
}
