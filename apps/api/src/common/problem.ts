/** An RFC 9457 problem document, as every error of the API is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
  errorId?: string;
  code?: string;
  /** The rule's reason code when an action is refused (409), e.g. EXTENSION_ALREADY_USED. */
  reason?: string;
  citation?: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Title of a status code, for problems that bring none of their own. */
export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server error' : 'Request error');
}

/** `type` URI of a problem: a stable name clients can switch on. */
export function typeFor(status: number, code?: string): string {
  const slug = (code ?? titleFor(status)).toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `https://patient-rights-desk.dev/problems/${slug}`;
}
