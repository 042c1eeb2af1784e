// lint-expect: no-restricted-imports "Routes reach db/, jobs/, search/"
import { getDb } from '#db/client.ts';

export const loader = async () => ({ ok: typeof getDb });
