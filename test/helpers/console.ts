import type { Page } from 'playwright-core';
import { openConsole, type ConsoleSession } from './chromium.js';
import { startHookServer, type HookHandler, type HookServer } from './hook-server.js';
import { startTestServer, type TestServer } from './server.js';

/** A test server, a hook endpoint and Chromium signed in to the server's console, closed together. */
export interface SignedInConsole {
  server: TestServer;
  endpoint: HookServer;
  admin: ConsoleSession;
  page: Page;
  close(): Promise<void>;
}

/** What the console's browser tests start with; whatever has started is closed if a step fails. */
export async function signedInConsole(options: { server?: Parameters<typeof startTestServer>[0]; hook?: HookHandler } = {}): Promise<SignedInConsole> {
  const server = await startTestServer(options.server);
  let endpoint: HookServer | undefined;
  let admin: ConsoleSession | undefined;
  const close = async () => {
    await admin?.close();
    await endpoint?.close();
    await server.close();
  };
  try {
    endpoint = await startHookServer(options.hook);
    admin = await openConsole(server);
    return { server, endpoint, admin, page: admin.page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
