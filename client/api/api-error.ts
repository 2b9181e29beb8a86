/** The page's one error type for API calls, with a stable code the panels show and tests assert. */
export type ApiErrorCode = "UNAVAILABLE" | "BAD_RESPONSE" | "GRAPHQL" | "NOT_FOUND";

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
  }
}
