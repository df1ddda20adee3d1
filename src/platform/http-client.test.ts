import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutboundUrl, httpRequest, isBlockedAddress, isLoopbackHost, parseAllowEntry, refusedAddress } from './http-client.js';

const none = { allowedHosts: [] as string[] };
const allowInternal = { allowedHosts: ['hooks.internal', '10.0.0.5'] };
const loopback = { allowedHosts: ['loopback'] };

describe('SSRF guard', () => {
  it.each([
    '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '224.0.0.1',
    'fc00::1', 'fd12:3456::1', 'fe80::1', '::', '::ffff:10.0.0.1', '::ffff:169.254.169.254',
    // IPv6 transition ranges: NAT64, 6to4, IPv4-compatible, SIIT, site-local, Teredo.
    '64:ff9b::7f00:1', '64:ff9b::a00:1', '2002:7f00:1::1', '::127.0.0.1', '::7f00:1', '::ffff:0:7f00:1', '::ffff:0:a00:1', 'fec0::1', '2001:0:4136:e378::1',
    'fd00:ec2::254',
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
    // A name resolving to loopback: refused unless loopback (or that name) is allowed.
    expect(refusedAddress(none, 'dev.example.com', ['127.0.0.1'])).toBe('127.0.0.1');
    expect(refusedAddress(none, 'dev.example.com', ['::ffff:127.0.0.1'])).toBe('::ffff:127.0.0.1');
    expect(refusedAddress(loopback, 'dev.example.com', ['127.0.0.1'])).toBeUndefined();
    expect(refusedAddress(loopback, 'dev.example.com', ['10.0.0.1'])).toBe('10.0.0.1');
    // An allowed name still may not reach a metadata service.
    expect(refusedAddress(allowInternal, 'hooks.internal', ['169.254.169.254'])).toBe('169.254.169.254');
    expect(refusedAddress(allowInternal, 'hooks.internal', ['fd00:ec2::254'])).toBe('fd00:ec2::254');
    expect(refusedAddress(none, 'x.example.com', ['169.254.169.254'], true)).toBe('169.254.169.254');
    expect(refusedAddress(allowInternal, 'hooks.internal', ['10.0.0.7'])).toBeUndefined();
    expect(refusedAddress(allowInternal, 'HOOKS.INTERNAL', ['10.0.0.7'])).toBeUndefined();
  });

  it('checks URLs before they are stored or called', () => {
    expect(checkOutboundUrl(none, 'https://hooks.example.com/x')).toBeUndefined();
    for (const url of ['http://localhost:3000/hook', 'http://127.0.0.1:3000/hook', 'http://[::1]:3000/hook', 'https://localhost/hook',
      'http://2130706433/', 'http://0x7f.1/', 'http://017700000001/', 'http://127.1/', 'http://[::ffff:127.0.0.1]/', 'http://[0:0:0:0:0:ffff:7f00:1]/']) {
      expect(checkOutboundUrl(none, url), url).toMatch(/loopback host/);
      expect(checkOutboundUrl(loopback, url), url).toBeUndefined();
    }
    expect(checkOutboundUrl({ allowedHosts: ['127.0.0.1:3000'] }, 'http://127.0.0.1:3000/hook')).toBeUndefined();
    expect(checkOutboundUrl({ allowedHosts: ['127.0.0.1:3000'] }, 'http://2130706433:3000/hook')).toBeUndefined();
    expect(checkOutboundUrl({ allowedHosts: ['127.0.0.1:3000'] }, 'http://127.0.0.1:3001/hook')).toMatch(/loopback host/);
    expect(checkOutboundUrl({ allowedHosts: ['localhost'] }, 'http://localhost:9999/hook')).toBeUndefined();
    expect(checkOutboundUrl({ allowedHosts: ['localhost'] }, 'http://127.0.0.1:9999/hook')).toMatch(/loopback host/);
    for (const url of ['https://[64:ff9b::7f00:1]/', 'https://[2002:7f00:1::1]/', 'https://[::127.0.0.1]/', 'https://[::ffff:0:7f00:1]/', 'https://[fec0::1]/']) {
      expect(checkOutboundUrl(none, url), url).toMatch(/private or reserved/);
    }
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://[fd00:ec2::254]/', 'http://[::ffff:169.254.169.254]/']) {
      expect(checkOutboundUrl({ allowedHosts: ['169.254.169.254', 'fd00:ec2::254', '::ffff:169.254.169.254'] }, url), url).toMatch(/metadata/);
    }
    // The server's own invoke URLs, and only those.
    const self = { allowedHosts: [], selfOrigins: ['http://localhost:8080'] };
    expect(checkOutboundUrl(self, 'http://localhost:8080/api/flo/abc/invoke')).toBeUndefined();
    expect(checkOutboundUrl(self, 'http://localhost:8080/api/v1/users')).toMatch(/loopback host/);
    expect(checkOutboundUrl(self, 'http://localhost:8081/api/flo/abc/invoke')).toMatch(/loopback host/);
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

  it('reads allow-list entries: host, host:port, [v6]:port, loopback; refuses others', () => {
    expect(parseAllowEntry('127.0.0.1:3000')).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(parseAllowEntry('LOCALHOST')).toEqual({ host: 'localhost', port: undefined });
    expect(parseAllowEntry('[::1]:8443')).toEqual({ host: '::1', port: 8443 });
    expect(parseAllowEntry('::1')).toEqual({ host: '::1' });
    expect(parseAllowEntry('127.1')).toEqual({ host: '127.0.0.1', port: undefined });
    expect(parseAllowEntry('loopback')).toEqual({ host: 'loopback', port: undefined });
    for (const bad of ['http://x', 'a b', 'x:99999', '[zz]:1', 'x:']) expect(parseAllowEntry(bad), bad).toBeUndefined();
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

  it('refuses loopback unless allowed; posts and reads the reply when it is', async () => {
    expect(await httpRequest(none, { method: 'GET', url: `${base}/echo`, timeoutMs: 2000, maxResponseBytes: 100 })).toMatchObject({ ok: false, failure: 'blocked' });
    // localhost.: a name, resolved at connect time to loopback, refused there.
    const byName = await httpRequest({ allowedHosts: [] }, { method: 'GET', url: `https://localtest.invalid.localhost:1/`, timeoutMs: 2000, maxResponseBytes: 100 });
    expect(byName).toMatchObject({ ok: false, failure: 'blocked' });
    const res = await httpRequest(loopback, { method: 'POST', url: `${base}/echo`, headers: { 'x-test': 'yes' }, body: 'hello', timeoutMs: 2000, maxResponseBytes: 100 });
    expect(res).toEqual({ ok: true, status: 200, headers: expect.objectContaining({ 'x-echo': 'yes' }), body: 'hello' });
  });

  it('returns a redirect as is, without following it', async () => {
    const res = await httpRequest(loopback, { method: 'GET', url: `${base}/redirect`, timeoutMs: 2000, maxResponseBytes: 100 });
    expect(res).toMatchObject({ ok: true, status: 302, headers: { location: '/target' } });
  });

  it('stops reading past the size limit', async () => {
    const res = await httpRequest(loopback, { method: 'GET', url: `${base}/big`, timeoutMs: 2000, maxResponseBytes: 4999 });
    expect(res).toMatchObject({ ok: false, failure: 'too_large', status: 200 });
    const fits = await httpRequest(loopback, { method: 'GET', url: `${base}/big`, timeoutMs: 2000, maxResponseBytes: 5000 });
    expect(fits).toMatchObject({ ok: true, status: 200 });
  });

  it('gives up at the timeout', async () => {
    const res = await httpRequest(loopback, { method: 'GET', url: `${base}/slow`, timeoutMs: 200, maxResponseBytes: 100 });
    expect(res).toMatchObject({ ok: false, failure: 'timeout' });
  });
});
