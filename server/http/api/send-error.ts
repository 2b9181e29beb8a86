/**
 * The /api error handler: every failure leaves as `{error: {code, message}}` with a matching HTTP
 * status; body-parser failures (malformed or oversized JSON) are the client's. Never a stack trace.
 */
import type { NextFunction, Request, Response } from "express";
import { InnographError, type ErrorCode } from "../../errors.ts";

const STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  TIMEOUT: 408,
  CONFLICT: 409,
  UPSTREAM_UNAVAILABLE: 503,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
};

function bodyMessage(err: { type?: string; message: string; limit?: number }): string | undefined {
  if (err.type === "entity.too.large")
    return `api: the request body is larger than the ${err.limit ?? ""} bytes allowed; send a shorter query or fewer parameters`;
  if (err.type === "entity.parse.failed") return `api: the request body is not valid JSON (${err.message})`;
  if (err.type?.startsWith("entity.") || err.type?.startsWith("encoding.") || err.type?.startsWith("charset."))
    return `api: unreadable request body (${err.message})`;
  return undefined;
}

export function sendError(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof InnographError) {
    const status = STATUS[err.code];
    res.status(status).json({ error: { code: err.code, message: status === 500 ? "internal error" : err.message } });
    return;
  }
  const body = bodyMessage(err as { type?: string; message: string });
  if (body) {
    res.status(400).json({ error: { code: "BAD_USER_INPUT", message: body } });
    return;
  }
  res.status(500).json({ error: { code: "INTERNAL", message: "internal error" } });
}
