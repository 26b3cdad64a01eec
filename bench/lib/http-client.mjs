// A minimal HTTP/1.1 keep-alive client over node:net for the publisher: one request in
// flight per connection, responses parsed just enough to know status and where they end.
// It costs a fraction of node:http's per-request work, so the publisher stays cheap.
import { connect as netConnect } from 'node:net';

export class HttpConnection {
  constructor(host, port) {
    this.host = host;
    this.port = port;
    this.sock = null;
    this.buf = '';
    this.pending = null; // {resolve, reject}
  }

  ensure() {
    if (this.sock && !this.sock.destroyed) return;
    this.buf = '';
    const sock = netConnect({ host: this.host, port: this.port });
    sock.setNoDelay(true);
    sock.setEncoding('latin1');
    sock.on('data', (d) => {
      this.buf += d;
      this.tryComplete();
    });
    const fail = (err) => {
      const p = this.pending;
      this.pending = null;
      this.sock = null;
      if (p) p.reject(err);
    };
    sock.on('error', fail);
    sock.on('close', () => fail(new Error('connection closed')));
    this.sock = sock;
  }

  /** Sends one request; resolves {status, body}. */
  request(method, path, body, headers = '') {
    this.ensure();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      const len = body ? Buffer.byteLength(body) : 0;
      this.sock.write(`${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n${headers}Content-Length: ${len}\r\n\r\n${body ?? ''}`);
    });
  }

  tryComplete() {
    const end = this.buf.indexOf('\r\n\r\n');
    if (end === -1 || !this.pending) return;
    const head = this.buf.slice(0, end).toLowerCase();
    const status = Number(head.slice(9, 12));
    let bodyEnd;
    const cl = /\r\ncontent-length:\s*(\d+)/.exec(head);
    if (cl) {
      bodyEnd = end + 4 + Number(cl[1]);
      if (this.buf.length < bodyEnd) return;
    } else if (head.includes('transfer-encoding: chunked')) {
      const t = this.buf.indexOf('\r\n0\r\n\r\n', end);
      if (t === -1) return;
      bodyEnd = t + 7;
    } else bodyEnd = end + 4;
    const body = this.buf.slice(end + 4, bodyEnd);
    this.buf = this.buf.slice(bodyEnd);
    const p = this.pending;
    this.pending = null;
    if (head.includes('\r\nconnection: close')) this.sock.destroy();
    p.resolve({ status, body });
  }

  close() {
    if (this.sock) this.sock.destroy();
  }
}
