// Types of browser-storage's JavaScript API and of this application's typed stores, for the ES
// module <path>/stores.js and the global window.BrowserStorage (docs/javascript.md). Generated from
// the stores' POJOs when the application was built: do not edit.

/** Where a typed store keeps its values. */
export type StoreArea = "local" | "session";

/** A change the glue reports: a server batch applied, or another tab's write. */
export interface StorageChange {
  area: StoreArea | "cookie";
  /** The full key, "<app>:<namespace>.<field>", or a cookie's name. */
  key: string;
  /** The stored JSON text, or null once removed. */
  value: string | null;
  source: "server" | "browser";
}

/**
 * The fields of T that page script may write: all but the readonly ones, the @Signed fields, which
 * only the server writes.
 */
export type WritableField<T> = {
  [K in keyof T]-?: (<X>() => X extends { [Q in K]: T[K] } ? 1 : 2) extends
    (<X>() => X extends { -readonly [Q in K]: T[K] } ? 1 : 2) ? K : never;
}[keyof T];

/**
 * What every typed store has beside a property per field. A store with a version (version = N on its
 * annotation) reads every field as its default, and its writes throw an Error named
 * InvalidStateError, while the browser holds values of another version: an older one until the
 * server's migration arrives (then the fields' onChange listeners hear the migrated values), a newer
 * one after a rollback.
 */
export interface StoreMethods<T> {
  /** The field's stored value, or its default when absent, expired, unreadable or of another version. */
  get<K extends keyof T>(field: K): T[K];
  /** Checks the value as the server would, stores it and tells the server; null removes it. */
  set<K extends WritableField<T>>(field: K, value: T[K] | null): void;
  /** Removes the field's value (it then reads as its default) and tells the server. */
  remove(field: WritableField<T>): void;
  /** Calls the listener when a server batch or another tab changes the field; returns what stops it. */
  onChange<K extends keyof T>(field: K, listener: (value: T[K], change: StorageChange) => void): () => void;
}

/**
 * A typed store: reading a field's property gives its stored value or default; assigning one
 * checks and stores it (a TypeError, RangeError or QuotaExceededError if it does not fit). A @Signed
 * field's property is readonly: page script reads it, assigning it throws a TypeError.
 */
export type TypedStore<T> = StoreMethods<T> & Omit<T, keyof StoreMethods<T>>;

/** The glue, window.BrowserStorage. */
export interface BrowserStorageApi {
  /** Starts syncing the keys of options.app; data-app on the glue's script tag does it on load. */
  start(options: { app: string; path?: string }): void;
  /** The stored JSON text of an app key ("<app>:<namespace>.<field>"), or null. */
  get(key: string, area?: StoreArea): string | null;
  /** Stores the JSON text under an app key and tells the server. */
  set(key: string, jsonText: string, area?: StoreArea): void;
  /** Removes an app key and tells the server. */
  remove(key: string, area?: StoreArea): void;
  /** Calls the listener after a server batch applies or another tab changes a key. */
  onChange(listener: (change: StorageChange) => void): void;
  /** This tab's id. */
  tabId(): string | null;
  /** The headers that name this tab to the server. */
  headers(): { "X-Browser-Storage-Tab": string };
  /** The sync socket's state. */
  state(): "connecting" | "open" | "closed";
  /** The app id given to start(), or null before. */
  app(): string | null;
  /** The typed stores, by namespace (after <path>/stores.global.js or stores.js has loaded). */
  stores: Stores;
}
