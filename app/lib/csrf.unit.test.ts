import { describe, expect, it } from 'vitest';
import { isCrossSiteWrite } from './csrf.ts';

const h = (headers: Record<string, string>) => (name: string) => headers[name] ?? null;

describe('isCrossSiteWrite', () => {
  it('allows reads whatever their origin', () => {
    expect(isCrossSiteWrite('GET', h({ 'sec-fetch-site': 'cross-site' }))).toBe(false);
  });
  it('refuses a cross-site POST by fetch metadata', () => {
    expect(isCrossSiteWrite('POST', h({ 'sec-fetch-site': 'cross-site' }))).toBe(true);
    expect(isCrossSiteWrite('POST', h({ 'sec-fetch-site': 'same-site' }))).toBe(true);
    expect(isCrossSiteWrite('POST', h({ 'sec-fetch-site': 'same-origin' }))).toBe(false);
  });
  it('falls back to comparing Origin with Host', () => {
    expect(isCrossSiteWrite('POST', h({ origin: 'https://evil.example', host: 'platform.example' }))).toBe(true);
    expect(isCrossSiteWrite('POST', h({ origin: 'http://localhost:3000', host: 'localhost:3000' }))).toBe(false);
    expect(isCrossSiteWrite('POST', h({ origin: 'null', host: 'localhost:3000' }))).toBe(true);
  });
  it('lets header-less API clients through (they use bearer tokens, not cookies)', () => {
    expect(isCrossSiteWrite('POST', h({ host: 'localhost:3000' }))).toBe(false);
  });
});
