// Certificates for the TLS suite, made by openssl in a temporary directory: a CA of the test's
// own and server certificates it signs for 127.0.0.1 (each with a serial of its own).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  cert: string;
  key: string;
  serial: number;
}

export interface TestCa {
  dir: string;
  /** The CA certificate (PEM file). */
  ca: string;
  /** A server certificate for 127.0.0.1 and localhost, signed by the CA. */
  issue(name: string, serial: number): TestCertificate;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

export function makeCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'pogo-tls-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Pogo Test CA'], dir);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n');
  return {
    dir,
    ca: join(dir, 'ca.pem'),
    issue(name, serial) {
      openssl(['req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', '/CN=127.0.0.1'], dir);
      openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', String(serial), '-days', '2', '-extfile', 'server.ext', '-out', `${name}.pem`], dir);
      return { cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`), serial };
    },
  };
}
