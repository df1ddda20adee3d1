import type { AppContext } from '../../platform/context.js';
import type { OutboundHttp } from '../engine/services/http.js';

/** Outbound HTTP for flows, through the platform's client and SSRF guard (owner: the API Connector engineer). */
export function outboundHttp(_ctx: AppContext): OutboundHttp | undefined {
  return undefined;
}
