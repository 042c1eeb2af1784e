import { describe, expect, it } from 'vitest';
import * as openapi from '#app/routes/api.v1.openapi[.json].ts';
import * as fallback from '#app/routes/api.v1.$.ts';
import { call, json } from './api.ts';

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document generated from the request schemas', async () => {
    const res = await call(openapi, { path: '/api/v1/openapi.json' });
    expect(res.status).toBe(200);
    type Doc = { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[]; properties: Record<string, unknown> } }> } }>> };
    const doc = await json<Doc>(res);
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/auth/signup', '/auth/login', '/organizations/{id}', '/organizations/{id}/verify', '/results', '/search/results', '/contracts/{id}/register', '/commissions']) expect(doc.paths).toHaveProperty([p]);
    const signup = doc.paths['/auth/signup']!.post!.requestBody!.content['application/json']!.schema;
    expect(signup.required).toEqual(expect.arrayContaining(['email', 'password', 'orgName', 'orgKind', 'creditCode', 'regionCode']));
    expect(signup.properties.orgKind).toMatchObject({ enum: ['university', 'institute', 'enterprise', 'agency'] });
  });

  it('answers unknown API paths with the error format', async () => {
    const res = await call(fallback, { path: '/api/v1/nothing' });
    expect(res.status).toBe(404);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('not_found');
  });
});
