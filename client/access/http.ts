/** JSON over HTTP for the access API: one timeout, and never a throw for a network failure. */

const REQUEST_TIMEOUT_MS = 8_000;

/** The response, or null when the server could not be reached in time. */
export async function request(path: string, init: RequestInit = {}): Promise<Response | null> {
  try {
    return await fetch(path, {
      ...init,
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    return null;
  }
}

/** The body as an object; {} for anything else, so callers validate fields one by one. */
export const asRecord = async (res: Response): Promise<Record<string, unknown>> => {
  const v: unknown = await res.json().catch(() => null);
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
};

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
