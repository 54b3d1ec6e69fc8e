import {
  calculateAccessFee,
  explainAccessFee,
  FLAT_FEE_LIMIT_CENTS,
  type AccessFeeRequest,
  type FeeLine,
  type FeeResult,
} from './access-fees.js';

// A self-requested paper copy, mailed, priced at actual cost: every line kind but the conditional ones is lawful.
function request(overrides: Partial<AccessFeeRequest> = {}): AccessFeeRequest {
  return {
    accessType: 'copy',
    recipient: 'self',
    format: 'paper',
    phiKeptElectronically: false,
    portableMediaRequested: false,
    delivery: 'mail',
    summaryFeeAgreedAt: null,
    pricing: 'actual',
    lines: [],
    ...overrides,
  };
}

// An electronic copy of electronically kept PHI, sent by email: the only case where a flat fee is allowed.
function electronic(overrides: Partial<AccessFeeRequest> = {}): AccessFeeRequest {
  return request({ format: 'electronic', phiKeptElectronically: true, delivery: 'email', ...overrides });
}

function codes(result: FeeResult): string[] {
  return result.ok ? [] : result.refusals.map((refusal) => refusal.code);
}

// Lets a test pass a cost the type cannot express, as a caller reading JSON could.
function unknownLine(kind: string, amountCents: number): FeeLine {
  return { kind, amountCents } as unknown as FeeLine;
}

