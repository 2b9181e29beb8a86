/**
 * The error hierarchy: every error a client or an operator can see has a stable code.
 * Driver errors are mapped to these in one place (server/db/map-neo4j-error.ts).
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "UPSTREAM_UNAVAILABLE"
  | "CONFIG_INVALID"
  | "TIMEOUT"
  | "INTERNAL";

export class InnographError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

export class ValidationError extends InnographError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("BAD_USER_INPUT", message, options);
  }
}

export class NotFoundError extends InnographError {
  constructor(message: string) {
    super("NOT_FOUND", message);
  }
}

export class ConflictError extends InnographError {
  constructor(message: string) {
    super("CONFLICT", message);
  }
}

export class UpstreamUnavailableError extends InnographError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("UPSTREAM_UNAVAILABLE", message, options);
  }
}

export class ConfigError extends InnographError {
  constructor(message: string) {
    super("CONFIG_INVALID", message);
  }
}

export class TimeoutError extends InnographError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("TIMEOUT", message, options);
  }
}
