/**
 * Run-time settings, read once from `/config.json` next to the app: the deployed stack writes the API's
 * URL there; locally the API is on the same origin. A missing or unreadable file means the same origin.
 */
export interface RuntimeConfig {
  /** Base URL of the API (routes start with /v1); empty = this origin. */
  readonly apiUrl: string;
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (!response.ok) return { apiUrl: '' };
    const body = (await response.json()) as Partial<RuntimeConfig>;
    return { apiUrl: typeof body.apiUrl === 'string' ? body.apiUrl.replace(/\/+$/, '') : '' };
  } catch {
    return { apiUrl: '' };
  }
}
