// A fake HTTP SMS gateway for the tests (notify.sms_gateway_url, platform/notify): a node http
// server on 127.0.0.1 (a free port) that records each JSON POST and answers with `status`.
//
//   const gateway = await startSmsGateway({ user: 'bailleur', password: 's3cret' });
//   after(() => gateway.stop());
//   env: { RELAIS_NOTIFY_SMS_GATEWAY_URL: gateway.url, RELAIS_NOTIFY_SMS_GATEWAY_USER: 'bailleur', ... }
//   const [sms] = await gateway.waitFor((m) => m.to === '+33612345642');
//   sms.id, sms.to, sms.text, sms.sender, sms.authorization
import { createServer } from 'node:http';

export async function startSmsGateway({ status = 202, user = '', password = '' } = {}) {
  const received = [];
  const gateway = { status, received };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const expected = user ? 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64') : null;
      if (req.method !== 'POST' || (expected && req.headers.authorization !== expected)) {
        res.writeHead(req.method !== 'POST' ? 405 : 401).end();
        return;
      }
      let sms;
      try {
        sms = JSON.parse(body);
      } catch {
        res.writeHead(400).end();
        return;
      }
      received.push({ ...sms, path: req.url, contentType: req.headers['content-type'], authorization: req.headers.authorization });
      res.writeHead(gateway.status, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  gateway.url = `http://127.0.0.1:${server.address().port}/v1/sms`;
  gateway.stop = () => new Promise((resolve) => server.close(resolve));
  /** The SMS matching `pred` (waits up to `ms`). */
  gateway.waitFor = async (pred, ms = 10_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = received.filter(pred);
      if (found.length) return found;
      if (Date.now() > deadline) throw new Error('no matching SMS reached the fake gateway');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return gateway;
}
