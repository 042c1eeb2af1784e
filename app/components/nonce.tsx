import { createContext, useContext } from 'react';

/** The per-request CSP nonce, so our own inline scripts run and injected ones don't. */
export const NonceContext = createContext('');
export const useNonce = () => useContext(NonceContext);
