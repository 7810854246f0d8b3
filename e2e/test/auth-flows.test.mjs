import { test } from "node:test";
import assert from "node:assert/strict";
import { ClientResponseError } from "pocketbase";
import { asSuperuser, guest } from "../support.mjs";

function claims(token) {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}

test("listAuthMethods describes the users collection", async () => {
  const methods = await guest().collection("users").listAuthMethods();
  assert.deepEqual(methods.password, { identityFields: ["email"], enabled: true });
  assert.deepEqual(methods.oauth2, { providers: [], enabled: false });
  assert.deepEqual(methods.mfa, { enabled: false, duration: 0 });
  assert.deepEqual(methods.otp, { enabled: false, duration: 0 });
});

test("listAuthMethods of a base collection is a 404", async () => {
  const su = await asSuperuser();
  const name = `base_${Math.random().toString(36).slice(2, 8)}`;
  await su.collections.create({ name, type: "base", fields: [{ name: "title", type: "text" }] });
  await assert.rejects(guest().collection(name).listAuthMethods(),
    (err) => err instanceof ClientResponseError && err.status === 404);
});

test("authRefresh renews a superuser's token and keeps the auth store valid", async () => {
  const pb = await asSuperuser();
  const auth = await pb.collection("_superusers").authRefresh();
  assert.equal(typeof auth.token, "string");
  assert.equal(claims(auth.token).refreshable, true);
  assert.equal(pb.authStore.token, auth.token);
  assert.ok(pb.authStore.isValid);
  assert.ok(pb.authStore.isSuperuser);
});

test("authRefresh without auth is a 401", async () => {
  await assert.rejects(guest().collection("users").authRefresh(),
    (err) => err instanceof ClientResponseError && err.status === 401);
});

test("a superuser impersonates with a non-refreshable token that authRefresh echoes", async () => {
  const su = await asSuperuser();
  const self = su.authStore.record;
  const impersonated = await su.collection("_superusers").impersonate(self.id, 600);
  assert.ok(impersonated.authStore.isValid);
  assert.equal(impersonated.authStore.record.id, self.id);
  assert.equal(claims(impersonated.authStore.token).refreshable, false);
  const token = impersonated.authStore.token;
  const refreshed = await impersonated.collection("_superusers").authRefresh();
  assert.equal(refreshed.token, token);
});

test("a guest cannot impersonate", async () => {
  await assert.rejects(guest().collection("users").impersonate("whatever", 0),
    (err) => err instanceof ClientResponseError && err.status === 401);
});

test("a user signs in with a password, refreshes and is impersonated", async () => {
  const su = await asSuperuser();
  const email = `u_${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = "user-password-123";
  const user = await su.collection("users").create({ email, password, passwordConfirm: password });
  const pb = guest();
  const auth = await pb.collection("users").authWithPassword(email, password);
  assert.equal(auth.record.id, user.id);
  assert.equal(auth.record.email, email);
  assert.ok(pb.authStore.isValid);
  assert.equal(pb.authStore.isSuperuser, false);

  const refreshed = await pb.collection("users").authRefresh();
  assert.equal(refreshed.record.id, user.id);
  assert.ok(pb.authStore.isValid);

  await assert.rejects(pb.collection("users").impersonate(user.id, 0),
    (err) => err instanceof ClientResponseError && err.status === 403);
  const impersonated = await su.collection("users").impersonate(user.id, 0);
  assert.equal(impersonated.authStore.record.id, user.id);
  assert.ok(impersonated.authStore.isValid);
});

test("a wrong password leaves the auth store invalid", async () => {
  const pb = guest();
  await assert.rejects(pb.collection("users").authWithPassword("nobody@example.com", "whatever-123"),
    (err) => err instanceof ClientResponseError && err.status === 400);
  assert.equal(pb.authStore.isValid, false);
});
