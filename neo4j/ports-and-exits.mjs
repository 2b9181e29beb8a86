// Shared by start-neo4j.ts and build-class-archive.mjs (which runs under plain node at npm install,
// before any TypeScript loader): a free loopback port, and waiting for a child process to exit.
import net from "node:net";

/** A port on loopback that is free right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves true once the child has exited (at once if it already has), false after `ms`. */
export function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
