// Runs the end-to-end suite: starts an SMTP sink (mail-sink.mjs) and the built basalt.jar on free
// loopback ports with a fresh data directory and two superusers, runs `node --test` on the test files
// against it, and always stops both afterwards (SIGTERM, then SIGKILL), whatever the tests did. The
// exit code is the tests'.
//
//   node harness.mjs          the suite (test/*.test.mjs)
//   node harness.mjs FILE...  only these files
//   --db=postgres             against a server on PostgreSQL (postgres.mjs starts one) instead of SQLite
import { spawn, execFileSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startMailSink } from "./mail-sink.mjs";
import { startOidc } from "./oidc.mjs";
import { startPostgres } from "./postgres.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const jar = join(root, "server", "target", "basalt.jar");
const logFile = join(here, "target", "basalt-server.log");

export const SUPERUSER = { email: "e2e@example.com", password: "e2e-password-123" };
// A second superuser whose password the mail-flow tests reset, so the one above stays valid.
export const MAIL_SUPERUSER = { email: "e2e-mail@example.com", password: "e2e-mail-password-1" };

// test/*.test.mjs, and on PostgreSQL also test/cluster/*.test.mjs (several nodes on one database).
function testFiles(args, onPostgres) {
  const explicit = args.filter((a) => !a.startsWith("--"));
  if (explicit.length > 0) {
    return explicit;
  }
  const inDir = (dir) => readdirSync(join(here, dir)).filter((f) => f.endsWith(".test.mjs")).sort().map((f) => join(dir, f));
  return onPostgres ? [...inDir("test"), ...inDir(join("test", "cluster"))] : inDir("test");
}

// The same JDK the `basalt` launcher would use.
function findJavaHome() {
  try {
    return execFileSync(join(root, "scripts", "find-java"), { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  } catch {
    process.exit(1); // find-java already said what to install
  }
}

function runJava(javaHome, args, options = {}) {
  return spawn(join(javaHome, "bin", "java"), ["-jar", jar, ...args], options);
}

function exited(child) {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      res();
    } else {
      child.once("exit", () => res());
    }
  });
}

// `--dir DIR`, plus `--db URL` when the suite runs on PostgreSQL.
function dataArgs(dataDir, dbUrl) {
  return dbUrl ? ["--dir", dataDir, "--db", dbUrl] : ["--dir", dataDir];
}

async function upsertSuperuser(javaHome, dataDir, dbUrl, { email, password }) {
  const child = runJava(javaHome, ["superuser", "upsert", email, password, ...dataArgs(dataDir, dbUrl)], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  await exited(child);
  if (child.exitCode !== 0) {
    throw new Error(`superuser upsert failed with exit code ${child.exitCode}`);
  }
}

// Starts `serve` on port 0 and reads the chosen address from its "Server started at" line. Its
// system emails go to the mail sink.
async function startServer(javaHome, dataDir, dbUrl, smtpPort) {
  const log = createWriteStream(logFile);
  // On PostgreSQL the cluster tests start more nodes on the same data directory: one machine's
  // directory is a volume they all share.
  const shared = dbUrl ? ["--storage-shared"] : [];
  const child = runJava(javaHome, ["serve", "--http", "127.0.0.1:0", ...dataArgs(dataDir, dbUrl), ...shared], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, BASALT_SMTP_HOST: "127.0.0.1", BASALT_SMTP_PORT: String(smtpPort), BASALT_APP_NAME: "Basalt e2e" },
  });
  child.stderr.pipe(log);
  const url = await new Promise((res, rej) => {
    let seen = "";
    const timer = setTimeout(() => rej(new Error("the server did not start within 60 s")), 60_000);
    child.stdout.on("data", (chunk) => {
      log.write(chunk);
      seen += chunk;
      const m = seen.match(/Server started at (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      rej(new Error(`the server exited early with code ${code}; see ${logFile}`));
    });
  });
  await waitForHealth(url);
  await disableRateLimits(url);
  return { child, url };
}

// Basalt limits requests by default and every test comes from 127.0.0.1 (the files run in
// parallel, each logging in), so the suite would throttle itself: switch the limits off first.
async function disableRateLimits(url) {
  const login = await fetch(`${url}/api/collections/_superusers/auth-with-password`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ identity: SUPERUSER.email, password: SUPERUSER.password }),
  });
  if (!login.ok) {
    throw new Error(`superuser login failed with ${login.status}`);
  }
  const { token } = await login.json();
  const patch = await fetch(`${url}/api/settings`, {
    method: "PATCH",
    headers: { "Content-Type": "application/json", Authorization: token },
    body: JSON.stringify({ rateLimits: { enabled: false } }),
  });
  if (!patch.ok) {
    throw new Error(`disabling the rate limits failed with ${patch.status}: ${await patch.text()}`);
  }
}

