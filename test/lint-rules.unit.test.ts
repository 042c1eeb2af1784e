import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The import rules of eslint.config.js, proved on fixtures. Each file under
 * test/lint-fixtures/ is linted as if it sat at the same path in the repository
 * (test/lint-fixtures/app/components/x.tsx as app/components/x.tsx); its first line
 * says what lint must answer: `// lint-expect: clean`, or
 * `// lint-expect: <rule> "<part of the message>"`. `npm run lint` ignores the folder.
 */
const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(root, 'test/lint-fixtures');

type Expect = { clean: true } | { clean: false; rule: string; message: string };

function expectationOf(file: string, text: string): Expect {
  const first = text.split('\n', 1)[0] ?? '';
  if (/^\/\/ lint-expect: clean$/.test(first)) return { clean: true };
  const m = /^\/\/ lint-expect: (\S+) "(.+)"$/.exec(first);
  if (!m) throw new Error(`${file}: the first line must be // lint-expect: clean, or // lint-expect: <rule> "<message part>"`);
  return { clean: false, rule: m[1]!, message: m[2]! };
}

const files = (readdirSync(fixtures, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => /\.tsx?$/.test(f)).sort();

describe('lint: import rules (test/lint-fixtures)', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: root });
  });

  it('has fixtures of both kinds', () => {
    const kinds = files.map((f) => expectationOf(f, readFileSync(path.join(fixtures, f), 'utf8')).clean);
    expect(kinds.filter(Boolean).length).toBeGreaterThanOrEqual(4);
    expect(kinds.filter((k) => !k).length).toBeGreaterThanOrEqual(15);
  });

  it.each(files)('%s', async (file) => {
    const text = readFileSync(path.join(fixtures, file), 'utf8');
    const want = expectationOf(file, text);
    const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
    const messages = result!.messages.map((m) => ({ rule: m.ruleId, message: m.message, line: m.line }));
    if (want.clean) {
      expect(messages).toEqual([]);
    } else {
      expect(messages.length, `lint let ${file} through`).toBeGreaterThan(0);
      for (const m of messages) {
        expect(m.rule).toBe(want.rule);
        expect(m.message).toContain(want.message);
      }
    }
  });

  it('npm run lint does not lint the fixtures themselves', async () => {
    expect(await eslint.isPathIgnored(path.join(fixtures, 'app/components/imports-db.tsx'))).toBe(true);
  });
});
