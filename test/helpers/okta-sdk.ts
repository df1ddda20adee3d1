import okta from '@okta/okta-sdk-nodejs';
import type { TestServer } from './server.js';

export type OktaClient = InstanceType<typeof okta.Client>;

/** The official Okta SDK pointed at a test server; no cache, since tests change state behind its back. */
export function sdkClient(server: TestServer): OktaClient {
  return new okta.Client({ orgUrl: server.url, token: server.token, cacheMiddleware: null });
}

/** Everything a SDK collection yields, following its `Link: rel="next"` pages. */
export async function all<T>(collection: AsyncIterable<T | null>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of collection) if (item) items.push(item);
  return items;
}

export interface SdkError { status: number; errorCode: string; errorCauses: Array<{ errorSummary: string }> }

/** The OktaApiError a SDK call throws; fails the test when the call succeeds. */
export async function sdkError(work: Promise<unknown>): Promise<SdkError> {
  try {
    await work;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected the SDK call to fail');
}
