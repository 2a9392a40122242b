/**
 * The export file of {@code pocket-id export} / {@code import}: a versioned JSON document of every
 * table's rows (format in {@code docs/export-format.md}).
 */
package io.pocketid.server.internal.transfer;
