import { restrictionConflicts, type RestrictionInForce } from './restriction-conflicts.js';

const selfPayToPlan: RestrictionInForce = {
  requestId: 'r1',
  reference: 'PR-2026-000001',
  purpose: 'payment',
  recipient: 'Acme Health Plan',
  selfPay: true,
  effectiveOn: '2026-03-01',
};
const noFamily: RestrictionInForce = {
  requestId: 'r2',
  reference: 'PR-2026-000002',
  purpose: 'persons_involved',
  recipient: null,
  selfPay: false,
  effectiveOn: '2026-03-01',
};

describe('restriction conflicts at ingestion', () => {
  it('45 CFR 164.522(a)(1)(vi): a payment disclosure to the restricted health plan conflicts with a self-pay restriction', () => {
    expect(
      restrictionConflicts({ category: 'payment', disclosedOn: '2026-03-05', recipientName: 'ACME  health plan, Inc.' }, [selfPayToPlan]),
    ).toEqual([{ requestId: 'r1', reference: 'PR-2026-000001', citation: '45 CFR 164.522(a)(1)(vi)' }]);
  });

  it('45 CFR 164.522(a)(1)(vi): the same disclosure to another recipient, or for another purpose, does not', () => {
    expect(restrictionConflicts({ category: 'payment', disclosedOn: '2026-03-05', recipientName: 'Other Plan' }, [selfPayToPlan])).toEqual(
      [],
    );
    expect(
      restrictionConflicts({ category: 'treatment', disclosedOn: '2026-03-05', recipientName: 'Acme Health Plan' }, [selfPayToPlan]),
    ).toEqual([]);
  });

  it('45 CFR 164.522(a)(1)(ii): a restriction that names no recipient conflicts with any recipient of that purpose', () => {
    expect(
      restrictionConflicts({ category: 'persons_involved', disclosedOn: '2026-04-01', recipientName: 'A neighbour' }, [
        noFamily,
        selfPayToPlan,
      ]),
    ).toEqual([{ requestId: 'r2', reference: 'PR-2026-000002', citation: '45 CFR 164.522(a)(1)(ii)' }]);
  });

  it('45 CFR 164.522(a)(1)(ii): a disclosure made before the restriction took effect does not conflict', () => {
    expect(
      restrictionConflicts({ category: 'payment', disclosedOn: '2026-02-28', recipientName: 'Acme Health Plan' }, [selfPayToPlan]),
    ).toEqual([]);
  });

  it('45 CFR 164.522(a)(1)(ii): the recipient agency is matched as well as the recipient name', () => {
    expect(
      restrictionConflicts(
        { category: 'payment', disclosedOn: '2026-03-02', recipientName: 'Claims department', recipientAgency: 'Acme Health Plan' },
        [selfPayToPlan],
      ),
    ).toHaveLength(1);
  });
});
