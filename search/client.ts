import { Meilisearch } from 'meilisearch';
import { env } from '#config/env.ts';
import { meiliHttpClient } from './http.ts';

let client: Meilisearch | undefined;

/** The shared client, made on first use (importing this module connects to nothing). */
export function meili(): Meilisearch {
  if (!client) {
    const { MEILI_URL, MEILI_MASTER_KEY } = env();
    if (!MEILI_URL) throw new Error('MEILI_URL is not set: start the platform with `npm start`, or set it to an external Meilisearch.');
    client = new Meilisearch({ host: MEILI_URL, apiKey: MEILI_MASTER_KEY, timeout: 5_000, httpClient: meiliHttpClient });
  }
  return client;
}

/** For tests and scripts that change MEILI_URL. */
export function resetMeili(): void {
  client = undefined;
}

/** Every index name carries the deployment's prefix, so several can share one server. */
export function indexName(base: string): string {
  return `${env().MEILI_INDEX_PREFIX}${base}`;
}
