// A throwaway SMTP server for the end-to-end suite: accepts any mail on a loopback port and
// writes each message, raw, to `<dir>/<n>.eml`, where the test processes read it (they run apart
// from the harness, so files are the simplest channel). No TLS, no auth: loopback only.
import { SMTPServer } from "smtp-server";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export async function startMailSink(dir) {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on("data", (c) => chunks.push(c));
      stream.on("end", () => {
        count += 1;
        writeFileSync(join(dir, `${String(count).padStart(5, "0")}.eml`), Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise((res, rej) => {
    server.once("error", rej);
    server.listen(0, "127.0.0.1", res);
  });
  return { port: server.server.address().port, close: () => new Promise((res) => server.close(res)) };
}
