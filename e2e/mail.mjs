// Reads the mail the harness's SMTP sink received (raw .eml files in BASALT_MAIL_DIR): just enough
// MIME to find a message by recipient and decode its HTML part.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.BASALT_MAIL_DIR;

function splitHeaders(raw) {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? "" : raw.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  return { headers, body };
}

function decode(body, encoding = "") {
  switch (encoding.toLowerCase()) {
    case "quoted-printable":
      return Buffer.from(
        body.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
        "latin1",
      ).toString("utf8");
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    default:
      return body;
  }
}

function parts(headers, body) {
  const boundary = /boundary="?([^";]+)"?/i.exec(headers["content-type"] ?? "")?.[1];
  if (!boundary) {
    return [{ headers, body }];
  }
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((p) => !p.startsWith("--"))
    .flatMap((p) => {
      const part = splitHeaders(p.replace(/^\r?\n/, ""));
      return parts(part.headers, part.body);
    });
}

/** Every message received so far: { to, subject, html }. */
export function messages() {
  if (!dir) {
    throw new Error("BASALT_MAIL_DIR is not set: run the tests through `node harness.mjs`.");
  }
  return readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .sort()
    .map((f) => {
      const { headers, body } = splitHeaders(readFileSync(join(dir, f), "latin1"));
      const html = parts(headers, body).find((p) => /text\/html/i.test(p.headers["content-type"] ?? ""));
      return {
        to: headers["to"] ?? "",
        subject: headers["subject"] ?? "",
        html: html ? decode(html.body, html.headers["content-transfer-encoding"]) : "",
      };
    });
}

/** Waits (up to 10 s) for the n-th message to that address and returns it. */
export async function awaitMail(address, n = 1) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = messages().filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
    if (found.length >= n) {
      return found[n - 1];
    }
    if (Date.now() > deadline) {
      throw new Error(`no mail #${n} for ${address} within 10 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The token at the end of the `.../<route>/<token>` link of a mail. */
export function linkToken(mail, route) {
  const m = new RegExp(`/${route}/([A-Za-z0-9_.-]+)`).exec(mail.html);
  if (!m) {
    throw new Error(`no ${route} link in ${mail.html}`);
  }
  return m[1];
}
