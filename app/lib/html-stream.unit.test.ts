import { PassThrough, type Writable } from 'node:stream';
import { createElement, Suspense } from 'react';
import { renderToPipeableStream, renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { withoutNulBytes } from './html-stream.server.ts';

/** A page long enough to cross React's 2 KB buffer many times, all three-byte characters. */
const page = () =>
  createElement('main', null, createElement(Suspense, { fallback: null }, Array.from({ length: 50 }, (_, i) => createElement('p', { key: i }, '科技成果转移转化平台'.repeat(20)))));

function stream(into: (out: Writable) => Writable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    sink.on('end', () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(page(), { onAllReady: () => pipe(into(sink)), onError: reject });
  });
}

describe('streamed HTML', () => {
  it('React alone leaves NUL bytes in a page of Chinese text (the bug this guards against)', async () => {
    const raw = await stream((sink) => sink);
    expect(raw.filter((b) => b === 0).length).toBeGreaterThan(0);
  });

  it('withoutNulBytes gives the same text as renderToString, with no NUL', async () => {
    const clean = await stream((sink) => {
      const t = withoutNulBytes();
      t.pipe(sink);
      return t;
    });
    expect(clean.includes(0)).toBe(false);
    const text = (html: string) => html.replace(/<[^>]*>/g, '');
    expect(text(clean.toString('utf8'))).toBe(text(renderToString(page())));
  });
});
