import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from './data-dir-lock';

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'loopboard-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the lock until released, and refuses anyone else meanwhile, naming file and holder', () => {
    const release = lockDataDir(dir);
    let refusal: unknown;
    try {
      lockDataDir(dir); // another open of the file, as another process would make
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirInUseError);
    const message = (refusal as Error).message;
    expect(message).toContain(join(dir, LOCK_FILE));
    expect(message).toContain(`process ${process.pid} (`);
    expect(message).toContain('Do not delete the lock file');
    release();
    lockDataDir(dir)();
  });

  it('keeps the holder only as information in the file', () => {
    const release = lockDataDir(dir);
    const text = readFileSync(join(dir, LOCK_FILE), 'utf8');
    expect(text).toMatch(new RegExp(`^pid=${process.pid}$`, 'm'));
    expect(text).toMatch(/^command=.+$/m);
    expect(text).toMatch(/^started=\d{4}-\d\d-\d\dT/m);
    release();
  });

  it('takes over a file a dead holder left, whatever pid it names', () => {
    for (const content of [
      `pid=${process.pid}\ncommand=node dist/main.js\n`,
      '1',
      '4194000',
      'junk',
    ]) {
      writeFileSync(join(dir, LOCK_FILE), content);
      lockDataDir(dir)();
    }
  });
});
