import { describe, expect, it } from 'vitest';
import { addressKind, hostKind } from './webhook-address.js';
import { webhookTargetProblem } from './webhook-target.js';

// One row per range of the IANA IPv4 and IPv6 Special-Purpose Address Registries, plus multicast.
const SPECIAL = [
  ['0.0.0.0', 'this host (unspecified)'],
  ['0.1.2.3', 'this network'],
  ['10.0.0.5', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.254', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'shared address space'],
  ['100.127.255.254', 'shared address space'],
  ['169.254.169.254', 'link-local (cloud metadata)'],
  ['192.0.0.8', 'IETF protocol assignments'],
  ['192.0.2.1', 'documentation'],
  ['198.51.100.1', 'documentation'],
  ['203.0.113.1', 'documentation'],
  ['192.31.196.1', 'AS112'],
  ['192.52.193.1', 'AMT'],
  ['192.88.99.1', '6to4 relay anycast'],
  ['192.175.48.1', 'AS112 direct delegation'],
  ['198.18.0.1', 'benchmarking'],
  ['198.19.255.254', 'benchmarking'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'limited broadcast'],
  ['::', 'unspecified'],
  ['::ffff:0.0.0.0', 'IPv4-mapped unspecified'],
  ['::ffff:10.0.0.1', 'IPv4-mapped private'],
  ['::ffff:a9fe:a9fe', 'IPv4-mapped link-local'],
  ['::127.0.0.1', 'IPv4-compatible (deprecated)'],
  ['::7f00:1', 'IPv4-compatible, hex'],
  ['::ffff:0:7f00:1', 'IPv4-translated (SIIT)'],
  ['64:ff9b::7f00:1', 'NAT64 of loopback'],
  ['64:ff9b::a00:1', 'NAT64 of private'],
  ['64:ff9b::808:808', 'NAT64, even of a public address'],
  ['64:ff9b:1::a00:1', 'local-use NAT64'],
  ['100::1', 'discard-only'],
  ['2001::1', 'Teredo'],
  ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo carrying 127.0.0.1'],
  ['2001:2::1', 'benchmarking'],
  ['2001:3::1', 'AMT'],
  ['2001:4:112::1', 'AS112'],
  ['2001:10::1', 'ORCHID (deprecated)'],
  ['2001:20::1', 'ORCHIDv2'],
  ['2001:db8::1', 'documentation'],
  ['3fff::1', 'documentation'],
  ['2002:7f00:1::1', '6to4 carrying 127.0.0.1'],
  ['2002:a00:1::1', '6to4 carrying 10.0.0.1'],
  ['2620:4f:8000::1', 'AS112 direct delegation'],
  ['5f00::1', 'segment routing'],
  ['fc00::1', 'unique local'],
  ['fd12:3456::1', 'unique local'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local with a zone'],
  ['fec0::1', 'site-local (deprecated)'],
  ['ff02::1', 'multicast'],
  ['ff0e::1', 'global multicast'],
  ['4000::1', 'outside global unicast'],
  ['not-an-address', 'not an address'],
] as const;

describe('addressKind', () => {
  it.each(SPECIAL)('%s (%s) is special', (address) => {
    expect(addressKind(address)).toBe('special');
  });

  it.each(['127.0.0.1', '127.255.255.254', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::ffff:7f00:1'])('%s is loopback', (address) => {
    expect(addressKind(address)).toBe('loopback');
  });

  it.each(['93.184.216.34', '1.1.1.1', '100.63.255.255', '100.128.0.1', '172.32.0.1', '198.20.0.1', '2606:4700::1111', '2a00:1450::1', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(addressKind(address)).toBe('public');
  });
});

describe('the URL form (registration)', () => {
  it.each([
    'https://2130706433/',
    'https://0x7f.1/',
    'https://0x7f000001/',
    'https://127.1/',
    'https://017700000001/',
    'https://0177.0.0.1/',
    'https://127.000.000.001/',
    'https://[::ffff:127.0.0.1]/',
    'https://[0:0:0:0:0:0:0:1]/',
    'https://localhost./',
    'https://LOCALHOST/',
    'https://hooks.localhost/',
  ])('%s reads as loopback', (url) => {
    expect(hostKind(new URL(url).hostname)).toBe('loopback');
    expect(webhookTargetProblem(url, 'production')).toMatch(/sandbox applications only/);
    expect(webhookTargetProblem(url, 'sandbox')).toBeUndefined();
  });

  it.each(['https://0/', 'https://0.0.0.0/', 'https://[::]/', 'https://10.1/', 'https://0xa9fea9fe/', 'https://printer.local/', 'https://db.internal/', 'https://nas.home.arpa./', 'https://[64:ff9b::7f00:1]/'])(
    '%s is refused for every application',
    (url) => {
      expect(webhookTargetProblem(url, 'sandbox')).toMatch(/special-purpose/);
      expect(webhookTargetProblem(url, 'production')).toMatch(/special-purpose/);
    },
  );

  it('asks for https except on a sandbox loopback endpoint, and lets names through to the delivery-time check', () => {
    expect(webhookTargetProblem('http://127.0.0.1:9000/x', 'sandbox')).toBeUndefined();
    expect(webhookTargetProblem('ftp://127.0.0.1:9000/x', 'sandbox')).toBe('Use https');
    expect(webhookTargetProblem('http://hooks.partner.example/x', 'production')).toBe('Use https');
    expect(webhookTargetProblem('https://hooks.partner.example/x', 'production')).toBeUndefined();
    expect(webhookTargetProblem('https://93.184.216.34/x', 'production')).toBeUndefined();
  });
});
