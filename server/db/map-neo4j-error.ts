/** Maps a neo4j-driver error to the project's error hierarchy; the one place that reads driver codes. */
import { Neo4jError } from "neo4j-driver";
import { InnographError, TimeoutError, UpstreamUnavailableError, ValidationError, ConflictError } from "../errors.ts";

export function mapNeo4jError(error: unknown, what: string): InnographError {
  if (error instanceof InnographError) return error;
  if (!(error instanceof Neo4jError)) {
    return new InnographError("INTERNAL", `${what}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  const code = error.code ?? "";
  if (code === "ServiceUnavailable" || code === "SessionExpired" || code.includes("DatabaseUnavailable")) {
    return new UpstreamUnavailableError(`${what}: Neo4j is not reachable (${error.message.split("\n")[0]})`, { cause: error });
  }
  if (code === "Neo.ClientError.Security.Unauthorized" || code.includes("AuthenticationRateLimit")) {
    return new UpstreamUnavailableError(`${what}: Neo4j refused the credentials; check NEO4J_USER and NEO4J_PASSWORD`, { cause: error });
  }
  // A transaction its time limit stops while it waits for a lock ends with LockClientStopped instead.
  if (code.includes("TransactionTimedOut") || code === "Neo.ClientError.Transaction.LockClientStopped") {
    return new TimeoutError(`${what}: the query ran past its time limit and was stopped`, { cause: error });
  }
  if (code === "Neo.ClientError.Schema.ConstraintValidationFailed") {
    return new ConflictError(`${what}: ${error.message.split("\n")[0]}`);
  }
  // Before the Statement codes: a write in a read transaction is Neo.ClientError.Statement.AccessMode.
  if (code.startsWith("Neo.ClientError.Security.Forbidden") || code.includes("AccessMode")) {
    return new ValidationError(`${what}: refused — this query may only read (${error.message.split("\n")[0]})`, { cause: error });
  }
  if (code.startsWith("Neo.ClientError.Statement.") || code === "Neo.ClientError.Procedure.ProcedureCallFailed") {
    return new ValidationError(`${what}: ${error.message.split("\n")[0]}`, { cause: error });
  }
  return new InnographError("INTERNAL", `${what}: Neo4j error ${code}`, { cause: error });
}
