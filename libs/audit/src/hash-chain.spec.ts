import { GENESIS_HASH, canonicalJson, linkHash, type ChainedEvent } from './hash-chain.js';

const event: ChainedEvent = {
  id: '41',
  occurredAt: new Date('2026-02-09T15:00:00.000Z'),
  actor: 'user:6f1c1a4e-0000-4000-8000-000000000001',
  action: 'request.read',
  targetType: 'request',
  targetId: 'r-1',
  patientId: '6f1c1a4e-0000-4000-8000-000000000002',
  outcome: 'success',
  clientAddress: '127.0.0.1',
  requestId: 'req-1',
  details: { b: 1, a: [2, { d: 1, c: 2 }] },
};

describe('audit hash chain (45 CFR 164.312(b) audit controls)', () => {
  it('serialises objects with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: 1, c: [3, { f: 1, e: 2 }] } })).toBe('{"a":{"c":[3,{"e":2,"f":1}],"d":1},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('gives a 64-hex SHA-256 that is stable for the same link', () => {
    const hash = linkHash('1', GENESIS_HASH, event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(linkHash('1', GENESIS_HASH, { ...event, details: { a: [2, { c: 2, d: 1 }], b: 1 } })).toBe(hash);
  });

  it.each<[string, Partial<ChainedEvent>]>([
    ['actor', { actor: 'user:someone-else' }],
    ['action', { action: 'request.update' }],
    ['outcome', { outcome: 'failure' }],
    ['time', { occurredAt: new Date('2026-02-09T15:00:00.001Z') }],
    ['patient', { patientId: null }],
    ['details', { details: { b: 2, a: [2, { d: 1, c: 2 }] } }],
  ])('changes when the %s of the event changes', (_field, change) => {
    expect(linkHash('1', GENESIS_HASH, { ...event, ...change })).not.toBe(linkHash('1', GENESIS_HASH, event));
  });

  it('changes with the position and the previous hash, so reordering is detectable', () => {
    const hash = linkHash('1', GENESIS_HASH, event);
    expect(linkHash('2', GENESIS_HASH, event)).not.toBe(hash);
    expect(linkHash('1', 'f'.repeat(64), event)).not.toBe(hash);
  });
});
