// The package ships types, but its package.json "exports" does not point at them.
declare module '@web3-storage/multipart-parser' {
  export function streamMultipart(
    body: ReadableStream<Uint8Array>,
    boundary: string,
  ): AsyncGenerator<{ name: string; filename?: string; contentType?: string; data: AsyncIterable<Uint8Array> }, void, unknown>;
}
