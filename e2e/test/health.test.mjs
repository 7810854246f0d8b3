import { test } from "node:test";
import assert from "node:assert/strict";
import { guest, asSuperuser } from "../support.mjs";

test("pb.health.check() answers the healthy message", async () => {
  const health = await guest().health.check();
  assert.deepEqual(health, { code: 200, message: "API is healthy.", data: {} });
});

test("a superuser's health check carries diagnostic data", async () => {
  const pb = await asSuperuser();
  const health = await pb.health.check();
  assert.equal(health.code, 200);
  assert.equal(typeof health.data.canBackup, "boolean");
  assert.equal(health.data.realIP, "127.0.0.1");
});
