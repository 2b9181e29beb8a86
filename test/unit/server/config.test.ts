import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../server/config.ts";

describe("loadConfig", () => {
  it("names the option and the variable when PORT is not a port", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(/`port` \(PORT="http"\); expecting a whole number from 0 to 65535/);
  });

  it("refuses a NEO4J_URI that is not a Bolt or Neo4j URI", () => {
    expect(() => loadConfig({ NEO4J_URI: "http://localhost:7474" })).toThrow(/NEO4J_URI/);
  });

  it("refuses READ_SLOTS that is not a whole number of at least 1", () => {
    expect(() => loadConfig({ READ_SLOTS: "0" })).toThrow(/`readSlots` \(READ_SLOTS="0"\); expecting a whole number from 1 to 1000/);
    expect(loadConfig({ READ_SLOTS: "16" }).readSlots).toBe(16);
  });

  it("takes WARM_UP on or off, and refuses anything else", () => {
    expect(loadConfig({ WARM_UP: "off" }).warmUp).toBe(false);
    expect(loadConfig({ WARM_UP: "on" }).warmUp).toBe(true);
    expect(() => loadConfig({ WARM_UP: "no" })).toThrow('config: invalid `warmUp` (WARM_UP="no"); expecting on or off');
  });

  it("refuses a short JWT_SECRET and a memory size without unit", () => {
    expect(() => loadConfig({ JWT_SECRET: "short" })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NEO4J_HEAP: "1024" })).toThrow(/NEO4J_HEAP/);
  });

  it("applies defaults and returns a frozen object", () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.neo4jUri).toBeUndefined();
    expect(config.local.boltPort).toBe(7687);
    expect(config.readSlots).toBe(8);
    expect(config.warmUp).toBe(true);
    expect(config.local.dataDir.endsWith(".data/neo4j")).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("uses an external Neo4j when NEO4J_URI is set", () => {
    const config = loadConfig({ NEO4J_URI: "neo4j+s://abc.databases.neo4j.io", NEO4J_PASSWORD: "x" });
    expect(config.neo4jUri).toBe("neo4j+s://abc.databases.neo4j.io");
  });
});
