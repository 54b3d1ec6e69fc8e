import { RETENTION_YEARS, retainUntil } from './retention.js';

describe('retainUntil (45 CFR 164.530(j)(2))', () => {
  it('keeps documentation for 6 years (45 CFR 164.530(j)(2))', () => {
    expect(RETENTION_YEARS).toBe(6);
    expect(retainUntil('2026-01-10', '2026-01-10')).toBe('2032-01-10');
  });

  it('counts from the last effect when it is later than creation (45 CFR 164.530(j)(2))', () => {
    expect(retainUntil('2026-01-10', '2026-02-09')).toBe('2032-02-09');
  });

  it('counts from creation when it is later than the recorded last effect (45 CFR 164.530(j)(2))', () => {
    expect(retainUntil('2026-03-01', '2026-01-15')).toBe('2032-03-01');
  });

  it('keeps a restriction agreed in 2026 and terminated in 2030 until 2036 (45 CFR 164.530(j)(2), 164.522(a)(3))', () => {
    expect(retainUntil('2026-04-20', '2030-09-15')).toBe('2036-09-15');
  });

  it('takes the later of the two dates across a year boundary (45 CFR 164.530(j)(2))', () => {
    expect(retainUntil('2026-12-31', '2027-01-01')).toBe('2033-01-01');
    expect(retainUntil('2027-01-01', '2026-12-31')).toBe('2033-01-01');
  });

  it('moves 29 February to 1 March six years on, never shortening the period (45 CFR 164.530(j)(2))', () => {
    expect(retainUntil('2028-02-29', '2028-02-29')).toBe('2034-03-01');
    expect(retainUntil('2026-01-10', '2032-02-29')).toBe('2038-03-01');
  });

  it('keeps 28 February and other dates of a leap year as they are (45 CFR 164.530(j)(2))', () => {
    expect(retainUntil('2028-02-28', '2028-02-28')).toBe('2034-02-28');
    expect(retainUntil('2028-03-01', '2028-03-01')).toBe('2034-03-01');
    expect(retainUntil('2026-02-28', '2026-02-28')).toBe('2032-02-28');
  });
});
