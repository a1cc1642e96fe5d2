import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('when a line is written, then it is JSON with level label, ISO time and service', () => {
    const { lines, destination } = capture();
    createLogger({ level: 'info', service: 'api', destination }).info({ userId: 'u1' }, 'food entry saved');
    expect(lines[0]).toMatchObject({ level: 'info', service: 'api', userId: 'u1', msg: 'food entry saved' });
    expect(new Date(lines[0]?.time as string).toISOString()).toBe(lines[0]?.time);
  });

  it('when secrets ride along, then they are redacted', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', service: 'api', destination });
    logger.info(
      { req: { headers: { authorization: 'Bearer secret-key' } }, creds: { password: 'hunter2' } },
      'x',
    );
    expect(JSON.stringify(lines[0])).not.toMatch(/secret-key|hunter2/);
  });

  it('when the level is above a line, then it is dropped', () => {
    const { lines, destination } = capture();
    createLogger({ level: 'warn', service: 'api', destination }).info('quiet');
    expect(lines).toHaveLength(0);
  });
});
