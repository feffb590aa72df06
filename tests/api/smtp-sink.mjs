// A local SMTP sink for the tests: Debian's python3-aiosmtpd on 127.0.0.1 (a free port), writing
// each message it receives as a file; messages() reads them back decoded.
//
//   const sink = await startSmtpSink();
//   after(() => sink.stop());
//   env: { RELAIS_NOTIFY_SMTP_URL: sink.url, RELAIS_NOTIFY_SMTP_FROM: 'relais@example.org' }
//   const [mail] = await sink.waitFor((m) => m.to.includes('a@example.org'));
//   mail.subject, mail.text, mail.from, mail.to, mail.attachments
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { ROOT } from './harness.mjs';

const TMP_ROOT = process.env.RELAIS_TEST_TMP ?? join(ROOT, 'build/test-tmp');
// Debian's interpreter, where python3-aiosmtpd is installed (a pyenv python3 on PATH lacks it).
const PYTHON = process.env.RELAIS_TEST_PYTHON ?? '/usr/bin/python3';

const SINK = String.raw`
import asyncio, os, sys
from aiosmtpd.smtp import SMTP
out = sys.argv[1]
count = 0
class Handler:
    async def handle_DATA(self, server, session, envelope):
        global count
        count += 1
        path = os.path.join(out, '%05d.eml' % count)
        with open(path + '.tmp', 'wb') as f:
            f.write(('X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n' % (envelope.mail_from, ','.join(envelope.rcpt_tos))).encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(path + '.tmp', path)
        return '250 OK'
async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(Handler()), '127.0.0.1', 0)
    print('port', server.sockets[0].getsockname()[1], flush=True)
    await asyncio.Event().wait()
asyncio.run(main())
`;

function decodeWords(s) {
  return s.replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
}

function parsePart(raw) {
  const at = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, at);
  const body = raw.slice(at + 4);
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(part) {
  return /base64/i.test(part.headers['content-transfer-encoding'] ?? '')
    ? Buffer.from(part.body.replace(/\s+/g, ''), 'base64')
    : Buffer.from(part.body, 'utf8');
}

/** One received message, decoded: { from, to: [...], subject, text, attachments: [{ filename, type, data }], headers }. */
export function parseMessage(raw) {
  const top = parsePart(raw);
  const message = {
    from: top.headers['x-envelope-from'],
    to: (top.headers['x-envelope-to'] ?? '').split(','),
    subject: decodeWords(top.headers.subject ?? ''),
    headers: top.headers,
    text: '',
    attachments: [],
  };
  const boundary = /boundary="([^"]+)"/.exec(top.headers['content-type'] ?? '')?.[1];
  const parts = boundary
    ? raw.split(`--${boundary}`).slice(1, -1).map((p) => parsePart(p.replace(/^\r\n/, '')))
    : [top];
  for (const part of parts) {
    const disposition = part.headers['content-disposition'] ?? '';
    if (/attachment/i.test(disposition)) {
      message.attachments.push({
        filename: /filename="([^"]*)"/.exec(disposition)?.[1],
        type: part.headers['content-type'],
        data: decodeBody(part),
      });
    } else {
      message.text += decodeBody(part).toString('utf8');
    }
  }
  return message;
}

/** Starts the sink; resolves to { port, url, dir, messages(), waitFor(pred, timeoutMs), stop() }. */
export async function startSmtpSink() {
  await mkdir(TMP_ROOT, { recursive: true });
  const dir = await mkdtemp(join(TMP_ROOT, 'smtp-'));
  const child = spawn(PYTHON, ['-c', SINK, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`SMTP sink did not start: ${output}`)), 10_000);
    const onData = (chunk) => {
      output += chunk;
      const m = /port (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        res(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`SMTP sink exited (${code}): ${output} (is python3-aiosmtpd installed? scripts/setup)`));
    });
  });
  const messages = async () => {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.eml')).sort();
    return Promise.all(names.map(async (n) => parseMessage(await readFile(join(dir, n), 'latin1').then((s) => Buffer.from(s, 'latin1').toString('utf8')))));
  };
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    dir,
    messages,
    /** The messages matching pred, once there is at least one (rejects after timeoutMs). */
    async waitFor(pred = () => true, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await messages()).filter(pred);
        if (found.length) return found;
        if (Date.now() > deadline) throw new Error('no matching message reached the SMTP sink');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
