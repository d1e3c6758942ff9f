/** The part of fs-native-extensions (no types of its own) that the data directory lock uses. */
declare module 'fs-native-extensions' {
  /** Takes an exclusive (or, with `shared`, a shared) lock on an open file; false if held. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
}
