import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';

// Placeholder: this module's routes are being written.
export async function userRoutes(_app: FastifyInstance, _ctx: AppContext): Promise<void> {}
