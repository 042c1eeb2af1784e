// lint-expect: clean
import { getDb } from '#db/client.ts';
import { payloadSchemas } from '#jobs/catalog.ts';

export const ready = () => [typeof getDb, Object.keys(payloadSchemas).length];
