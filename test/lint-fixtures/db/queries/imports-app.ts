// lint-expect: no-restricted-imports "db/, search/ and jobs/ never import app/"
import { authorize } from '#app/lib/auth.server.ts';

export const guard = authorize;