async function waitForHealth(url) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${url}/api/health did not answer 200 within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  child.kill("SIGTERM");
  const killed = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited(child);
  clearTimeout(killed);
}

async function runTests(files, url, env = {}) {
  const child = spawn(process.execPath, ["--test", "--test-reporter=spec", ...files], {
    cwd: here,
    stdio: "inherit",
    env: { ...process.env, BASALT_URL: url, BASALT_SUPERUSER_EMAIL: SUPERUSER.email, BASALT_SUPERUSER_PASSWORD: SUPERUSER.password, ...env },
  });
  await exited(child);
  return child.exitCode ?? 1;
}

async function main() {
  const onPostgres = process.argv.includes("--db=postgres");
  const files = testFiles(process.argv.slice(2), onPostgres);
  if (!existsSync(jar)) {
    console.error(`${jar} is missing: build it first (./mvnw -B package, or ./basalt version).`);
    return 1;
  }
  const javaHome = findJavaHome();
  const dataDir = mkdtempSync(join(tmpdir(), "basalt-e2e-"));
  const mailDir = join(dataDir, "mail");
  mkdirSync(dirname(logFile), { recursive: true });
  let server;
  let mailSink;
  let oidc;
  let postgres;
  const stopOnSignal = async (signal) => {
    if (server) {
      await stopServer(server.child);
    }
    await postgres?.stop();
    await mailSink?.close();
    if (oidc) {
      await stopServer(oidc.child);
    }
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    if (onPostgres) {
      postgres = await startPostgres(javaHome);
    }
    const dbUrl = postgres?.url;
    await upsertSuperuser(javaHome, dataDir, dbUrl, SUPERUSER);
    await upsertSuperuser(javaHome, dataDir, dbUrl, MAIL_SUPERUSER);
    mailSink = await startMailSink(mailDir);
    // The two JVMs start side by side; a failed start of either still stops the other below.
    const oidcStarting = startOidc(javaHome);
    oidcStarting.then((o) => { oidc = o; }, () => {});
    server = await startServer(javaHome, dataDir, dbUrl, mailSink.port);
    oidc = await oidcStarting;
    console.log(`basalt e2e: ${server.url} on ${dbUrl ? "PostgreSQL" : "SQLite"}, smtp 127.0.0.1:${mailSink.port}, OIDC ${oidc.issuer}, data ${dataDir}, ${files.length} test file(s)`);
    const code = await runTests(files, server.url, {
      BASALT_MAIL_SUPERUSER_EMAIL: MAIL_SUPERUSER.email,
      BASALT_MAIL_SUPERUSER_PASSWORD: MAIL_SUPERUSER.password,
      BASALT_MAIL_DIR: mailDir,
      BASALT_OIDC_ISSUER: oidc.issuer,
      ...(dbUrl ? { BASALT_DB_URL: dbUrl, BASALT_JAR: jar, BASALT_JAVA_HOME: javaHome, BASALT_DATA_DIR: dataDir } : {}),
    });
    if (code !== 0) {
      console.error(`basalt e2e: tests failed; server log: ${logFile}`);
    }
    return code;
  } catch (e) {
    console.error(`basalt e2e: ${e.message}`);
    if (existsSync(logFile)) {
      console.error(readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n"));
    }
    return 1;
  } finally {
    if (server) {
      await stopServer(server.child);
    }
    await mailSink?.close();
    await new Promise((r) => setTimeout(r, 0));
    if (oidc) {
      await stopServer(oidc.child);
    }
    await postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
