import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnInGroup } from "@/scripts/processes";

// MailDev (tests/peers), a real SMTP server, started as a child process on free ports; what it
// received is read back from its HTTP API.

const MAILDEV = path.resolve("tests/peers/node_modules/maildev/dist/bin/maildev.js");
export type ReceivedMail = { subject: string; to: { address: string }[]; text: string; html: string };
export type MailDev = {
  web: string;
  smtpPort: number;
  smtpUrl: string;
  received: (subject: string) => Promise<ReceivedMail>;
  stop: () => Promise<void>;
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startMailDev(): Promise<MailDev> {
  if (!existsSync(MAILDEV)) {
    throw new Error("MailDev is not installed in tests/peers: run `npm ci --prefix tests/peers` first (npm test does this)");
  }
  const smtpPort = await freePort();
  const webPort = await freePort();
  const mailDir = mkdtempSync(path.join(tmpdir(), "postmill-maildev-"));
  const web = `http://127.0.0.1:${webPort}`;
  const args = ["--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "-s", String(smtpPort), "-w", String(webPort), "--mail-directory", mailDir];
  // Its own process group, stopped when the test process ends if the test did not stop it.
  const proc: ChildProcess = spawnInGroup(process.execPath, [MAILDEV, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
  proc.stdout!.on("data", keep);
  proc.stderr!.on("data", keep);
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((ok) => proc.once("exit", () => ok()));
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(mailDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null)
      throw new Error(`MailDev exited (${proc.exitCode ?? proc.signalCode}) before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`MailDev did not answer on ${web} within 20 s:\n${output}`);
    }
    if (
      await fetch(`${web}/api/email`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const received = async (subject: string): Promise<ReceivedMail> => {
    const end = Date.now() + 10_000;
    for (;;) {
      const all = (await (await fetch(`${web}/api/email`)).json()) as ReceivedMail[];
      const found = all.find((m) => m.subject === subject);
      if (found) return found;
      if (Date.now() > end) throw new Error(`no e-mail "${subject}" arrived; MailDev has: ${all.map((m) => m.subject).join(", ")}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { web, smtpPort, smtpUrl: `smtp://127.0.0.1:${smtpPort}`, received, stop };
}
