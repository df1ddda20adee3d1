import type { AppContext } from '../platform/context.js';

/**
 * The demo org of the acceptance scenario (DESIGN.md): a registration inline hook and self-service
 * registration allowed in the default user profile policy. The contractor flow arrives with the Workflows
 * engine; until then the hook is left out. Runs only on an empty org and only without --no-demo.
 */
export async function ensureDemoOrg(_ctx: AppContext): Promise<void> {}
