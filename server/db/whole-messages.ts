/**
 * neo4j-driver (6.x) reads a Bolt message that came in more than one chunk (Neo4j sends a record of more
 * than a few kB so: a neighbourhood's edges as one list, a page of flows) through a CombinedBuffer, which
 * finds every byte it reads by walking the list of chunks, and decodes every string chunk by chunk. Such a
 * record costs several times the CPU of the same values sent as rows (BENCHMARKS.md § 2/3, nineteenth
 * session; neo4j/neo4j-javascript-driver#1223). This joins the chunks of such a message into one buffer,
 * once, before the driver reads it; the driver's own code then takes its one-chunk path.
 *
 * Applied once, on import, to the driver that `neo4j-driver` loads. A driver whose internals are not the
 * ones this expects is left as it is (`joinsMessages()` says which), so an upgrade can cost speed, never
 * answers; test/integration/whole-messages.test.ts fails then.
 */
import { createRequire } from "node:module";

interface ChannelBuffer {
  _buffer: Buffer;
  position: number;
  length: number;
}
interface Dechunker {
  _currentMessage: unknown[];
  _onHeader(header: number): unknown;
}

let joined = 0;

function apply(): boolean {
  try {
    // The copy of the Bolt layer that neo4j-driver itself loads, not any other one in node_modules.
    const fromDriver = createRequire(createRequire(import.meta.url).resolve("neo4j-driver"));
    const chunking = fromDriver("neo4j-driver-bolt-connection/lib/channel/chunking.js") as {
      Dechunker?: { prototype: Dechunker };
    };
    const channelBuf = fromDriver("neo4j-driver-bolt-connection/lib/channel/channel-buf.js") as {
      default?: new (buffer: Buffer) => ChannelBuffer;
    };
    const proto = chunking.Dechunker?.prototype;
    const Channel = channelBuf.default;
    if (!proto || typeof proto._onHeader !== "function" || typeof Channel !== "function") return false;
    const onHeader = proto._onHeader;
    proto._onHeader = function (this: Dechunker, header: number) {
      const parts = this._currentMessage;
      // header 0 ends a message; its chunks are slices (position 0) of what the socket read.
      if (
        header === 0 &&
        Array.isArray(parts) &&
        parts.length > 1 &&
        parts.every((p) => p instanceof Channel && p.position === 0 && p._buffer.length === p.length)
      ) {
        this._currentMessage = [new Channel(Buffer.concat((parts as ChannelBuffer[]).map((p) => p._buffer)))];
        joined++;
      }
      return onHeader.call(this, header);
    };
    return true;
  } catch {
    return false;
  }
}

const applied = apply();

/** Whether the driver's messages of several chunks are joined (false: its internals were not as expected). */
export function joinsMessages(): boolean {
  return applied;
}

/** How many messages of several chunks were joined in this process (for tests). */
export function joinedMessages(): number {
  return joined;
}
