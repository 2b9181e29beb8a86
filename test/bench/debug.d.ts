/** The `debug` package (a dependency of @neo4j/graphql) ships no types; api-latency.ts uses enable, log and formatters. */
declare module "debug" {
  interface Debug {
    enable(namespaces: string): void;
    log: (...args: unknown[]) => void;
    formatters: Record<string, (v: unknown) => string>;
  }
  const debug: Debug;
  export default debug;
}