describe('access-copy fee (45 CFR 164.524(c)(4), hipaa-rights.md §2.5)', () => {
  it('accepts an itemised fee of copy labor, paper and postage for a mailed paper copy (45 CFR 164.524(c)(4)(i)-(iii))', () => {
    const lines: FeeLine[] = [
      { kind: 'copy_labor', amountCents: 1200, note: '20 minutes at the clerk rate' },
      { kind: 'supplies_paper', amountCents: 150 },
      { kind: 'postage', amountCents: 278 },
    ];
    const result = calculateAccessFee(request({ lines }));
    expect(result).toEqual({ ok: true, totalCents: 1628, lines, capped: true });
    if (result.ok) expect(result.lines).not.toBe(lines);
  });

  it('accepts portable media when the individual asked for it and an agreed summary (45 CFR 164.524(c)(4)(ii), (iv))', () => {
    const result = calculateAccessFee(
      electronic({
        portableMediaRequested: true,
        delivery: 'pickup',
        summaryFeeAgreedAt: '2026-03-02',
        lines: [
          { kind: 'copy_labor', amountCents: 900 },
          { kind: 'supplies_portable_media', amountCents: 500 },
          { kind: 'summary_preparation', amountCents: 2500 },
        ],
      }),
    );
    expect(result).toMatchObject({ ok: true, totalCents: 3900, capped: true });
  });

  it('accepts no fee at all, the charge OCR prefers (HHS access guidance)', () => {
    expect(calculateAccessFee(request())).toEqual({ ok: true, totalCents: 0, lines: [], capped: true });
  });

  it('refuses any non-zero line when the individual only inspects (45 CFR 164.524(c)(4): fees for copies and summaries only)', () => {
    const result = calculateAccessFee(
      request({
        accessType: 'inspect',
        delivery: 'pickup',
        lines: [
          { kind: 'copy_labor', amountCents: 500 },
          { kind: 'supplies_paper', amountCents: 25 },
        ],
      }),
    );
    expect(result).toEqual({
      ok: false,
      refusals: [
        expect.objectContaining({ code: 'INSPECTION_IS_FREE', line: 0 }),
        expect.objectContaining({ code: 'INSPECTION_IS_FREE', line: 1 }),
      ],
    });
  });

  it('keeps inspection free at a total of 0, zero lines allowed (45 CFR 164.524(c)(4))', () => {
    const result = calculateAccessFee(
      request({ accessType: 'inspect', delivery: 'pickup', lines: [{ kind: 'copy_labor', amountCents: 0 }] }),
    );
    expect(result).toMatchObject({ ok: true, totalCents: 0 });
  });

  it('allows a copy fee when the individual both inspects and takes a copy (45 CFR 164.524(c)(4))', () => {
    const result = calculateAccessFee(request({ accessType: 'both', lines: [{ kind: 'copy_labor', amountCents: 800 }] }));
    expect(result).toMatchObject({ ok: true, totalCents: 800 });
  });

  it('refuses a summary fee unless the individual agreed in advance to the summary and its fee (45 CFR 164.524(c)(2)(iii))', () => {
    const result = calculateAccessFee(request({ lines: [{ kind: 'summary_preparation', amountCents: 2000 }] }));
    expect(result).toEqual({ ok: false, refusals: [expect.objectContaining({ code: 'SUMMARY_NOT_AGREED', line: 0 })] });
  });

  it('refuses portable-media supplies unless the individual asked for portable media (45 CFR 164.524(c)(4)(ii))', () => {
    const result = calculateAccessFee(electronic({ lines: [{ kind: 'supplies_portable_media', amountCents: 500 }] }));
    expect(codes(result)).toEqual(['NO_PORTABLE_MEDIA_REQUESTED']);
  });

  it.each(['pickup', 'email', 'portal'] as const)(
    'refuses postage unless the copy is mailed, here %s (45 CFR 164.524(c)(4)(iii))',
    (delivery) => {
      const result = calculateAccessFee(request({ delivery, lines: [{ kind: 'postage', amountCents: 278 }] }));
      expect(codes(result)).toEqual(['POSTAGE_WITHOUT_MAIL']);
    },
  );

  it('refuses any cost outside the listed kinds, e.g. search and retrieval (45 CFR 164.524(c)(4); HHS access guidance on excluded costs)', () => {
    const result = calculateAccessFee(
      request({ lines: [unknownLine('search_retrieval', 1500), unknownLine('verification', 0), { kind: 'copy_labor', amountCents: 300 }] }),
    );
    expect(result).toEqual({
      ok: false,
      refusals: [
        expect.objectContaining({ code: 'UNKNOWN_LINE_KIND', line: 0 }),
        expect.objectContaining({ code: 'UNKNOWN_LINE_KIND', line: 1 }),
      ],
    });
  });

  it('refuses a negative amount (45 CFR 164.524(c)(4): a cost-based fee)', () => {
    const result = calculateAccessFee(request({ lines: [{ kind: 'copy_labor', amountCents: -100 }] }));
    expect(codes(result)).toEqual(['NEGATIVE_AMOUNT']);
  });

  it.each([12.5, Number.NaN, Number.POSITIVE_INFINITY, '100' as unknown as number])(
    'refuses an amount of %p that is not whole cents (45 CFR 164.524(c)(4): a fee the individual can be quoted)',
    (amountCents) => {
      const result = calculateAccessFee(request({ lines: [{ kind: 'copy_labor', amountCents }] }));
      expect(codes(result)).toEqual(['NOT_INTEGER_CENTS']);
    },
  );

  it('accepts a flat fee of exactly $6.50 for an electronic copy of electronic PHI (HHS FAQ 2029/2030)', () => {
    const result = calculateAccessFee(electronic({ pricing: 'flat', lines: [{ kind: 'copy_labor', amountCents: FLAT_FEE_LIMIT_CENTS }] }));
    expect(result).toMatchObject({ ok: true, totalCents: 650, capped: true });
  });

  it('refuses a flat fee of 651 cents (HHS FAQ 2029/2030: flat fee no more than $6.50)', () => {
    const result = calculateAccessFee(
      electronic({
        pricing: 'flat',
        lines: [
          { kind: 'copy_labor', amountCents: 600 },
          { kind: 'copy_labor', amountCents: 51 },
        ],
      }),
    );
    expect(result).toEqual({ ok: false, refusals: [expect.objectContaining({ code: 'FLAT_FEE_OVER_LIMIT' })] });
    if (!result.ok) expect(result.refusals[0]).not.toHaveProperty('line');
  });

  it('allows more than $6.50 at actual cost for an electronic copy: $6.50 is an option, not a cap (HHS FAQ 2030)', () => {
    const result = calculateAccessFee(electronic({ lines: [{ kind: 'copy_labor', amountCents: 2400 }] }));
    expect(result).toMatchObject({ ok: true, totalCents: 2400 });
  });

  it('refuses a flat fee for a paper copy or for PHI kept on paper (HHS FAQ 2029: flat fee only for e-copies of e-PHI)', () => {
    const paper = calculateAccessFee(
      request({ pricing: 'flat', phiKeptElectronically: true, lines: [{ kind: 'copy_labor', amountCents: 500 }] }),
    );
    const paperRecords = calculateAccessFee(
      electronic({ pricing: 'flat', phiKeptElectronically: false, lines: [{ kind: 'copy_labor', amountCents: 500 }] }),
    );
    expect(codes(paper)).toEqual(['FLAT_FEE_NOT_ALLOWED']);
    expect(codes(paperRecords)).toEqual(['FLAT_FEE_NOT_ALLOWED']);
  });

  it.each(['$0.10 per page', '10c/page', 'priced per-page', 'each page scanned', 'standard page rate'])(
    'refuses per-page pricing of an electronic copy of electronic PHI, note "%s" (HHS access guidance, verified-secondary)',
    (note) => {
      const result = calculateAccessFee(electronic({ lines: [{ kind: 'copy_labor', amountCents: 400, note }] }));
      expect(codes(result)).toEqual(['PER_PAGE_ELECTRONIC']);
    },
  );

  it('leaves per-page notes alone on a paper copy, which the guidance does not cover (HHS access guidance)', () => {
    const result = calculateAccessFee(
      request({ lines: [{ kind: 'supplies_paper', amountCents: 300, note: '30 sheets at $0.10 per page' }] }),
    );
    expect(result).toMatchObject({ ok: true, totalCents: 300 });
  });

  it('does not refuse a conditional kind at zero, since nothing is charged (45 CFR 164.524(c)(4))', () => {
    const result = calculateAccessFee(request({ delivery: 'pickup', lines: [{ kind: 'postage', amountCents: 0 }] }));
    expect(result).toMatchObject({ ok: true, totalCents: 0 });
  });

  it('collects every refusal, not only the first (45 CFR 164.524(c)(4), (c)(2)(iii); HHS FAQ 2029)', () => {
    const result = calculateAccessFee(
      request({
        delivery: 'portal',
        pricing: 'flat',
        lines: [
          { kind: 'postage', amountCents: 300 },
          { kind: 'summary_preparation', amountCents: 400 },
          { kind: 'supplies_portable_media', amountCents: -5 },
          unknownLine('retrieval', 100),
        ],
      }),
    );
    expect(codes(result)).toEqual([
      'POSTAGE_WITHOUT_MAIL',
      'SUMMARY_NOT_AGREED',
      'NEGATIVE_AMOUNT',
      'UNKNOWN_LINE_KIND',
      'FLAT_FEE_NOT_ALLOWED',
      'FLAT_FEE_OVER_LIMIT',
    ]);
  });

  describe('third-party directive after Ciox Health v. Azar (D.D.C. 2020), hipaa-rights.md §2.4', () => {
    it('applies none of the 164.524(c)(4) limits and returns the lines as given, uncapped (Ciox v. Azar)', () => {
      const lines = [
        { kind: 'postage', amountCents: 500 },
        { kind: 'summary_preparation', amountCents: 2000, note: '$0.25 per page' },
        { kind: 'supplies_portable_media', amountCents: 700 },
        unknownLine('search_retrieval', 2500),
      ] as FeeLine[];
      const result = calculateAccessFee(electronic({ recipient: 'third_party_directive', accessType: 'copy', pricing: 'flat', lines }));
      expect(result).toEqual({ ok: true, totalCents: 5700, lines, capped: false });
    });

    it('still refuses negative and non-integer amounts for a directive (Ciox v. Azar leaves data rules in place)', () => {
      const result = calculateAccessFee(
        request({
          recipient: 'third_party_directive',
          lines: [
            { kind: 'copy_labor', amountCents: -1 },
            { kind: 'copy_labor', amountCents: 0.5 },
          ],
        }),
      );
      expect(result).toEqual({
        ok: false,
        refusals: [
          expect.objectContaining({ code: 'NEGATIVE_AMOUNT', line: 0 }),
          expect.objectContaining({ code: 'NOT_INTEGER_CENTS', line: 1 }),
        ],
      });
    });
  });
});

