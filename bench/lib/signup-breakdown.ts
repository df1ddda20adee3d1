/**
 * A quick diagnosis of the sign-up path, for comparing changes back to back: one Tollgate child, hosted
 * /signup posts (a new person each, half @atko.email) with no hook and with the demo registration hook,
 * BENCH_DURATION seconds each (default 8) after 2 s of warm-up at 4 connections; prints server CPU ms per
 * sign-up and what the hook adds. With BENCH_CPU_PROFILE=<file> the child profiles itself (both steps;
 * BENCH_ONLY=hook measures only the hook step) and writes the profile when it stops.
 *
 * `npx tsx bench/lib/signup-breakdown.ts`
 */
import { randomBytes } from 'node:crypto';
import { adminApi } from './admin-api.js';
import { startChild } from './child.js';
import { measureLoad, type LoadRequest } from './load.js';
import type { TollgateInfo } from './types.js';

const seconds = Number(process.env.BENCH_DURATION ?? 8);
const tollgate = await startChild<TollgateInfo>('serve-tollgate.ts');
try {
  const info = tollgate.info;
  const [hook] = await adminApi(info.url, info.token, 'GET', '/api/v1/inlineHooks?type=com.okta.user.pre-registration');
  const page = await fetch(`${info.url}/signup`, { headers: { accept: 'text/html' } });
  const cookie = page.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const csrfToken = /name="csrfToken" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const run = randomBytes(4).toString('hex');
  let serial = 0;
  const next = (): LoadRequest => {
    serial += 1;
    const email = serial % 2 === 0 ? `jane.${run}.${serial}@atko.email` : `bob.${run}.${serial}@example.com`;
    return {
      method: 'POST', path: '/signup',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, accept: 'text/html' },
      body: new URLSearchParams({ csrfToken, email, firstName: 'Bench', lastName: 'User', password: 'Sunny-Day-42-Bench' }).toString(),
    };
  };
  const [policy] = await adminApi(info.url, info.token, 'GET', '/api/v1/policies?type=PROFILE_ENROLLMENT');
  const [rule] = await adminApi(info.url, info.token, 'GET', `/api/v1/policies/${policy.id}/rules`);
  const cpu: Record<string, number> = {};
  for (const step of process.env.BENCH_ONLY === 'hook' ? ['hook'] : ['none', 'hook']) {
    await adminApi(info.url, info.token, 'PUT', `/api/v1/policies/${policy.id}/rules/${rule.id}`, {
      name: rule.name, actions: { profileEnrollment: { preRegistrationInlineHooks: step === 'hook' ? [{ inlineHookId: hook.id }] : null } },
    });
    const result = await measureLoad({ url: info.url, next, expectStatus: 303, connections: 4, seconds, warmUpSeconds: 2, settleSeconds: 1, timeoutSeconds: 60, serverCpu: tollgate.cpuMicros });
    cpu[step] = (result.cpuPerRequest ?? NaN) / 1000;
    const failed = result.non2xx + result.errors + result.timeouts;
    process.stdout.write(`${step === 'hook' ? 'registration hook → flow' : 'no hook'}`.padEnd(28) + ` ${cpu[step].toFixed(2)} ms CPU/sign-up ${result.requestsPerSecond.toFixed(1)} sign-ups/s p50 ${result.p50} ms${failed ? ` FAILED ${failed}` : ''}\n`);
  }
  if (cpu.none) process.stdout.write(`the hook adds ${(cpu.hook - cpu.none).toFixed(2)} ms (${(cpu.hook / cpu.none).toFixed(2)}×)\n`);
} finally {
  await tollgate.stop();
}
