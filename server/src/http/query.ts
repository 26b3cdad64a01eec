// The request's query, parsed once: the auth fields, the string the Pusher signature covers, and
// the endpoints' own parameters all come from one pass (URLSearchParams cost a publish ~4 µs).

/** What an endpoint reads from the query (URLSearchParams has the same `get`). */
export interface QueryParams {
  get(name: string): string | null;
}

/** A query string split into its pairs, values decoded as URLSearchParams decodes them. */
export class RequestQuery implements QueryParams {
  private constructor(
    private readonly keys: readonly string[],
    private readonly values: readonly string[],
  ) {}

  static parse(raw: string): RequestQuery {
    // `%` or `+` need URLSearchParams' decoding (its rules for bad escapes too), and it drops a
    // leading `?`; the signed queries the SDKs send have none of these, so they are split here.
    if (raw.includes('%') || raw.includes('+') || raw.startsWith('?')) {
      const keys: string[] = [];
      const values: string[] = [];
      for (const [key, value] of new URLSearchParams(raw)) {
        keys.push(key);
        values.push(value);
      }
      return new RequestQuery(keys, values);
    }
    const keys: string[] = [];
    const values: string[] = [];
    let start = 0;
    while (start <= raw.length) {
      let end = raw.indexOf('&', start);
      if (end < 0) end = raw.length;
      if (end > start) {
        const eq = raw.indexOf('=', start);
        if (eq < 0 || eq > end) {
          keys.push(raw.slice(start, end));
          values.push('');
        } else {
          keys.push(raw.slice(start, eq));
          values.push(raw.slice(eq + 1, end));
        }
      }
      start = end + 1;
    }
    return new RequestQuery(keys, values);
  }

  /** The first value of `name`, as URLSearchParams.get answers. */
  get(name: string): string | null {
    const i = this.keys.indexOf(name);
    return i < 0 ? null : (this.values[i] as string);
  }

  /**
   * The string the Pusher HTTP API signs: METHOD, path and every pair but auth_signature, keys
   * lower-cased and sorted (stable: equal keys keep their order), values as decoded, joined by `&`.
   */
  signingString(method: string, path: string): string {
    const pairs: string[] = [];
    const keys: string[] = [];
    let sorted = true;
    for (let i = 0; i < this.keys.length; i++) {
      const key = (this.keys[i] as string).toLowerCase();
      if (key === 'auth_signature') continue;
      if (keys.length > 0 && key < (keys[keys.length - 1] as string)) sorted = false;
      keys.push(key);
      pairs.push(`${key}=${this.values[i] as string}`);
    }
    // The SDKs send the pairs sorted already: then there is nothing to sort.
    if (!sorted) {
      const order = keys.map((_, i) => i).sort((a, b) => {
        const ka = keys[a] as string;
        const kb = keys[b] as string;
        return ka < kb ? -1 : ka > kb ? 1 : a - b;
      });
      return `${method.toUpperCase()}\n${path}\n${order.map((i) => pairs[i]).join('&')}`;
    }
    return `${method.toUpperCase()}\n${path}\n${pairs.join('&')}`;
  }
}
