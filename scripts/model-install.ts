/** `npm run model:install`: fetches and checks the embedding model (see scripts/services/model.ts). */
import { env } from '#config/env.ts';
import { modelRoot } from '#search/embedding/model.ts';
import { ensureModel } from './services/model.ts';

const root = modelRoot(env().DATA_DIR, env().MODEL_DIR);
const problem = await ensureModel(root, (l) => console.log(l));
if (problem) {
  console.error(`embedding model: ${problem}; search and matching will run lexical only`);
  process.exit(1);
}
console.log(`embedding model: ready in ${root}`);
