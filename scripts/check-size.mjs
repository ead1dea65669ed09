#!/usr/bin/env node
// Keeps modules and functions in app/ small enough to read in one sitting (issue #11):
// no module over 400 lines, no function over 80. A function's lines run from its first to its
// last line, nested functions included, as a reader sees them.
// Usage: node scripts/check-size.mjs [--list]   (--list prints the figures without failing)
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

const ROOT = new URL('..', import.meta.url).pathname
const MAX_MODULE_LINES = 400
const MAX_FUNCTION_LINES = 80

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* sourceFiles(path)
    else if (/\.(ts|tsx)$/.test(name)) yield path
  }
}

function functionName(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text
  const parent = node.parent
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text
  if (parent && ts.isExportAssignment(parent)) return 'default export'
  return '(anonymous)'
}

const problems = []
for (const file of sourceFiles(join(ROOT, 'app'))) {
  const text = readFileSync(file, 'utf8')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const rel = relative(ROOT, file)
  const lineOf = (pos) => source.getLineAndCharacterOfPosition(pos).line + 1
  const moduleLines = lineOf(text.length) - (text.endsWith('\n') ? 1 : 0)
  if (moduleLines > MAX_MODULE_LINES) {
    problems.push(`${rel}: module has ${moduleLines} lines (at most ${MAX_MODULE_LINES})`)
  }
  const visit = (node) => {
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isArrowFunction(node) ||
      ts.isMethodDeclaration(node)
    ) {
      const start = lineOf(node.getStart(source))
      const lines = lineOf(node.getEnd()) - start + 1
      if (lines > MAX_FUNCTION_LINES) {
        problems.push(
          `${rel}:${start}: function ${functionName(node)} has ${lines} lines (at most ${MAX_FUNCTION_LINES})`,
        )
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
}

for (const problem of problems) console.log(problem)
if (problems.length > 0 && !process.argv.includes('--list')) {
  console.error(`${problems.length} size limit(s) exceeded`)
  process.exit(1)
}
