// lint-expect: no-restricted-imports "Routes reach db/, jobs/, search/"
import { enqueue } from '#jobs/enqueue.ts';

export const action = async () => ({ ok: typeof enqueue });
