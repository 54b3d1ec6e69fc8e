/** Every patient right the product tracks, one request type each. */
export const REQUEST_TYPES = [
  'access',
  'amendment',
  'accounting',
  'restriction',
  'confidential_communication',
  'notice_copy',
  'complaint',
  'authorization_revocation',
  'communication_opt_out',
] as const;

export type RequestType = (typeof REQUEST_TYPES)[number];

export function isRequestType(value: string): value is RequestType {
  return (REQUEST_TYPES as readonly string[]).includes(value);
}
