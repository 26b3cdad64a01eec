// A test page's script bundled (esbuild) as Vite builds an app's: import.meta.env.VITE_* replaced at
// build time, pointing the shipped preset at the server under test.
import { build } from 'esbuild';

export interface PageBundle {
  /** The bundled ES module, to serve as the page's /app.js. */
  js: Uint8Array;
  /** Every file the bundle was made from (esbuild's metafile), relative to the repository. */
  inputs: string[];
}

/** Bundles `entry` for the browser with VITE_POGO_APP_KEY and http://127.0.0.1:`port`, plus any other `env`. */
export async function bundlePage(entry: string, appKey: string, port: number, env: Record<string, string> = {}): Promise<PageBundle> {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: {
      'import.meta.env': JSON.stringify({ VITE_POGO_APP_KEY: appKey, VITE_POGO_HOST: '127.0.0.1', VITE_POGO_PORT: String(port), VITE_POGO_SCHEME: 'http', ...env }),
    },
  });
  return { js: bundle.outputFiles[0]!.contents, inputs: Object.keys(bundle.metafile.inputs) };
}
