// JSON answers, and errors that carry the schema's publish status.
import type { ServerResponse } from 'node:http';
import { publishStatus, type PublishStatusName } from '../schema.js';

export function sendJson(res: ServerResponse, httpStatus: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(httpStatus, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** An API refusal: the schema's HTTP status, and `{error, status, name}` in the body. */
export class ApiError extends Error {
  constructor(
    readonly statusName: PublishStatusName,
    detail?: string,
  ) {
    super(detail ? `${publishStatus(statusName).message}: ${detail}` : publishStatus(statusName).message);
  }
}

export function sendError(res: ServerResponse, error: ApiError): void {
  const status = publishStatus(error.statusName);
  sendJson(res, status.http, { error: error.message, status: status.status, name: status.name });
}
