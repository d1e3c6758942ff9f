/** Flushes buffered spans and stops exporting. */
export type StopTracing = () => Promise<void>;
