import { test } from "node:test";
import assert from "node:assert/strict";
import { ClientResponseError } from "pocketbase";
import { guest } from "../support.mjs";
import { awaitMail, linkToken, messages } from "../mail.mjs";

const mailSuperuser = {
  email: process.env.BASALT_MAIL_SUPERUSER_EMAIL,
  password: process.env.BASALT_MAIL_SUPERUSER_PASSWORD,
};

function uniqueEmail(prefix) {
  return `${prefix}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

test("a user registers, verifies by the link in the mail, resets the password and logs in with it", async () => {
  const pb = guest();
  const email = uniqueEmail("mailflow");
  const password = "first-password-1";
  const created = await pb.collection("users").create({ email, password, passwordConfirm: password });
  assert.equal(created.verified, false);

  assert.equal(await pb.collection("users").requestVerification(email), true);
  const verificationMail = await awaitMail(email);
  assert.match(verificationMail.html, /confirm-verification\//);
  assert.equal(await pb.collection("users").confirmVerification(linkToken(verificationMail, "confirm-verification")), true);

  const auth = await pb.collection("users").authWithPassword(email, password);
  assert.equal(auth.record.verified, true);

  const newPassword = "second-password-2";
  assert.equal(await pb.collection("users").requestPasswordReset(email), true);
  const resetMail = await awaitMail(email, 2);
  const token = linkToken(resetMail, "confirm-password-reset");
  assert.equal(await pb.collection("users").confirmPasswordReset(token, newPassword, newPassword), true);

  await assert.rejects(guest().collection("users").authWithPassword(email, password), (e) => e.status === 400);
  const again = await guest().collection("users").authWithPassword(email, newPassword);
  assert.equal(again.record.email, email);
});

test("a superuser resets the password by the link in the mail and logs in with the new one", async () => {
  const pb = guest();
  assert.equal(await pb.collection("_superusers").requestPasswordReset(mailSuperuser.email), true);
  const mail = await awaitMail(mailSuperuser.email);
  assert.match(mail.html, /Basalt e2e/);
  const token = linkToken(mail, "confirm-password-reset");

  const newPassword = "reset-by-mail-3";
  assert.equal(await pb.collection("_superusers").confirmPasswordReset(token, newPassword, newPassword), true);
  await assert.rejects(
    guest().collection("_superusers").authWithPassword(mailSuperuser.email, mailSuperuser.password),
    (e) => e instanceof ClientResponseError && e.status === 400,
  );
  const auth = await guest().collection("_superusers").authWithPassword(mailSuperuser.email, newPassword);
  assert.equal(auth.record.email, mailSuperuser.email);

  await assert.rejects(
    pb.collection("_superusers").confirmPasswordReset(token, "another-password-4", "another-password-4"),
    (e) => e instanceof ClientResponseError && e.status === 400 && e.response.data.token !== undefined,
  );
});

test("an unknown address gets a 204 and no mail", async () => {
  const email = uniqueEmail("nobody");
  assert.equal(await guest().collection("users").requestPasswordReset(email), true);
  assert.equal(await guest().collection("users").requestVerification(email), true);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(messages().filter((m) => m.to.includes(email)).length, 0);
});
