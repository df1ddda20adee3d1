import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.js';
import { startTestServer } from './helpers/server.js';
import { captureDevelopmentTelephony } from './helpers/telephony-console.js';

/*
 * Issue 13, item 2: the development telephony provider exists only when chosen (TOLLGATE_TELEPHONY=development)
 * or in the demo org, and says so on the console at start.
 */

describe('when the development telephony provider is on', () => {
  it('is off by default, on in the demo org (and said so at start), off there with TOLLGATE_TELEPHONY=none', async () => {
    const console = captureDevelopmentTelephony();
    try {
      const plain = await startTestServer();
      expect(plain.ctx.config.telephonyDevelopment).toBe(false);
      await plain.close();
      expect(console.lines).toEqual([]);

      const demo = await startTestServer({ demo: true });
      expect(demo.ctx.config.telephonyDevelopment).toBe(true);
      await demo.close();
      expect(console.lines).toHaveLength(1);
      expect(console.lines[0]).toContain('[development telephony] ON');

      const refused = await startTestServer({ demo: true, env: { TOLLGATE_TELEPHONY: 'none' } });
      expect(refused.ctx.config.telephonyDevelopment).toBe(false);
      await refused.close();

      const chosen = await startTestServer({ env: { TOLLGATE_TELEPHONY: 'development' } });
      expect(chosen.ctx.config.telephonyDevelopment).toBe(true);
      await chosen.close();
    } finally {
      console.restore();
    }
  }, 60_000);

  it('refuses any other TOLLGATE_TELEPHONY value at start', () => {
    expect(() => loadConfig({}, { TOLLGATE_TELEPHONY: 'twilio' })).toThrow('TOLLGATE_TELEPHONY must be development or none, not twilio');
  });
});
