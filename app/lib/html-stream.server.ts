import { Transform } from 'node:stream';

/**
 * React 18.3's streaming renderer flushes its whole 2 KB view when a multi-byte character
 * does not fit at the end, so a page of Chinese text gains stray NUL bytes (facebook/react#26228,
 * fixed only in React 19; seen here as "邮\0件"). HTML we render never holds a NUL — the input
 * boundary refuses them — so every 0x00 byte in the stream is that bug's, and is dropped.
 */
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!chunk.includes(0)) return callback(null, chunk);
      callback(null, chunk.filter((byte) => byte !== 0));
    },
  });
}
