import { test } from "node:test";
import assert from "node:assert/strict";
import { EventSource } from "eventsource";
import { asSuperuser, guest, uniqueName } from "../support.mjs";

// Node 20 has no EventSource; the SDK looks for the global one.
globalThis.EventSource = EventSource;

/** Collects the SDK's realtime events and waits for a number of them. */
function recorder() {
  const events = [];
  let wake = () => {};
  return {
    events,
    push(e) {
      events.push(e);
      wake();
    },
    async waitFor(count, ms = 1000) {
      const deadline = Date.now() + ms;
      while (events.length < count && Date.now() < deadline) {
        await new Promise((res) => {
          wake = res;
          setTimeout(res, Math.max(0, deadline - Date.now()));
        });
      }
      return events;
    },
  };
}

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

test("a subscriber to collection/* receives create, update and delete within a second", async () => {
  const su = await asSuperuser();
  const name = uniqueName("rt");
  await su.collections.create({ name, type: "base", listRule: "", viewRule: "", fields: [{ name: "title", type: "text" }] });
  const pb = guest();
  const got = recorder();
  const unsubscribe = await pb.collection(name).subscribe("*", (e) => got.push(e));
  try {
    const created = await su.collection(name).create({ title: "one" });
    await su.collection(name).update(created.id, { title: "two" });
    await su.collection(name).delete(created.id);
    const events = await got.waitFor(3);
    assert.deepEqual(events.map((e) => e.action), ["create", "update", "delete"]);
    assert.deepEqual(events.map((e) => e.record.title), ["one", "two", "two"]);
    assert.equal(events[0].record.id, created.id);
    assert.equal(events[0].record.collectionName, name);
  } finally {
    await unsubscribe();
  }
});

test("a guest receives nothing from a collection whose rules are superusers-only", async () => {
  const su = await asSuperuser();
  const name = uniqueName("rt_locked");
  await su.collections.create({ name, type: "base", listRule: null, viewRule: null, fields: [{ name: "title", type: "text" }] });
  const first = await su.collection(name).create({ title: "first" });
  const pb = guest();
  const got = recorder();
  const admin = recorder();
  const offAll = await pb.collection(name).subscribe("*", (e) => got.push(e));
  const offOne = await pb.collection(name).subscribe(first.id, (e) => got.push(e));
  const offAdmin = await su.collection(name).subscribe("*", (e) => admin.push(e));
  try {
    await su.collection(name).create({ title: "second" });
    await su.collection(name).update(first.id, { title: "changed" });
    await admin.waitFor(2);
    await sleep(300);
    assert.equal(admin.events.length, 2);
    assert.equal(got.events.length, 0);
  } finally {
    await offAll();
    await offOne();
    await offAdmin();
  }
});

test("after unsubscribe no more events arrive", async () => {
  const su = await asSuperuser();
  const name = uniqueName("rt_unsub");
  await su.collections.create({ name, type: "base", listRule: "", viewRule: "", fields: [{ name: "title", type: "text" }] });
  const pb = guest();
  const got = recorder();
  const keep = recorder();
  const unsubscribe = await pb.collection(name).subscribe("*", (e) => got.push(e));
  const unsubscribeKeep = await pb.collection(name).subscribe("*", (e) => keep.push(e), { fields: "id" });
  await su.collection(name).create({ title: "seen" });
  await got.waitFor(1);
  await keep.waitFor(1);
  await unsubscribe();
  await su.collection(name).create({ title: "unseen" });
  await keep.waitFor(2);
  await sleep(300);
  assert.equal(got.events.length, 1);
  assert.equal(keep.events.length, 2);
  assert.deepEqual(Object.keys(keep.events[1].record), ["id"]);
  await unsubscribeKeep();
  assert.equal(pb.realtime.isConnected, false);
});
