// Ports for servers the test run starts. A fixed port fails as soon as anything else on the machine
// uses it, so a port is taken from the environment when set, and otherwise asked of the system.
import net from "node:net";

/** A TCP port on 127.0.0.1 that nothing listens on now (the system picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The value of env[name] when it is set (it must be a port number), else a free port. `avoid`
 * holds ports already handed out in this run, so two servers never get the same one.
 */
export async function portFromEnv(env, name, avoid = []) {
  const raw = env[name];
  if (raw !== undefined && raw !== "") {
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number (1-65535), not "${raw}"`);
    return port;
  }
  for (;;) {
    const port = await freePort();
    if (!avoid.includes(port)) return port;
  }
}
