import { v7 } from 'uuid';

/** New internal ids are UUIDv7: unique across processes and roughly time-ordered, which keeps indexes compact. */
export function newId(): string {
  return v7();
}
