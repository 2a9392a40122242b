package io.pocketid.core.service;

/** What went wrong in a service call, so that an adapter can choose a status code. */
public enum ServiceError {
  /** The input breaks a validation rule; the message lists the problems. */
  INVALID_INPUT,
  /** First-run setup was already done: an initial admin exists. */
  SETUP_ALREADY_COMPLETED,
  /** A unique value (username, email) is already taken. */
  ALREADY_IN_USE,
  /** The record asked for does not exist (or is not the caller's). */
  NOT_FOUND,
  /** The caller must prove who they are first (sign in, or a fresh passkey). */
  UNAUTHENTICATED,
  /** The caller is known but may not do this. */
  FORBIDDEN
}
