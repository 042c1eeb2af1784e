import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newest(dir: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

/** Builds the Remix app unless build/ is newer than every source it is made from. */
export function buildIfStale(root: string, log: (l: string) => void): void {
  const out = path.join(root, 'build', 'index.js');
  const sources = ['app', 'domain', 'config', 'db', 'search', 'jobs'].map((d) => path.join(root, d)).filter(existsSync);
  const srcTime = Math.max(...sources.map(newest), statSync(path.join(root, 'remix.config.js')).mtimeMs);
  if (existsSync(out) && statSync(out).mtimeMs >= srcTime) return;
  log('Building the web app (remix build)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/@remix-run/dev/dist/cli.js'), 'build'], {
    cwd: root,
    stdio: 'pipe',
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error(`remix build failed:\n${r.stdout}\n${r.stderr}`);
}
