// lint-expect: no-restricted-imports "browser bundle must not reach db/, jobs/, search/"
import { meili } from '#search/client.ts';

export const client = meili;
