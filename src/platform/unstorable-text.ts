/**
 * A NUL, or half of a UTF-16 surrogate pair: text no person typed, which PostgreSQL refuses and
 * SQLite stores mangled (a lone surrogate becomes U+FFFD on the way to UTF-8).
 */
export const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
