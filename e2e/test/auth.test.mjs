import { test } from "node:test";
import assert from "node:assert/strict";
import { ClientResponseError } from "pocketbase";
import { guest, superuser } from "../support.mjs";

test("a superuser signs in with a password", async () => {
  const pb = guest();
  const auth = await pb.collection("_superusers").authWithPassword(superuser.email, superuser.password);
  assert.equal(typeof auth.token, "string");
  assert.ok(auth.token.length > 0);
  assert.equal(auth.record.email, superuser.email);
  assert.equal(auth.record.collectionName, "_superusers");
  assert.equal(auth.record.password, undefined);
  assert.equal(auth.record.tokenKey, undefined);
  assert.ok(pb.authStore.isValid);
  assert.ok(pb.authStore.isSuperuser);
  assert.equal(pb.authStore.token, auth.token);
});

test("a wrong password is rejected with a 400 ClientResponseError", async () => {
  const pb = guest();
  await assert.rejects(
    pb.collection("_superusers").authWithPassword(superuser.email, "not-the-password"),
    (err) => {
      assert.ok(err instanceof ClientResponseError);
      assert.equal(err.status, 400);
      assert.deepEqual(err.response.data, {});
      assert.equal(typeof err.response.message, "string");
      return true;
    },
  );
  assert.equal(pb.authStore.isValid, false);
});

test("an unknown identity is rejected like a wrong password", async () => {
  await assert.rejects(
    guest().collection("_superusers").authWithPassword("nobody@example.com", "whatever-password"),
    (err) => err instanceof ClientResponseError && err.status === 400,
  );
});
