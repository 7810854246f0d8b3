// The `basalt` launcher and the JDK discovery it shares with the harness (scripts/find-java),
// on fake JDKs: shell scripts that answer `java -version` like a real one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const NO_JDK = "Basalt needs a JDK 21 or newer: install one (for example `apt-get install openjdk-21-jdk` or Temurin 21) or set JAVA_HOME.\n";
let dir, tools;

// A fake JDK home whose java reports `version`; without javac when jre is true. With release, it
// has the `release` file of a real JDK (and a java that fails, so that only the file can tell the
// version); with cds, the JDK's own class data sharing archive.
function fakeJdk(name, version, { jre = false, release = false, cds = false } = {}) {
  const home = join(dir, name);
  mkdirSync(join(home, "bin"), { recursive: true });
  const java = join(home, "bin", "java");
  writeFileSync(java, release
    ? "#!/bin/sh\nexit 1\n"
    : `#!/bin/sh\necho '    java.home = ${home}' >&2\necho 'openjdk version "${version}" 2024-01-16' >&2\n`);
  chmodSync(java, 0o755);
  if (!jre) {
    writeFileSync(join(home, "bin", "javac"), "#!/bin/sh\n");
    chmodSync(join(home, "bin", "javac"), 0o755);
  }
  if (release) {
    writeFileSync(join(home, "release"), `IMPLEMENTOR="Test"\nJAVA_RUNTIME_VERSION="${version}+1-test"\nJAVA_VERSION="${version}"\n`);
  }
  if (cds) {
    mkdirSync(join(home, "lib", "server"), { recursive: true });
    writeFileSync(join(home, "lib", "server", "classes.jsa"), "");
  }
  return home;
}

// Only the tools the scripts use, so no real java on the machine can be found through PATH.
function toolDir() {
  const bin = join(dir, "tools");
  mkdirSync(bin);
  for (const tool of ["bash", "sh", "grep", "sed", "head", "sort", "dirname", "find", "readlink", "od", "rm"]) {
    symlinkSync(execFileSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim(), join(bin, tool));
  }
  return bin;
}

function run(script, env, args = []) {
  const r = spawnSync(join(root, script), args, { env: { HOME: dir, ...env }, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), "basalt-launcher-"));
  tools = toolDir();
});

after(() => rmSync(dir, { recursive: true, force: true }));

test("without any JDK the launcher says what to install, in one sentence", () => {
  const r = run("basalt", { PATH: tools, BASALT_JDK_DIRS: "" }, ["version"]);
  assert.equal(r.code, 1);
  assert.equal(r.err, NO_JDK);
  assert.equal(r.out, "");
});

test("a JAVA_HOME with Java 17 is not trusted", () => {
  const old = fakeJdk("jdk-17", "17.0.9");
  const r = run("basalt", { PATH: tools, JAVA_HOME: old, BASALT_JDK_DIRS: "" }, ["version"]);
  assert.equal(r.code, 1);
  assert.equal(r.err, NO_JDK);
});

test("the newest JDK in the install locations wins over an old JAVA_HOME", () => {
  const old = fakeJdk("jvm/jdk-17", "17.0.9");
  fakeJdk("jvm/jdk-21", "21.0.2");
  const newest = fakeJdk("jvm/jdk-25", "25");
  const r = run("scripts/find-java", { PATH: tools, JAVA_HOME: old, BASALT_JDK_DIRS: join(dir, "jvm", "*") });
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, `${newest}\n`);
});

test("a qualifying JAVA_HOME is used first", () => {
  const home = fakeJdk("home-21", "21.0.1");
  fakeJdk("opt/jdk-25", "25.0.1");
  const r = run("scripts/find-java", { PATH: tools, JAVA_HOME: home, BASALT_JDK_DIRS: join(dir, "opt", "*") });
  assert.equal(r.out, `${home}\n`);
});

test("java on PATH is followed to its home", () => {
  const home = fakeJdk("path-jdk", "22.0.2");
  const r = run("scripts/find-java", { PATH: `${join(home, "bin")}:${tools}`, BASALT_JDK_DIRS: "" });
  assert.equal(r.out, `${home}\n`);
});

