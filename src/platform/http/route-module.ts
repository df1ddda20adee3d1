import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

/** A route module: a Fastify plugin that gets the app context explicitly (grouped by audience in src/modules.ts). */
export type RouteModule = (app: FastifyInstance, ctx: AppContext) => Promise<void>;
