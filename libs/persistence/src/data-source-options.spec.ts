import { EventEmitter } from 'node:events';
import { dataSourceOptions, keepErrorListener } from './data-source-options.js';

describe('dataSourceOptions', () => {
  it('gives every new pool connection an error listener, so a server going away cannot crash the process', () => {
    const options = dataSourceOptions('postgres://postgres@127.0.0.1:5432/prd_test_options') as { extra: { onConnect?: unknown } };
    expect(options.extra.onConnect).toBe(keepErrorListener);

    // The moment pg-pool hands a connection out: its own listener is off, TypeORM's not yet on.
    const connection = new EventEmitter();
    keepErrorListener(connection);
    expect(() => connection.emit('error', new Error('terminating connection due to administrator command'))).not.toThrow();
  });
});