test("a JRE without javac and an early-access build are told apart", () => {
  fakeJdk("mixed/jre-25", "25", { jre: true });
  const ea = fakeJdk("mixed/jdk-24-ea", "24-ea");
  const r = run("scripts/find-java", { PATH: tools, BASALT_JDK_DIRS: join(dir, "mixed", "*") });
  assert.equal(r.out, `${ea}\n`);
});

test("a JDK's release file tells its version without starting its java", () => {
  const home = fakeJdk("released/jdk-21", "21.0.2", { release: true });
  const r = run("scripts/find-java", { PATH: tools, BASALT_JDK_DIRS: join(dir, "released", "*") });
  assert.equal(r.out, `${home}\n`);
});

// The java command line the launcher would run, one argument per line.
function dryRun(home, args, env = {}) {
  const r = run("basalt", { PATH: tools, JAVA_HOME: home, BASALT_JDK_DIRS: "", BASALT_LAUNCHER_DRY_RUN: "1", ...env }, args);
  assert.equal(r.code, 0, r.err);
  return r.out.trimEnd().split("\n");
}

const jar = join(root, "server", "target", "basalt.jar");
const jsa = join(root, "server", "target", "basalt.jsa");
const aot = join(root, "server", "target", "basalt.aot");

test("without a trained archive for its JDK, serve runs with a dynamic CDS archive next to the jar, silenced", () => {
  const home = fakeJdk("cds/jdk-25", "25.0.1", { release: true, cds: true });
  assert.deepEqual(dryRun(home, ["serve", "--dir", "d"]), [join(home, "bin", "java"), `-XX:SharedArchiveFile=${jsa}`,
    "-Xlog:cds*=off", "--enable-native-access=ALL-UNNAMED", "-Xlog:aot*=off", "-XX:+AutoCreateSharedArchive",
    "-jar", jar, "serve", "--dir", "d"]);
});

test("on JDK 21 the options name no log tag that JDK 21 would refuse", () => {
  const home = fakeJdk("cds/jdk-21", "21.0.4", { release: true, cds: true });
  assert.deepEqual(dryRun(home, ["serve"]).slice(1, -3),
    [`-XX:SharedArchiveFile=${jsa}`, "-Xlog:cds*=off", "--enable-native-access=ALL-UNNAMED", "-XX:+AutoCreateSharedArchive"]);
});

test("other commands, and a JDK without its own archive, run without CDS options", () => {
  const withCds = fakeJdk("cds/jdk-22", "22", { release: true, cds: true });
  assert.deepEqual(dryRun(withCds, ["version"]), [join(withCds, "bin", "java"), "-jar", jar, "version"]);
  const without = fakeJdk("nocds/jdk-24", "24", { release: true });
  assert.deepEqual(dryRun(without, ["serve"]), [join(without, "bin", "java"), "-jar", jar, "serve"]);
});

test("on this machine, serve uses the AOT cache the build trained (JDK 25+)", (t) => {
  const home = execFileSync(join(root, "scripts", "find-java"), { encoding: "utf8" }).trim();
  const release = readFileSync(join(home, "release"), "utf8");
  if (Number(/^JAVA_VERSION="(\d+)/m.exec(release)?.[1]) < 25 || !existsSync(aot)) {
    t.skip("a JDK older than 25, or no AOT cache trained");
    return;
  }
  const r = spawnSync(join(root, "basalt"), ["serve"], { env: { ...process.env, BASALT_LAUNCHER_DRY_RUN: "1" }, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.split("\n").includes(`-XX:AOTCache=${aot}`), r.stdout);
});

test("JAVA_OPTS reach the JVM after the launcher's own options, split on whitespace", () => {
  const home = fakeJdk("opts/jdk-21", "21", { release: true });
  assert.deepEqual(dryRun(home, ["version"], { JAVA_OPTS: " -Xmx256m\t-Dbasalt.x=*  " }),
    [join(home, "bin", "java"), "-Xmx256m", "-Dbasalt.x=*", "-jar", jar, "version"]);
});

test("on this machine the launcher finds a JDK and runs the jar", () => {
  const r = spawnSync(join(root, "basalt"), ["version"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^basalt \S+\n$/);
});
