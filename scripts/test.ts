/**
 * `npm test`: every test — unit, integration (real PostgreSQL and Meilisearch) and
 * end-to-end (Playwright in Debian's Chromium) — with one exit code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

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

mkdirSync('.data/test-reports', { recursive: true });
const results: Array<[string, boolean]> = [];
results.push([
  'vitest (unit + integration)',
  run('vitest: unit and integration tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.data/test-reports/vitest.json']),
]);
results.push(['remix build', run('remix build', 'npx', ['remix', 'build'])]);
if (results.at(-1)![1]) {
  process.env.PLAYWRIGHT_JSON_OUTPUT_NAME = '.data/test-reports/playwright.json';
  results.push(['playwright (e2e)', run('playwright: end-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'])]);
}

/** Counts from the runners' JSON reports, for one closing line. */
function counts(): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  try {
    const v = JSON.parse(readFileSync('.data/test-reports/vitest.json', 'utf8')) as { numPassedTests: number; numFailedTests: number };
    passed += v.numPassedTests;
    failed += v.numFailedTests;
  } catch {
    failed += 1;
  }
  try {
    const p = JSON.parse(readFileSync('.data/test-reports/playwright.json', 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
    passed += p.stats.expected + p.stats.flaky;
    failed += p.stats.unexpected;
  } catch {
    failed += 1;
  }
  return { passed, failed };
}

const seconds = ((performance.now() - t0) / 1000).toFixed(1);
const ok = results.every(([, good]) => good);
const { passed, failed } = counts();
console.log(`\n${results.map(([l, good]) => `${good ? '✔' : '✘'} ${l}`).join('\n')}\nwall time ${seconds} s`);
console.log(`${passed} passed, ${ok ? failed : Math.max(failed, 1)} failed`);
process.exit(ok ? 0 : 1);
