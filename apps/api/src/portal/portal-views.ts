/**
 * The view models of the patient portal's pages: what the controller gives
 * each template in apps/api/views/portal/*.eta. Every string a person reads
 * comes from the message catalogue (portal-messages.ts) through `t`.
 */
export type PortalLanguage = 'en' | 'es';

/** Translates a catalogue key, filling {placeholders}; unknown keys show the key (a test catches them). */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface PageBase {
  lang: PortalLanguage;
  t: Translate;
  /** <title> and the page's h1. */
  title: string;
  /** The same page in the other language (href). */
  otherLanguageHref: string;
  clinic: { legalName: string; phone: string; email: string | null };
}

export interface RightSummary {
  type: string;
  /** catalogue key prefix: `rights.<type>.title`, `rights.<type>.summary` */
  formHref: string;
}

export interface IndexView extends PageBase {
  rights: RightSummary[];
  statusHref: string;
}

/** One input of a form, generated from the request type's intake schema plus the common fields. */
export interface FormField {
  /** The form control's name; nested names use dots (patient.givenName, details.accessType). */
  name: string;
  /** Catalogue key of the label; `<labelKey>.hint` may hold a hint. */
  labelKey: string;
  kind: 'text' | 'textarea' | 'date' | 'email' | 'tel' | 'select' | 'radio' | 'checkbox' | 'checkboxes';
  required: boolean;
  /** For select/radio/checkboxes: values with their catalogue label keys. */
  options?: { value: string; labelKey: string }[];
  /** The submitted value, to re-fill the form after an error. */
  value?: string | string[];
  /** The message when invalid, already translated. */
  error?: string;
  autocomplete?: string;
}

/** Fields grouped as fieldsets: about you, who is asking, what you want, delivery, contact. */
export interface FormSection {
  legendKey: string;
  fields: FormField[];
}

export interface FormView extends PageBase {
  type: string;
  action: string;
  sections: FormSection[];
  /** Problems at the top of the form, each linking to its field (href `#field-<name>`). */
  errorSummary: { name: string; message: string }[];
  csrfToken: string;
  /** Sent back unchanged: a double submit files one request. */
  idempotencyKey: string;
}

export interface ConfirmationView extends PageBase {
  reference: string;
  /** The due date in words, in the page's language. */
  dueInWords: string;
  deadlineKind: 'legal' | 'policy';
  /** The status link with the secret token: shown once, never again. */
  statusHref: string;
  statusToken: string;
}

export interface StatusLookupView extends PageBase {
  reference?: string;
  /** Set when a lookup failed: the same words for an unknown reference and a wrong token. */
  notFound: boolean;
  csrfToken: string;
}

export interface TimelineItem {
  /** The date in words. */
  when: string;
  /** What happened, in plain words (already translated). */
  what: string;
}

export interface StatusAction {
  action: string;
  /** catalogue key of the button and its explanation: `status.actions.<action>` and `.help`. */
  labelKey: string;
  /** Extra inputs the action needs (e.g. the statement of disagreement). */
  fields: FormField[];
}

export interface StatusView extends PageBase {
  reference: string;
  /** catalogue key of the type's title: `rights.<type>.title` */
  type: string;
  /** The state in plain words (from the state machine's `plain` text, translated). */
  stateText: string;
  open: boolean;
  dueInWords: string | null;
  overdue: boolean;
  timeline: TimelineItem[];
  documents: { title: string; href: string; date: string }[];
  actions: StatusAction[];
  /** Hidden inputs that carry reference and token on the action forms. */
  token: string;
  csrfToken: string;
  /** A message after an action (already translated), e.g. "Your request was withdrawn." */
  notice?: string;
}

export interface ErrorView extends PageBase {
  message: string;
}
