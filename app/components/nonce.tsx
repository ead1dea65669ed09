import { createContext, useContext } from 'react'

// The Content-Security-Policy nonce of this response, for the inline scripts Remix renders.
// Browsers hide nonce attributes from scripts, so on the client it is simply empty.
const NonceContext = createContext<string | undefined>(undefined)

export const NonceProvider = NonceContext.Provider

export function useNonce(): string | undefined {
  return useContext(NonceContext)
}
