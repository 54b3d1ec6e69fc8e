import { clientDetailsSchema, type FieldSpec, type RequestType } from '#domain';
import type { FormField, FormSection } from './portal-views.js';

/** Types a person may ask for without being the patient on record (any person may). */
export const NO_PATIENT_TYPES: readonly RequestType[] = ['notice_copy', 'complaint'];

const AUTHORITY_BASES = ['healthcare_power_of_attorney', 'guardian', 'parent', 'executor', 'administrator', 'other_legal_authority'];

function text(name: string, required: boolean, autocomplete?: string, kind: FormField['kind'] = 'text'): FormField {
  return { name, labelKey: `fields.${name}`, kind, required, ...(autocomplete ? { autocomplete } : {}) };
}

/** Form fields of one intake detail, from the type's schema: the form asks what the API asks, no more. */
function detailFields(prefix: string, field: string, spec: FieldSpec): FormField[] {
  const name = `${prefix}.${field}`;
  const base = { name, labelKey: `fields.${name}`, required: Boolean(spec.required) };
  switch (spec.type) {
    case 'string':
    case 'integer':
    case 'uuid':
      return [{ ...base, kind: 'text' }];
    case 'text':
      return [{ ...base, kind: 'textarea' }];
    case 'date':
      return [{ ...base, kind: 'date' }];
    case 'boolean':
      return [{ ...base, kind: 'checkbox' }];
    case 'enum':
      return [
        {
          ...base,
          kind: spec.values.length <= 4 ? 'radio' : 'select',
          options: spec.values.map((value) => ({ value, labelKey: `options.${name}.${value}` })),
        },
      ];
    case 'enum[]':
      return [{ ...base, kind: 'checkboxes', options: spec.values.map((value) => ({ value, labelKey: `options.${name}.${value}` })) }];
    case 'object':
      return Object.entries(spec.fields)
        .flatMap(([child, childSpec]) => detailFields(name, child, childSpec))
        .map((child) => ({ ...child, required: child.required && Boolean(spec.required) }));
    case 'object[]':
      // Lists (e.g. linked requests) are for staff; the patient can say it in words.
      return [];
  }
}

/** The form of one right, grouped in fieldsets. */
export function formSections(type: RequestType): FormSection[] {
  const contact = [
    text('patient.email', false, 'email', 'email'),
    text('patient.phone', false, 'tel', 'tel'),
    text('patient.address.line1', false, 'address-line1'),
    text('patient.address.line2', false, 'address-line2'),
    text('patient.address.city', false, 'address-level2'),
    text('patient.address.state', false, 'address-level1'),
    text('patient.address.postalCode', false, 'postal-code'),
  ];
  // Anyone may ask for the notice or complain: then only a name and a way to reach them.
  const aboutYou: FormField[] = NO_PATIENT_TYPES.includes(type)
    ? [text('requester.name', true, 'name'), ...contact]
    : [
        text('patient.givenName', true, 'given-name'),
        text('patient.familyName', true, 'family-name'),
        text('patient.dateOfBirth', true, 'bday', 'date'),
        ...contact,
      ];
  const sections: FormSection[] = [{ legendKey: 'form.section.patient', fields: aboutYou }];
  if (!NO_PATIENT_TYPES.includes(type)) {
    sections.push({
      legendKey: 'form.section.requester',
      fields: [
        {
          name: 'requester.type',
          labelKey: 'fields.requester.type',
          kind: 'radio',
          required: true,
          options: ['individual', 'personal_representative'].map((value) => ({ value, labelKey: `options.requester.type.${value}` })),
        },
        text('requester.name', false, 'name'),
        text('requester.relationship', false),
        {
          name: 'requester.authority.basis',
          labelKey: 'fields.requester.authority.basis',
          kind: 'select',
          required: false,
          options: AUTHORITY_BASES.map((value) => ({ value, labelKey: `options.authority.basis.${value}` })),
        },
        { name: 'requester.attestation', labelKey: 'fields.requester.attestation', kind: 'checkbox', required: false },
      ],
    });
  }
  const details = Object.entries(clientDetailsSchema(type)).flatMap(([field, spec]) => detailFields('details', field, spec));
  // A copy sent to someone else needs the patient's signed, written direction (164.524(c)(3)(ii)).
  if (type === 'access')
    details.push({ name: 'directive.attestation', labelKey: 'fields.directive.attestation', kind: 'checkbox', required: false });
  if (details.length) sections.push({ legendKey: 'form.section.request', fields: details });
  sections.push({
    legendKey: 'form.section.contact',
    fields: [
      {
        name: 'language',
        labelKey: 'fields.language',
        kind: 'radio',
        required: true,
        options: [
          { value: 'en', labelKey: 'options.language.en' },
          { value: 'es', labelKey: 'options.language.es' },
        ],
      },
    ],
  });
  return sections;
}

/** Every field name of a form, to know which submitted keys belong to it. */
export function fieldKinds(sections: FormSection[]): Map<string, FormField> {
  return new Map(sections.flatMap((section) => section.fields.map((field) => [field.name, field] as const)));
}

/**
 * Turns the flat form post (patient.givenName=…, details.fields=a&details.fields=b)
 * into the nested body the API takes. Empty inputs are absent; checkboxes are
 * true; lists stay lists. Unknown names are dropped here and never reach the rules.
 */
export function nestFormBody(sections: FormSection[], form: Record<string, unknown>): Record<string, unknown> {
  const fields = fieldKinds(sections);
  const body: Record<string, unknown> = {};
  for (const [name, field] of fields) {
    const raw = form[name];
    let value: unknown;
    if (field.kind === 'checkbox') value = raw === undefined || raw === '' ? undefined : true;
    else if (field.kind === 'checkboxes')
      value = raw === undefined ? undefined : (Array.isArray(raw) ? raw : [raw]).filter((item) => item !== '');
    else value = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    setPath(body, name, value);
  }
  return body;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]] = value;
}

/** The submitted values, to re-fill the form after an error. */
export function withValues(sections: FormSection[], form: Record<string, unknown>, errors: Map<string, string>): FormSection[] {
  return sections.map((section) => ({
    ...section,
    fields: section.fields.map((field) => {
      const raw = form[field.name];
      const value = Array.isArray(raw) ? raw.map(String) : raw === undefined ? undefined : String(raw);
      return { ...field, ...(value !== undefined ? { value } : {}), ...(errors.has(field.name) ? { error: errors.get(field.name) } : {}) };
    }),
  }));
}
