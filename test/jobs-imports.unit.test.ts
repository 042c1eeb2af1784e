import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Jobs in one direction: the services enqueue through jobs/enqueue.ts and jobs/catalog.ts;
 * only the worker reaches the handlers, which call the services. No import cycle may pass
 * through jobs/, not even one made of `import type` lines (a type-level cycle still ties
 * the modules together). The graph is read with the TypeScript compiler's own import
 * scanner, which sees `import type`, `export … from` and `import()` alike.
 */
const root = path.resolve(import.meta.dirname, '..');
const rel = (f: string) => path.relative(root, f);

function resolve(from: string, spec: string): string | null {
  let target: string;
  if (spec.startsWith('#')) target = path.join(root, spec.slice(1));
  else if (spec.startsWith('.')) target = path.resolve(path.dirname(from), spec);
  else return null; // a package
  for (const f of [target, `${target}.ts`, `${target}.tsx`, path.join(target, 'index.ts')]) {
    if (/\.tsx?$/.test(f) && existsSync(f)) return f;
  }
  return null;
}

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((i) => resolve(file, i.fileName)).filter((f): f is string => f !== null);
}

/** Every module reachable from the start files, with its imports. */
function graphFrom(starts: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const todo = [...starts];
  while (todo.length) {
    const f = todo.pop()!;
    if (graph.has(f)) continue;
    const next = importsOf(f);
    graph.set(f, next);
    todo.push(...next.filter((n) => !graph.has(n)));
  }
  return graph;
}

/** Strongly connected components with more than one module, or a module importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.map(rel).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const jobsFiles = (readdirSync(path.join(root, 'jobs'), { recursive: true, encoding: 'utf8' }) as string[])
  .filter((f) => /\.ts$/.test(f) && !f.endsWith('.test.ts'))
  .map((f) => path.join(root, 'jobs', f));

describe('jobs/ imports run one way', () => {
  it('finds the jobs modules and what they import', () => {
    const graph = graphFrom(jobsFiles);
    expect(jobsFiles.map(rel)).toEqual(expect.arrayContaining(['jobs/catalog.ts', 'jobs/enqueue.ts', 'jobs/handlers.ts', 'jobs/worker.ts', 'jobs/admin.ts']));
    // The scan sees through the services: a handler reaches the grant engine, which enqueues.
    expect([...graph.keys()].map(rel)).toEqual(expect.arrayContaining(['app/services/grants/recompute.server.ts', 'jobs/enqueue.ts']));
  });

  it('has no import cycle through jobs/, counting type-only imports', () => {
    const through = cycles(graphFrom(jobsFiles)).filter((c) => c.some((f) => f.startsWith('jobs/')));
    expect(through).toEqual([]);
  });

  it('the catalogue and the enqueuer import nothing of ours that could lead back', () => {
    for (const f of ['jobs/catalog.ts', 'jobs/enqueue.ts']) {
      const reach = [...graphFrom([path.join(root, f)]).keys()].map(rel);
      expect(reach.filter((r) => r.startsWith('app/') || r.startsWith('jobs/tasks/') || r === 'jobs/handlers.ts')).toEqual([]);
    }
  });

  it('only the worker imports the handler registry', () => {
    const everything = graphFrom([...jobsFiles, ...['app', 'db', 'search', 'scripts'].flatMap((d) => sourcesUnder(d))]);
    const importers = [...everything].filter(([, to]) => to.includes(path.join(root, 'jobs/handlers.ts'))).map(([from]) => rel(from));
    expect(importers).toEqual(['jobs/worker.ts']);
  });

  it('catches a cycle (the check itself works)', () => {
    const a = path.join(root, 'a.ts');
    const b = path.join(root, 'b.ts');
    expect(cycles(new Map([[a, [b]], [b, [a]]]))).toEqual([['a.ts', 'b.ts']]);
  });
});

function sourcesUnder(dir: string): string[] {
  return (readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes('node_modules'))
    .map((f) => path.join(root, dir, f));
}
