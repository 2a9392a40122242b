/**
 * Adoption of a Pocket ID v1.15 database at start-up: detection (empty, ours, Pocket ID's with its
 * migration version, foreign), refusal before anything is written, and the move of Pocket ID's rows
 * into our schema in one transaction (on SQLite after a backup copy beside the file). Not an API.
 */
package io.pocketid.storage.jdbc.internal.adopt;
