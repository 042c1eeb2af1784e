import '@remix-run/node';

/** What the HTTP server hands every loader and action. */
export type AppContext = { ip: string; nonce: string };

declare module '@remix-run/node' {
  interface AppLoadContext extends AppContext {}
}

declare module '@remix-run/server-runtime' {
  interface Future {
    v3_singleFetch: true;
  }
}
