/**
 * Text → vector with the platform's embedding model, loaded once per process on first
 * use, from local files only (no network, ever). When the files are missing, fail their
 * hash or do not load, it says so in one line and every caller gets `null`: search and
 * matching then run lexical only. Server-side code only.
 */
import { env } from '#config/env.ts';
import { checkModelFiles, MODEL, modelRoot } from './model.ts';

export type Vector = Float32Array;

type Extractor = (texts: string[], opts: { pooling: 'cls'; normalize: true }) => Promise<{ data: Float32Array; dims: number[] }>;

export type EmbedderState =
  | { status: 'ready'; model: string; loadMs: number }
  | { status: 'unavailable'; reason: string };

let loading: Promise<Extractor | null> | undefined;
let state: EmbedderState | undefined;
let announce: (line: string) => void = (l) => console.warn(l);

/** Where the one line about an unavailable model goes (the start script's log, say). */
export function onEmbedderNotice(log: (line: string) => void): void {
  announce = log;
}

async function load(): Promise<Extractor | null> {
  const t0 = performance.now();
  if (!env().SEMANTIC_SEARCH) {
    state = { status: 'unavailable', reason: 'SEMANTIC_SEARCH=false' };
    return null;
  }
  const root = modelRoot(env().DATA_DIR, env().MODEL_DIR);
  const problem = await checkModelFiles(root);
  if (problem) {
    state = { status: 'unavailable', reason: problem };
    announce(`[search] embedding model unavailable (${problem}): search and matching run lexical only; \`npm run model:install\` fetches it`);
    return null;
  }
  try {
    const t = await import('@huggingface/transformers');
    t.env.allowRemoteModels = false;
    t.env.allowLocalModels = true;
    t.env.localModelPath = `${root}/`;
    // Both cores for one inference: measured here, 2 intra-op threads embed 1.5–1.7× faster than 1
    // (docs/decisions/012). Their threads do not spin after a run: spinning took the cores the
    // query's Meilisearch requests needed next (embed + search p50 28.5 → 20.7 ms at 100,000).
    const spin = { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } };
    const pipe = await t.pipeline('feature-extraction', MODEL.id, { dtype: 'q8', device: 'cpu', session_options: { intraOpNumThreads: 2, interOpNumThreads: 1, extra: spin } as never });
    state = { status: 'ready', model: MODEL.key, loadMs: Math.round(performance.now() - t0) };
    return pipe as unknown as Extractor;
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    state = { status: 'unavailable', reason };
    announce(`[search] embedding model failed to load (${reason}): search and matching run lexical only`);
    return null;
  }
}

function extractor(): Promise<Extractor | null> {
  loading ??= load();
  return loading;
}

/** Loads the model now (at start, so the first search does not pay for it); resolves to its state. */
export async function warmEmbedder(): Promise<EmbedderState> {
  await extractor();
  return state!;
}

/** The state once loaded; undefined before the first use. */
export function embedderState(): EmbedderState | undefined {
  return state;
}

/** Characters handed to the tokenizer: the model reads 512 tokens at most, about one per Chinese character. */
const MAX_CHARS = 1_000;
/** Texts run through the model together: a batch is padded to its longest text, so texts are batched by length. */
const BATCH = 8;

/**
 * Unit-length vectors for the texts, in order; null when the model is unavailable.
 * Empty or blank texts get a vector too (the model's, of nothing), so callers should
 * not send them.
 */
export async function embedTexts(texts: readonly string[]): Promise<Vector[] | null> {
  const ex = await extractor();
  if (!ex) return null;
  const cut = texts.map((t) => t.slice(0, MAX_CHARS));
  const order = cut.map((_, i) => i).sort((a, b) => cut[a]!.length - cut[b]!.length);
  const out = new Array<Vector>(texts.length);
  for (let i = 0; i < order.length; i += BATCH) {
    const ids = order.slice(i, i + BATCH);
    const res = await ex(ids.map((k) => cut[k]!), { pooling: 'cls', normalize: true });
    const dim = res.dims.at(-1)!;
    ids.forEach((k, j) => (out[k] = res.data.slice(j * dim, (j + 1) * dim)));
  }
  return out;
}

/** One text's vector, or null (no model, or nothing to embed). */
export async function embedText(text: string): Promise<Vector | null> {
  if (!text.trim()) return null;
  const v = await embedTexts([text]);
  return v?.[0] ?? null;
}

/** Cosine similarity of two unit vectors. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** For tests: forget the loaded model, so the next use loads (or fails) again. */
export function resetEmbedder(): void {
  loading = undefined;
  state = undefined;
}
