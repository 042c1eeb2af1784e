// lint-expect: no-restricted-imports "Server-only package"
import { sql } from 'drizzle-orm';

export const loader = async () => ({ ok: typeof sql });
