// TLS on the public port (`tls` in the config, WS_TLS_* in the environment): the certificate
// files read and checked, so a missing, unreadable or mismatched one is a ConfigError naming the
// key and the file at start-up, and a bad one on SIGHUP keeps the old one.
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SecureContextOptions } from 'node:tls';
import type { TlsConfig } from '../config/server-config.js';
import { ConfigError } from '../config/values.js';

function read(file: string, key: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(key, `cannot read ${file} (${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message})`);
  }
}

/** The library's message without its OpenSSL error-code prefix. */
const why = (error: unknown): string => (error as Error).message.replace(/^error:[0-9A-F]+:/, '');

function certificate(pem: Buffer, file: string, key: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw new ConfigError(key, `${file} is not a PEM certificate (${why(error)})`);
  }
}

/** Reads and checks the files; the answer is what https.createServer and setSecureContext take. */
export function tlsContextOptions(config: TlsConfig): SecureContextOptions {
  const cert = read(config.cert, 'tls.cert');
  const key = read(config.key, 'tls.key');
  const ca = config.ca === undefined ? undefined : read(config.ca, 'tls.ca');
  const leaf = certificate(cert, config.cert, 'tls.cert');
  if (ca) certificate(ca, config.ca as string, 'tls.ca');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key, ...(config.passphrase !== undefined ? { passphrase: config.passphrase } : {}) });
  } catch (error) {
    const message = why(error);
    if (/passphrase|decrypt|bad decrypt/i.test(message)) throw new ConfigError('tls.passphrase', `does not decrypt ${config.key} (${message})`);
    throw new ConfigError('tls.key', `${config.key} is not a PEM private key (${message})`);
  }
  if (!leaf.checkPrivateKey(privateKey)) throw new ConfigError('tls.key', `${config.key} is not the key of the certificate in ${config.cert}`);
  if (Date.parse(leaf.validTo) < Date.now()) throw new ConfigError('tls.cert', `${config.cert} expired on ${leaf.validTo}`);
  return { cert, key, ...(ca ? { ca } : {}), ...(config.passphrase !== undefined ? { passphrase: config.passphrase } : {}) };
}
