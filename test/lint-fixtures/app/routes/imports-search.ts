// lint-expect: no-restricted-imports "Routes reach db/, jobs/, search/"
import { meili } from '#search/client.ts';

export const loader = async () => ({ ok: typeof meili });
