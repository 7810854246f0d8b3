import { test } from "node:test";
import assert from "node:assert/strict";
import { guest, asSuperuser } from "../support.mjs";

test("pb.settings.getAll() answers the settings without secrets", async () => {
  const pb = await asSuperuser();
  const settings = await pb.settings.getAll();
  assert.equal(typeof settings.meta.appName, "string");
  assert.equal(settings.smtp.password, undefined);
  assert.equal(settings.s3.secret, undefined);
  assert.ok(Array.isArray(settings.rateLimits.rules));
  assert.ok(settings.rateLimits.rules.some((r) => r.label === "*:auth"));
  assert.deepEqual(settings.superuserIPs, []);
});

test("pb.settings.update() merges a partial object and answers the full settings", async () => {
  const pb = await asSuperuser();
  const before = await pb.settings.getAll();
  const updated = await pb.settings.update({ meta: { hideControls: !before.meta.hideControls } });
  assert.equal(updated.meta.hideControls, !before.meta.hideControls);
  assert.equal(updated.meta.appName, before.meta.appName);
  const restored = await pb.settings.update({ meta: { hideControls: before.meta.hideControls } });
  assert.equal(restored.meta.hideControls, before.meta.hideControls);
});

test("a guest cannot read the settings", async () => {
  await assert.rejects(guest().settings.getAll(), (e) => e.status === 401);
});
