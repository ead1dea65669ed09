import { hash, verify } from '@node-rs/argon2'

// argon2id with OWASP's second recommended setting (19 MiB, 2 passes): memory-hard and still
// fast enough (~30 ms here) for a login form.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const MIN_PASSWORD_LENGTH = 12

// A hash of a random password nobody knows, made with the options above (a unit test keeps them
// equal): a sign-in with an unknown e-mail verifies against it, so that it takes as long as one
// with a known e-mail and the answer time does not tell which addresses have an account.
export const DUMMY_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$EuuhpN6/GzrdocGzznWDTA$OHj75iZr7lM6K+92G14x/6m0ejIrf/XkaVuMV61iL+o'

export function hashPassword(password: string): Promise<string> {
  return hash(password, options)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}