describe('advance fee notice wording (HHS FAQ 2030: tell the approximate fee in advance)', () => {
  it('states the total and each charged line of an itemised fee (HHS FAQ 2030)', () => {
    const input = request({
      lines: [
        { kind: 'copy_labor', amountCents: 1200 },
        { kind: 'supplies_paper', amountCents: 0 },
        { kind: 'postage', amountCents: 278 },
      ],
    });
    const sentences = explainAccessFee(input, calculateAccessFee(input));
    expect(sentences).toEqual([
      'The approximate fee for your copy is $14.78, based on what it actually costs us to prepare it.',
      'Labor to make the copy: $12.00.',
      'Postage to mail the copy: $2.78.',
      'The fee covers only the cost of making and sending your copy and any summary you agreed to; we do not charge for searching for, retrieving or reviewing your records.',
      'We will not hold back your copy because of unpaid bills for health care.',
    ]);
  });

  it('describes a flat fee as covering all labor, supplies and postage (HHS FAQ 2029)', () => {
    const input = electronic({ accessType: 'both', pricing: 'flat', lines: [{ kind: 'copy_labor', amountCents: 650 }] });
    const sentences = explainAccessFee(input, calculateAccessFee(input));
    expect(sentences.slice(0, 2)).toEqual([
      'There is no fee to inspect your records; the fee below is for your copy.',
      'The fee for your electronic copy is a flat $6.50, which covers all labor, supplies and postage.',
    ]);
  });

  it('names the average-cost schedule when that is the method (HHS FAQ 2029)', () => {
    const input = request({ pricing: 'average_schedule', lines: [{ kind: 'copy_labor', amountCents: 1000 }] });
    expect(explainAccessFee(input, calculateAccessFee(input))[0]).toBe(
      'The approximate fee for your copy is $10.00, based on our schedule of average labor costs for standard requests.',
    );
  });

  it('says inspection is free (45 CFR 164.524(c)(4))', () => {
    const input = request({ accessType: 'inspect', delivery: 'pickup' });
    expect(explainAccessFee(input, calculateAccessFee(input))).toEqual(['There is no fee to inspect your records.']);
  });

  it('quotes a directive fee without the patient-rate promises (Ciox v. Azar)', () => {
    const input = request({
      recipient: 'third_party_directive',
      lines: [unknownLine('search_retrieval', 2500), { kind: 'postage', amountCents: 300 }],
    });
    expect(explainAccessFee(input, calculateAccessFee(input))).toEqual([
      'The approximate fee for sending a copy of your records to the recipient you named is $28.00.',
      'Other cost (search_retrieval): $25.00.',
      'Postage to mail the copy: $3.00.',
    ]);
  });

  it('tells the privacy officer why no notice can go out for a refused fee', () => {
    const input = request({ delivery: 'email', lines: [{ kind: 'postage', amountCents: 300 }] });
    const sentences = explainAccessFee(input, calculateAccessFee(input));
    expect(sentences[0]).toBe('No fee notice can be sent yet: the fee breaks 1 rule. Correct the fee lines and calculate again.');
    expect(sentences[1]).toContain('45 CFR 164.524(c)(4)(iii)');
  });
});
