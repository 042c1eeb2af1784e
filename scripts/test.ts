/**
 * `npm test`: every test — unit, integration (real PostgreSQL and Meilisearch) and
 * end-to-end (Playwright in Debian's Chromium) — with one exit code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const t0 = performance.now();

function run(label: string, cmd: string, args: string[]): boolean {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

if (!existsSync(chromium)) {
  console.error(`Chromium is missing at ${chromium}: install it with \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH), then run npm test again.`);
  process.exit(1);
}

const results: Array<[string, boolean]> = [];
results.push(['vitest (unit + integration)', run('vitest: unit and integration tests', 'npx', ['vitest', 'run'])]);
results.push(['remix build', run('remix build', 'npx', ['remix', 'build'])]);
if (results.at(-1)![1]) results.push(['playwright (e2e)', run('playwright: end-to-end tests', 'npx', ['playwright', 'test'])]);

const seconds = ((performance.now() - t0) / 1000).toFixed(1);
console.log(`\n${results.map(([l, ok]) => `${ok ? '✔' : '✘'} ${l}`).join('\n')}\nwall time ${seconds} s`);
process.exit(results.every(([, ok]) => ok) ? 0 : 1);
