import type { LoaderFunctionArgs } from '@remix-run/node';
import { api, ok } from '#app/lib/api.server.ts';
import { openApiDocument } from '#app/lib/openapi.server.ts';
import { absoluteUrl } from '#app/lib/urls.server.ts';

export const loader = api(async ({ request }: LoaderFunctionArgs) => ok(openApiDocument(absoluteUrl(request, '/api/v1'))));
