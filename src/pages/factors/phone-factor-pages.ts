import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { factorPages } from './factors.page.js';
import { recoveryPages } from './recovery.page.js';
import { verifyPages } from './verify.page.js';

/** The hosted pages of SMS and voice factors: set-up, the sign-in code step, unlock and reset by phone. */
export async function phoneFactorPages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await factorPages(app, ctx);
  await verifyPages(app, ctx);
  await recoveryPages(app, ctx);
}
