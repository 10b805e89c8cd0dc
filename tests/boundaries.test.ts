/**
 * The import rules of DESIGN.md: core/ imports no Node built-ins, no DOM and neither shell; only
 * core/xlsx imports exceljs; addin/ imports no Node built-ins. (core/tsconfig.json also has no
 * DOM lib and no Node types, so `npm run typecheck` fails on a use of either.)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports (static and dynamic). */
function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specs = [
    ...code.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/(?:^|\s)import\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...code.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return specs.map((m) => m[1]!);
}

const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!);

describe('import boundaries', () => {
  it('finds imports the way the rules need', () => {
    expect(importsOf(`import a from 'x';\nimport type { B } from "./y";\nexport * from './z';\nimport 'side';\n// import no from 'comment'\nconst m = await import('dyn');`)).toStrictEqual([
      'x', './y', './z', 'side', 'dyn',
    ]);
    expect([isBuiltin('fs'), isBuiltin('node:path'), isBuiltin('fs/promises'), isBuiltin('exceljs')]).toStrictEqual([true, true, true, false]);
  });

  const core = sources(join(ROOT, 'core')).map((f) => [relative(ROOT, f), importsOf(readFileSync(f, 'utf8'))] as const);

  it.each(core)('%s imports no Node built-in, no shell, and exceljs only under core/xlsx', (file, specs) => {
    expect(specs.filter(isBuiltin)).toStrictEqual([]);
    expect(specs.filter((s) => /(^|\/)(addin|scripts)(\/|$)/.test(s))).toStrictEqual([]);
    if (!file.startsWith(join('core', 'xlsx'))) expect(specs.filter((s) => s === 'exceljs' || s.startsWith('exceljs/'))).toStrictEqual([]);
  });

  it.each(core)('%s uses no DOM or Node globals', (_file, _specs) => {
    // code only: comments and string literals may name these words
    const text = readFileSync(join(ROOT, _file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '')
      .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''");
    expect(text.match(/\b(document|window|localStorage|process|Buffer|require)\s*[.(]/g) ?? []).toStrictEqual([]);
  });

  it('the add-in imports no Node built-in', () => {
    const bad = sources(join(ROOT, 'addin')).flatMap((f) => importsOf(readFileSync(f, 'utf8')).filter(isBuiltin).map((s) => `${relative(ROOT, f)}: ${s}`));
    expect(bad).toStrictEqual([]);
  });

  it('core/tsconfig.json compiles without DOM and without Node types', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'core', 'tsconfig.json'), 'utf8')) as { compilerOptions: { lib: string[]; types: string[] } };
    expect(config.compilerOptions.types).toStrictEqual([]);
    expect(config.compilerOptions.lib.some((l) => /dom/i.test(l))).toBe(false);
  });
});
