// The preset spells the recovery reasons out (its .d.ts must not embed the schema); they must stay the schema's.
import { expectTypeOf, test } from 'vitest';
import type { RecoveryReason } from '../../src-ts/src/index';
import type schema from '../../config/pogo-websocket.schema.json';

test('RecoveryReason is exactly the schema\'s recovery.reasons', () => {
  expectTypeOf<RecoveryReason>().toEqualTypeOf<keyof typeof schema.recovery.reasons>();
});
