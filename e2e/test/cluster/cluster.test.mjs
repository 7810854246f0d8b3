// Cluster mode, end to end: runs only in the suite on PostgreSQL (harness.mjs --db=postgres picks
// test/cluster/ then). Node A is the harness's server; this file starts nodes B and C as separate
// processes of the same jar on the same database, and kills B with SIGKILL halfway.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import PocketBase from "pocketbase";
import { EventSource } from "eventsource";
import { asSuperuser, uniqueName, url as nodeA, superuser } from "../../support.mjs";

globalThis.EventSource = EventSource;

const { BASALT_DB_URL: dbUrl, BASALT_JAR: jar, BASALT_JAVA_HOME: javaHome, BASALT_DATA_DIR: dataDir } = process.env;
if (!dbUrl || !jar || !javaHome || !dataDir) {
  throw new Error("the cluster test needs BASALT_DB_URL, BASALT_JAR, BASALT_JAVA_HOME and BASALT_DATA_DIR (harness.mjs --db=postgres)");
}

const nodes = [];
const realtimeClients = [];
after(async () => {
  // A realtime client of a dead node would reconnect forever and keep this file running.
  for (const pb of realtimeClients) {
    pb.realtime.disconnect();
  }
  for (const n of nodes) {
    if (n.child.exitCode === null && n.child.signalCode === null) {
      n.child.kill("SIGKILL");
    }
  }
});

/** Starts one more node on the harness's database; resolves to `{ child, url }` once it is healthy. */
async function startNode() {
  const child = spawn(join(javaHome, "bin", "java"),
    ["-jar", jar, "serve", "--http", "127.0.0.1:0", "--dir", dataDir, "--db", dbUrl, "--storage-shared"],
    { stdio: ["ignore", "pipe", "ignore"] });
  const url = await new Promise((res, rej) => {
    let seen = "";
    const timer = setTimeout(() => rej(new Error("a node did not start within 60 s")), 60_000);
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const m = seen.match(/Server started at (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    child.once("exit", (code) => rej(new Error(`a node exited early with code ${code}`)));
  });
  const node = { child, url };
  nodes.push(node);
  return node;
}

function killed(child) {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      res();
    } else {
      child.once("exit", res);
      child.kill("SIGKILL");
    }
  });
}

async function superuserOn(nodeUrl) {
  const pb = new PocketBase(nodeUrl);
  pb.autoCancellation(false);
  await pb.collection("_superusers").authWithPassword(superuser.email, superuser.password);
  return pb;
}

/** A realtime subscriber on a node: every event it received, in arrival order. */
async function subscriber(nodeUrl, collection) {
  const pb = new PocketBase(nodeUrl);
  realtimeClients.push(pb);
  const events = [];
  const unsubscribe = await pb.collection(collection).subscribe("*", (e) => events.push({ action: e.action, id: e.record.id, n: e.record.n }));
  return { events, unsubscribe, pb };
}

async function waitUntil(check, ms, what) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every event once, and per record in the order the writes were made (create, then its update). */
function assertOncePerWriteInOrder(events, label) {
  const seen = new Set();
  const created = new Set();
  for (const e of events) {
    const key = `${e.action}:${e.id}`;
    assert.ok(!seen.has(key), `${label}: ${key} delivered twice`);
    seen.add(key);
    if (e.action === "create") {
      created.add(e.id);
      assert.equal(e.n, 0, `${label}: the create of ${e.id} carries its first value`);
    } else {
      assert.equal(e.action, "update");
      assert.ok(created.has(e.id), `${label}: the update of ${e.id} arrived before its create`);
      assert.equal(e.n, 1, `${label}: the update of ${e.id} carries its new value`);
    }
  }
}

test("events of 1,000 writes through node A reach subscribers on B and C; B killed midway, A and C go on, B comes back", async () => {
  const su = await asSuperuser();
  const name = uniqueName("cluster");
  await su.collections.create({
    name, type: "base", listRule: "", viewRule: "", createRule: null, updateRule: null,
    fields: [{ name: "n", type: "number" }],
  });
  const b = await startNode();
  const c = await startNode();
  const onB = await subscriber(b.url, name);
  const onC = await subscriber(c.url, name);
  const writer = await superuserOn(nodeA);

  // 500 records created, then each updated: 1,000 acknowledged writes, in 5 parallel lanes.
  const RECORDS = 500;
  const acknowledged = [];
  let writes = 0;
  let bKilledAfter = -1;
  const lane = async (from) => {
    for (let i = from; i < RECORDS; i += 5) {
      const r = await writer.collection(name).create({ n: 0 });
      acknowledged.push(r.id);
      writes++;
      await writer.collection(name).update(r.id, { n: 1 });
      writes++;
      if (writes >= 500 && bKilledAfter < 0) {
        bKilledAfter = writes;
        await killed(b.child);
      }
    }
  };
  await Promise.all([0, 1, 2, 3, 4].map(lane));
  assert.equal(writes, 2 * RECORDS);
  assert.ok(bKilledAfter > 0, "node B was killed during the run");

  // C saw every write exactly once, in order per record.
  await waitUntil(() => onC.events.length >= 2 * RECORDS, 20_000, `1,000 events on C (got ${onC.events.length})`);
  await sleep(500);
  assert.equal(onC.events.length, 2 * RECORDS, "C: no event doubled");
  assertOncePerWriteInOrder(onC.events, "C");
  // B saw the writes before its death, each once and in order.
  assert.ok(onB.events.length > 0 && onB.events.length <= bKilledAfter + 10, `B got ${onB.events.length} events before dying`);
  assertOncePerWriteInOrder(onB.events, "B");
  onB.pb.realtime.disconnect();
  await onC.unsubscribe();

  // No acknowledged write is lost: A and C read every record with its final value.
  for (const nodeUrl of [nodeA, c.url]) {
    const pb = await superuserOn(nodeUrl);
    const all = await pb.collection(name).getFullList({ batch: 500 });
    assert.equal(all.length, RECORDS);
    assert.deepEqual(new Set(all.map((r) => r.id)), new Set(acknowledged));
    assert.ok(all.every((r) => r.n === 1));
  }

  // B restarts on the same database and serves again, realtime included.
  const b2 = await startNode();
  const again = await subscriber(b2.url, name);
  const one = await writer.collection(name).create({ n: 0 });
  await waitUntil(() => again.events.length >= 1, 5_000, "an event on the restarted B");
  assert.deepEqual(again.events, [{ action: "create", id: one.id, n: 0 }]);
  assert.equal((await new PocketBase(b2.url).collection(name).getList(1, 1)).totalItems, RECORDS + 1);
  await again.unsubscribe();
});

test("50 clients incrementing one number through two nodes end at the exact total", async () => {
  const su = await asSuperuser();
  const name = uniqueName("counter");
  await su.collections.create({
    name, type: "base", listRule: "", viewRule: "", createRule: "", updateRule: "",
    fields: [{ name: "count", type: "number" }],
  });
  const counter = await su.collection(name).create({ count: 0 });
  const other = nodes.find((n) => n.child.exitCode === null && n.child.signalCode === null) ?? (await startNode());
  const CLIENTS = 50;
  const EACH = 4;
  await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => {
    const pb = new PocketBase(i % 2 === 0 ? nodeA : other.url);
    pb.autoCancellation(false);
    for (let k = 0; k < EACH; k++) {
      await pb.collection(name).update(counter.id, { "count+": 1 });
    }
  }));
  const final = await su.collection(name).getOne(counter.id);
  assert.equal(final.count, CLIENTS * EACH);
});
