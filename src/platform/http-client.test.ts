import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutboundUrl, httpRequest, isBlockedAddress, isLoopbackHost, refusedAddress } from './http-client.js';

const none = { allowedHosts: [] as string[] };
const allowInternal = { allowedHosts: ['hooks.internal', '10.0.0.5'] };

describe('SSRF guard', () => {
  it.each([
    '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '224.0.0.1',
    'fc00::1', 'fd12:3456::1', 'fe80::1', '::', '::ffff:10.0.0.1', '::ffff:169.254.169.254',
  ])('refuses %s', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(['127.0.0.1', '127.10.0.1', '::1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::1111'])('allows %s', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  it('knows loopback hosts by name and address', () => {
    for (const host of ['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['example.com', '10.0.0.1', 'localhost.example.com', '[::2]']) expect(isLoopbackHost(host), host).toBe(false);
  });

  it('checks resolved addresses at connect time unless the host is allow-listed', () => {
    expect(refusedAddress(none, 'evil.example.com', ['93.184.216.34', '10.0.0.7'])).toBe('10.0.0.7');
    expect(refusedAddress(none, 'good.example.com', ['93.184.216.34'])).toBeUndefined();
    expect(refusedAddress(none, 'dev.example.com', ['127.0.0.1'])).toBeUndefined();
    expect(refusedAddress(allowInternal, 'hooks.internal', ['10.0.0.7'])).toBeUndefined();
    expect(refusedAddress(allowInternal, 'HOOKS.INTERNAL', ['10.0.0.7'])).toBeUndefined();
  });

  it('checks URLs before they are stored or called', () => {
    expect(checkOutboundUrl(none, 'https://hooks.example.com/x')).toBeUndefined();
    expect(checkOutboundUrl(none, 'http://localhost:3000/hook')).toBeUndefined();
    expect(checkOutboundUrl(none, 'http://127.0.0.1:3000/hook')).toBeUndefined();
    expect(checkOutboundUrl(none, 'http://[::1]:3000/hook')).toBeUndefined();
    expect(checkOutboundUrl(none, 'http://hooks.example.com/x')).toMatch(/must use https/);
    expect(checkOutboundUrl(none, 'ftp://hooks.example.com/x')).toMatch(/must use https/);
    expect(checkOutboundUrl(none, 'https://user:pw@hooks.example.com/x')).toMatch(/credentials/);
    expect(checkOutboundUrl(none, 'https://10.0.0.5/x')).toMatch(/private or reserved/);
    expect(checkOutboundUrl(none, 'https://[fd00::1]/x')).toMatch(/private or reserved/);
    expect(checkOutboundUrl(none, 'https://0x0a000001/x')).toMatch(/private or reserved/); // 10.0.0.1 in hex
    expect(checkOutboundUrl(allowInternal, 'http://hooks.internal/x')).toBeUndefined();
    expect(checkOutboundUrl(allowInternal, 'http://10.0.0.5/x')).toBeUndefined();
    expect(checkOutboundUrl(none, 'https://a.example.com/' + 'x'.repeat(1024))).toMatch(/at most 1024/);
    expect(checkOutboundUrl(none, 'https://a.example.com/a\tb')).toMatch(/whitespace/);
  });

  it('refuses to call a private address without sending anything', async () => {
    const res = await httpRequest(none, { method: 'POST', url: 'https://10.0.0.1/hook', body: '{}', timeoutMs: 1000, maxResponseBytes: 1000 });
    expect(res).toMatchObject({ ok: false, failure: 'blocked' });
  });
});

describe('httpRequest', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/redirect') return void res.writeHead(302, { location: '/target' }).end();
      if (req.url === '/big') return void res.end('x'.repeat(5000));
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 1000);
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => res.writeHead(200, { 'x-echo': req.headers['x-test'] ?? '' }).end(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('posts and reads the reply (loopback is allowed)', async () => {
    const res = await httpRequest(none, { method: 'POST', url: `${base}/echo`, headers: { 'x-test': 'yes' }, body: 'hello', timeoutMs: 2000, maxResponseBytes: 100 });
    expect(res).toEqual({ ok: true, status: 200, headers: expect.objectContaining({ 'x-echo': 'yes' }), body: 'hello' });
  });

  it('returns a redirect as is, without following it', async () => {
    const res = await httpRequest(none, { method: 'GET', url: `${base}/redirect`, timeoutMs: 2000, maxResponseBytes: 100 });
    expect(res).toMatchObject({ ok: true, status: 302, headers: { location: '/target' } });
  });

  it('stops reading past the size limit', async () => {
    const res = await httpRequest(none, { method: 'GET', url: `${base}/big`, timeoutMs: 2000, maxResponseBytes: 4999 });
    expect(res).toMatchObject({ ok: false, failure: 'too_large', status: 200 });
    const fits = await httpRequest(none, { method: 'GET', url: `${base}/big`, timeoutMs: 2000, maxResponseBytes: 5000 });
    expect(fits).toMatchObject({ ok: true, status: 200 });
  });

  it('gives up at the timeout', async () => {
    const res = await httpRequest(none, { method: 'GET', url: `${base}/slow`, timeoutMs: 200, maxResponseBytes: 100 });
    expect(res).toMatchObject({ ok: false, failure: 'timeout' });
  });
});
