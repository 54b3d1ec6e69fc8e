/** The media types `POST /disclosures/import` reads as a stream (see importFormatOf). */
export const IMPORT_CONTENT_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'text/csv'];
