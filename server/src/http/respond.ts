// The HTTP toolkit every listener uses (the API, the dashboard, metrics): a whole answer in one
// write, JSON answers, and errors that carry the schema's publish status.
import type { ServerResponse } from 'node:http';
import { publishStatus, type PublishStatusName } from '../schema.js';

/** The whole answer at once, with its length. */
export function send(res: ServerResponse, httpStatus: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(httpStatus, { ...headers, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** `{}`, what a publish answers: the same object every time, sent with prebuilt headers. */
export const emptyAnswer: Readonly<Record<string, never>> = Object.freeze({});
const emptyAnswerHeaders = ['Content-Type', 'application/json', 'Content-Length', '2'];

export function sendEmptyAnswer(res: ServerResponse): void {
  res.writeHead(200, emptyAnswerHeaders);
  // A string, not a Buffer: Node then sends head and body in one write, not a writev of two.
  res.end('{}');
}

export function sendJson(res: ServerResponse, httpStatus: number, body: unknown, headers: Record<string, string> = {}, contentType = 'application/json'): void {
  send(res, httpStatus, contentType, JSON.stringify(body), headers);
}

/** An API refusal: the schema's HTTP status, and `{error, status, name}` in the body. */
export class ApiError extends Error {
  constructor(
    readonly statusName: PublishStatusName,
    detail?: string,
    /** Headers the answer carries (Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ? `${publishStatus(statusName).message}: ${detail}` : publishStatus(statusName).message);
  }
}

/** An API refusal's JSON body, `{error, status, name}`, whoever writes it. */
export function errorBody(error: ApiError): { error: string; status: number; name: string } {
  const status = publishStatus(error.statusName);
  return { error: error.message, status: status.status, name: status.name };
}

export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, publishStatus(error.statusName).http, errorBody(error), error.headers);
}
